// Shared set-up for the browser tests: the built page, a loopback server for
// it, and a headless Chromium with a fresh profile. A test file sets itself up
// with one call at its top:
//
//   const env = useSetUp();          // the browser, and a server for dist/
//   const env = useSetUp({ fixture: { corpus: "tests/fixtures/rtl", name: "rtl" } });
//   const browser = useBrowser();    // the browser alone
//
// (a function given last runs once they are ready), and declares its tests
// over file://, or over file:// and http:// when what they test depends on
// how the page is opened, with describeOrigins().

import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, isAbsolute, join, normalize, resolve, sep } from "node:path";
import { after, before, describe } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

export const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const distDir = join(repoRoot, "dist");
export const pagePath = join(distDir, "index.html");
/** The corpus-viewer command that ./build.sh built along with dist/; it carries the engine. */
export const commandPath = join(resolve(repoRoot, process.env.CARGO_TARGET_DIR || "target"), "release", "corpus-viewer");

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Throws a clear error when the page has not been built. */
export function requireBuiltPage() {
  if (!existsSync(pagePath)) {
    throw new Error(`${pagePath} is missing: run ./build.sh first`);
  }
}

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
};

/**
 * A module of www/viewer/ bundled (esbuild, as build.sh bundles the interface) into a classic
 * script that puts its exports on `globalThis[name]`, to test it alone in a blank page.
 */
export async function moduleScript(module, name) {
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [join(repoRoot, "www/viewer", module)],
    bundle: true,
    format: "iife",
    globalName: name,
    loader: { ".css": "text" },
    write: false,
    logLevel: "warning",
  });
  return result.outputFiles[0].text;
}

/** The files a build lists in OUT/.corpus-viewer-files, as a map from path to SHA-256. */
async function builtFiles(out) {
  const listing = await readFile(join(out, ".corpus-viewer-files"), "utf8");
  return new Map(listing.split("\n").filter(Boolean).map((line) => line.split(/\s+/).reverse()));
}

/** Files a build writes the same whatever the corpus: the maker (engine, indexer and interface) and the engine's package. */
const CORPUS_FREE_FILES = ["make.html", "pkg/corpus_viewer.js", "pkg/corpus_viewer_bg.wasm"];

/**
 * Builds the viewer for a fixture corpus (a folder of the repository, or an absolute path) into
 * a temporary folder with the command that ./build.sh built along with dist/ (indexing and
 * writing: well under a second), and returns that folder (remove it with `rm`). Throws when
 * the command is missing, or when it carries another engine or interface than dist/ holds.
 */
export async function buildFixture(corpus, name, args = [], { env = {} } = {}) {
  requireBuiltPage();
  if (!existsSync(commandPath)) throw new Error(`${commandPath} is missing: run ./build.sh first`);
  const out = await mkdtemp(join(tmpdir(), `corpus-viewer-${name}-`));
  try {
    await new Promise((done, fail) => {
      execFile(
        commandPath,
        ["build", isAbsolute(corpus) ? corpus : join(repoRoot, corpus), "--out", out, "--name", name, ...args],
        { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, ...env } },
        (error, stdout, stderr) => (error ? fail(new Error(`corpus-viewer build ${corpus} failed:\n${stdout}${stderr}`)) : done()),
      );
    });
    const [fixture, dist] = await Promise.all([builtFiles(out), builtFiles(distDir)]);
    const differ = CORPUS_FREE_FILES.filter((file) => !fixture.get(file) || fixture.get(file) !== dist.get(file));
    if (differ.length > 0) {
      throw new Error(`${commandPath} and dist/ come from different builds (${differ.join(", ")} differ): run ./build.sh`);
    }
  } catch (error) {
    await rm(out, { recursive: true, force: true });
    throw error;
  }
  return out;
}

/**
 * Serves dist/ (or `root`) on 127.0.0.1 at a free port. `requests` lists every
 * path asked for, so a test can check that the page loads nothing but itself;
 * `pages` maps extra paths to HTML served in place of files.
 */
export async function startServer(root = distDir) {
  const requests = [];
  const pages = new Map();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    requests.push(path);
    if (pages.has(path)) {
      res.writeHead(200, { "content-type": CONTENT_TYPES[".html"], "cache-control": "no-store" });
      res.end(pages.get(path));
      return;
    }
    const relative = path === "/" ? "index.html" : normalize(path).replace(/^[/\\]+/, "");
    const file = join(root, relative);
    if (!file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((done, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", done);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/index.html`,
    origin: `http://127.0.0.1:${port}`,
    requests,
    pages,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Headless Chromium with a throw-away profile. */
export async function launchBrowser() {
  const userDataDir = await mkdtemp(join(tmpdir(), "corpus-viewer-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The two ways the page is opened: double-clicked, and over http. */
export const ORIGINS = ["file", "http"];

/**
 * Declares the tests of `body(origin)` once for each origin of `origins`, each time in a
 * suite named after it ("over file://", "over http://"). What depends on how the page is
 * opened (loading, the content policy and the network, links, embedding, the maker) is
 * tested over both; the rest over ["file"], the way the single file is meant to be opened.
 */
export function describeOrigins(origins, body) {
  for (const origin of origins) describe(`over ${origin}://`, () => body(origin));
}

/**
 * Starts what a test file needs: the browser, a server for `root` (dist/ by default), and
 * functions that give URLs of the served folder for an origin. With `fixture: { corpus,
 * name, args }`, builds that corpus (buildFixture, with the command's further `args`) and
 * serves the viewer built for it instead.
 */
export async function setUp({ fixture } = {}) {
  requireBuiltPage();
  const fixtureDir = fixture ? await buildFixture(fixture.corpus, fixture.name, fixture.args) : null;
  const root = fixtureDir ?? distDir;
  let browser;
  let server;
  try {
    browser = await launchBrowser();
    server = await startServer(root);
  } catch (error) {
    await browser?.close();
    if (fixtureDir) await rm(fixtureDir, { recursive: true, force: true });
    throw error;
  }
  const indexPath = join(root, "index.html");
  let variantDir = null;
  /** A file of the served folder, at a file:// or http:// URL. */
  const url = (origin, path = "index.html") => (origin === "file" ? pathToFileURL(join(root, path)).href : `${server.origin}/${path}`);
  return {
    context: browser.context,
    server,
    root,
    url,
    /** The viewer's page, at a file:// (the default) or http:// URL. */
    pageUrl: (origin = "file") => url(origin, "index.html"),
    /**
     * A variant of the built page, changed by `edit(html)`, at a file:// or
     * http:// URL. Returns that URL.
     */
    variantUrl: async (origin, name, edit) => {
      const html = edit(await readFile(indexPath, "utf8"));
      if (origin === "http") {
        server.pages.set(`/${name}.html`, html);
        return `${server.origin}/${name}.html`;
      }
      variantDir ??= await mkdtemp(join(tmpdir(), "corpus-viewer-page-"));
      const file = join(variantDir, `${name}.html`);
      await writeFile(file, html);
      return pathToFileURL(file).href;
    },
    close: async () => {
      await browser.close();
      await server.close();
      if (variantDir) await rm(variantDir, { recursive: true, force: true });
      if (fixtureDir) await rm(fixtureDir, { recursive: true, force: true });
    },
  };
}

/**
 * Calls `start()` before the file's first test, then `prepare(env)` with what it returned,
 * and closes that after the file's last test. node:test may run a file's top-level before
 * hooks at the same time, so what needs the set-up goes in `prepare`.
 */
function provide(start, prepare) {
  const env = {};
  before(async () => {
    Object.assign(env, await start());
    await prepare?.(env);
  });
  after(async () => {
    await env.close?.();
  });
  return env;
}

/**
 * setUp(options) for the test file that calls it, then `prepare(env)`; the returned object
 * has setUp's fields once the tests run.
 */
export function useSetUp(options, prepare) {
  return provide(() => setUp(options), prepare);
}

/** launchBrowser() for the test file that calls it, then `prepare(browser)`: `context` is there once the tests run. */
export function useBrowser(prepare) {
  return provide(launchBrowser, prepare);
}

/**
 * Opens `url` in a new tab, collecting page errors and console errors in
 * `page.errors`; a test asserts they stay empty.
 */
export async function openPage(context, url, { viewport } = {}) {
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (error) => page.errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") page.errors.push(message.text());
  });
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(url);
  return page;
}

/** Opens the page in a new tab (openPage) and waits until the engine is ready. */
export async function openViewer(context, url, options) {
  const page = await openPage(context, url, options);
  await waitForReady(page);
  return page;
}

export async function waitForReady(page) {
  await page.waitForFunction(
    () => {
      const viewer = document.querySelector("corpus-viewer");
      if (!viewer) return false;
      if (viewer.corpus) return true;
      const error = viewer.shadowRoot && viewer.shadowRoot.querySelector("[role=alert]:not([hidden])");
      if (error) throw new Error(`the viewer shows an error: ${error.textContent}`);
      return false;
    },
    null,
    { timeout: 15_000 },
  );
}

/** The visible result or document items, as `{ title, meta, snippet, marks, partial }`. */
export async function visibleItems(page) {
  return page.evaluate(() => {
    const root = document.querySelector("corpus-viewer").shadowRoot;
    return Array.from(root.querySelectorAll("#results > li")).map((item) => ({
      title: item.querySelector("h2")?.textContent ?? "",
      meta: item.querySelector(".meta")?.textContent ?? "",
      snippet: item.querySelector(".snippet")?.textContent ?? "",
      marks: Array.from(item.querySelectorAll(".snippet mark"), (mark) => mark.textContent),
      titleMarks: Array.from(item.querySelectorAll("h2 mark"), (mark) => mark.textContent),
      partial: item.querySelector(".partial")?.textContent ?? null,
    }));
  });
}

/** The reader's state: title, counter text, marks and the current one. */
export async function readerState(page) {
  return page.evaluate(() => {
    const root = document.querySelector("corpus-viewer").shadowRoot;
    const article = root.querySelector("article");
    const marks = Array.from(root.querySelectorAll(".doc-text mark"));
    const current = marks.findIndex((mark) => mark.classList.contains("current"));
    let currentInView = false;
    if (current >= 0) {
      const box = marks[current].getBoundingClientRect();
      const toolbar = root.querySelector(".toolbar").getBoundingClientRect();
      currentInView = box.top >= toolbar.bottom && box.bottom <= window.innerHeight && box.width > 0;
    }
    return {
      open: !!article && !article.hidden,
      title: root.querySelector(".doc-head h2")?.textContent ?? "",
      counter: root.querySelector(".counter")?.textContent ?? "",
      marks: marks.map((mark) => mark.textContent),
      current,
      currentInView,
      currentCount: marks.filter((mark) => mark.classList.contains("current")).length,
      // The bar's buttons that are too narrow for their icon or label.
      crampedButtons: [...root.querySelectorAll(".toolbar button")]
        .filter((button) => button.getClientRects().length > 0)
        .filter((button) => button.scrollWidth > button.clientWidth || [...button.querySelectorAll("svg")].some((svg) => svg.getBoundingClientRect().width < 8))
        .map((button) => button.getAttribute("aria-label") ?? button.textContent),
    };
  });
}

/** The engine itself, called through the element. */
export function callEngine(page, method, ...args) {
  return page.evaluate(
    ({ method, args }) => {
      const corpus = document.querySelector("corpus-viewer").corpus;
      return corpus[method](...args);
    },
    { method, args },
  );
}
