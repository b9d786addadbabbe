// The maker page: a person chooses or drops a folder of documents, the indexer (the same Rust
// as the corpus-viewer command, compiled to Wasm) indexes it in this tab, and the page offers
// the single-file viewer to save, or a chunked viewer in one .zip file for a large folder (or
// when asked). Nothing leaves the machine: no request is made.
//
// The page carries, in data blocks (base64): the indexer's module and glue, the viewer's
// engine module, the viewer's glue and interface scripts, and the viewer's HTML shell; the
// indexer's glue (wasm-bindgen's no-modules target) also runs before this script in the same
// scope. The work runs in a worker made from those blocks, so the page stays responsive
// whatever the folder's size, and choosing another folder stops it; where a worker cannot
// start, it runs in the page between paints.

const MAX_FILE_BYTES = 16 * 1024 * 1024;
const encoder = new TextEncoder();

function block(name) {
  const element = document.querySelector(`script[data-maker="${name}"]`);
  if (!element) throw new Error(`this maker page is damaged: its ${name} is missing`);
  const binary = atob(element.textContent.trim());
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const text = (bytes) => new TextDecoder().decode(bytes);
const $ = (id) => document.getElementById(id);

/** Paths compare as their UTF-8 bytes, the order the indexer takes files in. */
function byPath(a, b) {
  const x = encoder.encode(a.relative);
  const y = encoder.encode(b.relative);
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** Files from the folder input: the chosen folder's own name is dropped from each path. */
function fromInput(fileList) {
  return Array.from(fileList, (file) => {
    const path = file.webkitRelativePath || file.name;
    const slash = path.indexOf("/");
    return { relative: slash >= 0 && file.webkitRelativePath ? path.slice(slash + 1) : path, file };
  });
}

/** Files from a drop: folders are read through the entries API, loose files as they are. */
async function fromDrop(items) {
  const entries = Array.from(items, (item) => item.webkitGetAsEntry?.()).filter(Boolean);
  const out = [];
  const readAll = (reader) => new Promise((resolve, reject) => {
    const all = [];
    const next = () => reader.readEntries((batch) => (batch.length ? (all.push(...batch), next()) : resolve(all)), reject);
    next();
  });
  const visit = async (entry, prefix) => {
    if (entry.isFile) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      out.push({ relative: prefix + entry.name, file });
    } else if (entry.isDirectory) {
      for (const child of await readAll(entry.createReader())) await visit(child, `${prefix}${entry.name}/`);
    }
  };
  // One folder dropped: its contents are the corpus, as with the folder input.
  if (entries.length === 1 && entries[0].isDirectory) {
    for (const child of await readAll(entries[0].createReader())) await visit(child, "");
  } else {
    for (const entry of entries) await visit(entry, "");
  }
  return out;
}

function formatBytes(n) {
  return n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1048576).toFixed(1)} MB`;
}

function fileName(title, extension = "html") {
  const base = (title || "corpus").normalize("NFKD").replace(/[^\w\s-]/g, "").trim().replace(/\s+/g, "-").slice(0, 60);
  return `${base || "corpus"}.${extension}`;
}

function show(element, visible) {
  element.hidden = !visible;
}

/**
 * The work itself: indexes `job.files` (sorted by path) with the indexer of `bindgen` and
 * assembles the viewer. Runs in a worker (its source is this function's text) or, where the
 * page cannot start one, in this tab; so it uses nothing from outside but its arguments.
 * Calls `progress({ done, count, read, total })` as files are read, and awaits what it returns;
 * returns `{ outcome,
 * page }` (the report, without the index, and the viewer as a Blob).
 */
async function indexFolder(bindgen, job, progress) {
  const documentPattern = /\.(txt|text|md|markdown|html?)$/i;
  const hidden = (relative) => relative.split("/").some((name) => name.startsWith("."));
  const manifest = job.files.find((f) => f.relative === "corpus.toml");
  const indexer = new bindgen.Indexer(manifest ? await manifest.file.text() : undefined, job.folder);
  const documents = job.files.filter((f) => documentPattern.test(f.relative) && !hidden(f.relative));
  const total = documents.reduce((sum, f) => sum + f.file.size, 0);
  let done = 0;
  let read = 0;
  for (const { relative, file } of job.files) {
    if (hidden(relative)) {
      // The indexer reports it (a hidden folder once) and reads nothing.
      indexer.add(relative, new Uint8Array());
      continue;
    }
    if (!documentPattern.test(relative)) continue;
    if (file.size > job.maxFileBytes) {
      indexer.skip(relative, `${Math.ceil(file.size / 1048576)} MiB is over the ${job.maxFileBytes / 1048576} MiB limit for one file`);
    } else {
      indexer.add(relative, new Uint8Array(await file.arrayBuffer()));
    }
    done += 1;
    read += file.size;
    if (done % 20 === 0 || done === documents.length) await progress({ done, count: documents.length, read, total });
  }
  await progress({ done, count: documents.length, read, total, building: true });
  const outcome = indexer.finish(job.title);
  const title = job.title ?? outcome.title ?? undefined;
  const { shell, glue, engine, interface: scripts } = job.viewer;
  // A folder of chunks when asked for, or past the size at which the command makes one.
  if (job.chunked || outcome.index.length > bindgen.chunkedFromBytes()) {
    const archive = bindgen.chunkedViewerArchive(shell, glue, engine, scripts, job.name, outcome.index, title);
    delete outcome.index;
    return { outcome, page: new Blob([archive], { type: "application/zip" }), chunked: true };
  }
  const page = bindgen.viewerPage(shell, glue, engine, scripts, job.name, outcome.index, title);
  delete outcome.index;
  return { outcome, page: new Blob([page], { type: "text/html" }), chunked: false };
}

/** The running job: its worker, to stop it when another folder is chosen. */
let current = null;

/** Runs `job` in a worker; null when the page cannot start one. */
function inWorker(job, progress) {
  let worker;
  try {
    // The job comes first, then its files a batch at a time, then the word to start.
    const source = `${text(block("indexer-glue"))}\n${indexFolder.toString()}\n` +
      "let job;\n" +
      "self.onmessage = async ({ data }) => {\n" +
      "  if (data.job) { job = data.job; job.indexer = data.indexer; return; }\n" +
      "  if (data.files) { job.files.push(...data.files); return; }\n" +
      "  try {\n" +
      "    await wasm_bindgen({ module_or_path: await WebAssembly.compile(job.indexer) });\n" +
      "    self.postMessage({ result: await indexFolder(wasm_bindgen, job, (p) => self.postMessage({ progress: p })) });\n" +
      "  } catch (error) { self.postMessage({ error: String(error && error.message || error) }); }\n" +
      "};\n";
    const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    worker = new Worker(url);
    URL.revokeObjectURL(url);
  } catch {
    return null;
  }
  const promise = new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => {
      if (data.progress) progress(data.progress);
      else if (data.error) reject(new Error(data.error));
      else resolve(data.result);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(event.message || "the indexing worker stopped"));
    };
  });
  // Each File sent costs the browser some work: a few at a time, with paints between.
  (async () => {
    worker.postMessage({ indexer: block("indexer"), job: { ...job, files: [] } });
    for (let i = 0; i < job.files.length; i += 50) {
      worker.postMessage({ files: job.files.slice(i, i + 50) });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    worker.postMessage({ start: true });
  })();
  return { promise, stop: () => worker.terminate() };
}

async function make(files, folderName, isFolder = true) {
  // A new folder replaces the one being indexed.
  current?.stop();
  const run = { stop: () => {} };
  current = run;
  const status = $("status");
  show($("report"), false);
  show($("result"), false);
  $("error").textContent = "";
  const started = performance.now();
  const progress = ({ done, count, read, total, building }) => {
    if (current !== run) return;
    if (building) {
      status.textContent = `Read ${count} files, ${formatBytes(total)}; building the index and the viewer…`;
      return;
    }
    const elapsed = (performance.now() - started) / 1000;
    const left = read > 0 && elapsed > 1 ? Math.round((elapsed * (total - read)) / read) : null;
    status.textContent = `Read ${done} of ${count} files, ${formatBytes(read)} of ${formatBytes(total)}` +
      (left != null ? ` · about ${left} s left` : "");
  };
  try {
    files.sort(byPath);
    const title = $("title").value.trim() || undefined;
    const job = {
      files,
      title,
      name: (folderName || "corpus").replace(/[^A-Za-z0-9_-]/g, "-") || "corpus",
      folder: isFolder ? folderName || undefined : undefined,
      maxFileBytes: MAX_FILE_BYTES,
      chunked: $("chunked").checked,
      viewer: {
        shell: text(block("viewer-shell")),
        glue: text(block("viewer-glue")),
        engine: block("viewer-engine"),
        interface: text(block("viewer-interface")),
      },
    };
    const worker = inWorker(job, progress);
    if (worker) run.stop = worker.stop;
    // Without a worker, the work runs here, and the page answers only between files.
    const { outcome, page, chunked } = await (worker?.promise ?? indexFolder(wasm_bindgen, job, (p) => {
      progress(p);
      return new Promise((resolve) => setTimeout(resolve, 0));
    }));
    if (current !== run) return;
    listReport(outcome);
    const url = URL.createObjectURL(page);
    const save = $("save");
    save.href = url;
    save.download = fileName(title ?? outcome.title ?? folderName, chunked ? "zip" : "html");
    save.textContent = `Save ${save.download} (${formatBytes(page.size)})`;
    // A folder of chunks opens once unzipped; a single page shows here as it is.
    show($("unzip"), chunked);
    show($("preview"), !chunked);
    if (chunked) $("preview").removeAttribute("src");
    else $("preview").src = url;
    show($("result"), true);
    status.textContent = `Indexed ${outcome.indexed} of ${outcome.found} files in ${((performance.now() - started) / 1000).toFixed(1)} s.`;
  } catch (error) {
    if (current !== run) return;
    status.textContent = "";
    $("error").textContent = `No viewer was made: ${error?.message ?? error}`;
  } finally {
    if (current === run) {
      run.stop();
      current = null;
    }
  }
}

function listReport(outcome) {
  const list = $("skipped");
  list.replaceChildren(...outcome.skipped.map(({ path, reason }) => {
    const item = document.createElement("li");
    const code = document.createElement("code");
    code.textContent = path;
    item.append(code, `: ${reason}`);
    return item;
  }));
  const warnings = $("warnings");
  warnings.replaceChildren(...outcome.warnings.map((warning) => {
    const item = document.createElement("li");
    item.textContent = warning;
    return item;
  }));
  $("summary").textContent = `Found ${outcome.found} files, indexed ${outcome.indexed}, skipped ${outcome.skipped.length}.`;
  show($("skipped-box"), outcome.skipped.length > 0);
  show($("warnings-box"), outcome.warnings.length > 0);
  show($("report"), true);
}

async function start() {
  try {
    await wasm_bindgen({ module_or_path: await WebAssembly.compile(block("indexer")) });
  } catch (error) {
    $("error").textContent = `This maker page is damaged and cannot index: ${error?.message ?? error}`;
    return;
  }
  $("status").textContent = "Ready: choose or drop a folder.";
  const folder = $("folder");
  folder.disabled = false;
  $("files").disabled = false;
  folder.addEventListener("change", () => {
    const files = fromInput(folder.files);
    const first = folder.files[0]?.webkitRelativePath?.split("/")[0];
    if (files.length) make(files, first);
  });
  $("files").addEventListener("change", (event) => {
    const files = fromInput(event.target.files);
    if (files.length) make(files, "corpus", false);
  });
  const drop = $("drop");
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", async (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    const items = event.dataTransfer?.items;
    const entries = items ? Array.from(items, (item) => item.webkitGetAsEntry?.()).filter(Boolean) : [];
    const isFolder = entries.length === 1 && entries[0].isDirectory;
    const files = items ? await fromDrop(items) : fromInput(event.dataTransfer.files);
    if (files.length) make(files, isFolder ? entries[0].name : "corpus", isFolder);
  });
}

start();
