// The maker page: a person chooses or drops a folder of documents, the indexer (the same Rust
// as the corpus-viewer command, compiled to Wasm) indexes it in this tab, and the page offers
// the single-file viewer to save. Nothing leaves the machine: no request is made.
//
// The page carries, in data blocks (base64): the indexer's module, the viewer's engine module,
// the viewer's glue and interface scripts, and the viewer's HTML shell; the indexer's glue
// (wasm-bindgen's no-modules target) runs before this script in the same scope.

const MAX_FILE_BYTES = 16 * 1024 * 1024;
const DOCUMENT = /\.(txt|text|md|markdown|html?)$/i;
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

function fileName(title) {
  const base = (title || "corpus").normalize("NFKD").replace(/[^\w\s-]/g, "").trim().replace(/\s+/g, "-").slice(0, 60);
  return `${base || "corpus"}.html`;
}

function show(element, visible) {
  element.hidden = !visible;
}

let running = false;

async function make(files, folderName) {
  if (running) return;
  running = true;
  const status = $("status");
  const report = $("report");
  const result = $("result");
  show(report, false);
  show(result, false);
  $("error").textContent = "";
  try {
    files.sort(byPath);
    const manifestFile = files.find((f) => f.relative === "corpus.toml");
    const indexer = new wasm_bindgen.Indexer(manifestFile ? await manifestFile.file.text() : undefined);
    const documents = files.filter((f) => DOCUMENT.test(f.relative) && !f.relative.split("/").some((n) => n.startsWith(".")));
    const total = documents.reduce((sum, f) => sum + f.file.size, 0);
    const started = performance.now();
    let done = 0;
    let read = 0;
    for (const { relative, file } of files) {
      if (relative.split("/").some((name) => name.startsWith("."))) {
        // Hidden: the indexer reports it (a hidden folder once) and reads nothing.
        indexer.add(relative, new Uint8Array());
        continue;
      }
      if (!DOCUMENT.test(relative)) continue;
      if (file.size > MAX_FILE_BYTES) {
        indexer.skip(relative, `${Math.ceil(file.size / 1048576)} MiB is over the 16 MiB limit for one file`);
      } else {
        indexer.add(relative, new Uint8Array(await file.arrayBuffer()));
      }
      {
        done += 1;
        read += file.size;
        const elapsed = (performance.now() - started) / 1000;
        const left = read > 0 && elapsed > 1 ? Math.round((elapsed * (total - read)) / read) : null;
        status.textContent = `Read ${done} of ${documents.length} files, ${formatBytes(read)} of ${formatBytes(total)}` +
          (left != null ? ` · about ${left} s left` : "");
        // Let the page paint and answer between files.
        if (done % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
    status.textContent = "Building the index…";
    await new Promise((resolve) => setTimeout(resolve, 0));
    const title = $("title").value.trim() || undefined;
    const outcome = indexer.finish(title);
    const name = (folderName || "corpus").replace(/[^A-Za-z0-9_-]/g, "-") || "corpus";
    const page = wasm_bindgen.viewerPage(
      text(block("viewer-shell")), text(block("viewer-glue")), block("viewer-engine"),
      text(block("viewer-interface")), name, outcome.index, title ?? outcome.title ?? undefined,
    );
    listReport(outcome);
    const blob = new Blob([page], { type: "text/html" });
    const url = URL.createObjectURL(blob);
    const save = $("save");
    save.href = url;
    save.download = fileName(title ?? outcome.title ?? folderName);
    save.textContent = `Save ${save.download} (${formatBytes(blob.size)})`;
    $("preview").src = url;
    show(result, true);
    status.textContent = `Indexed ${outcome.indexed} of ${outcome.found} files in ${((performance.now() - started) / 1000).toFixed(1)} s.`;
  } catch (error) {
    status.textContent = "";
    $("error").textContent = `No viewer was made: ${error?.message ?? error}`;
  } finally {
    running = false;
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
    if (files.length) make(files, "corpus");
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
    const name = entries.length === 1 && entries[0].isDirectory ? entries[0].name : "corpus";
    const files = items ? await fromDrop(items) : fromInput(event.dataTransfer.files);
    if (files.length) make(files, name);
  });
}

start();
