// The maker page (dist/make.html): a folder chosen in the browser becomes a viewer, made in the
// tab by the same indexer as the command, with every skipped file named, and nothing sent
// anywhere.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, it } from "node:test";
import { ORIGINS, commandPath, describeOrigins, repoRoot, useSetUp } from "./harness.mjs";

const env = useSetUp();
let work;
before(async () => {
  work = await mkdtemp(join(tmpdir(), "corpus-viewer-make-"));
});
after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

async function openMaker(origin) {
  const page = await env.context.newPage();
  page.errors = [];
  page.on("pageerror", (error) => page.errors.push(error.message));
  page.requestsMade = [];
  page.on("request", (request) => page.requestsMade.push(request.url()));
  await page.goto(env.url(origin, "make.html"));
  await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("Ready"), null, { timeout: 15_000 });
  return page;
}

/** Waits for the maker to finish, with a viewer or an error; returns what it shows. */
async function outcome(page) {
  await page.waitForFunction(() => !document.getElementById("result").hidden || document.getElementById("error").textContent, null, { timeout: 30_000 });
  return page.evaluate(() => ({
    made: !document.getElementById("result").hidden,
    error: document.getElementById("error").textContent,
    summary: document.getElementById("summary").textContent,
    skipped: Array.from(document.querySelectorAll("#skipped li"), (item) => item.textContent),
    warnings: Array.from(document.querySelectorAll("#warnings li"), (item) => item.textContent),
  }));
}

describeOrigins(ORIGINS, (origin) => {
  it("a chosen folder becomes the same viewer the command makes, saved as one file that searches", async () => {
    const page = await openMaker(origin);
    try {
      const folder = join(repoRoot, "tests/fixtures/mixed");
      await page.locator("#folder").setInputFiles(folder);
      const shown = await outcome(page);
      assert.equal(shown.error, "");
      assert.ok(shown.made, "a viewer was made");
      assert.match(shown.summary, /indexed 6, skipped 4/);
      for (const name of ["archive.txt: binary file", "blank.txt: the file holds no text", "empty.txt: the file is empty", "garbage.txt: binary file"]) {
        assert.ok(shown.skipped.some((line) => line.startsWith(name)), `${name} is named in ${JSON.stringify(shown.skipped)}`);
      }
      assert.ok(shown.warnings.some((line) => line.includes("read as windows-1252")));

      // The preview is the viewer itself.
      const preview = page.frameLocator("#preview");
      await preview.locator("corpus-viewer input[type=search]").fill("café");
      const status = preview.locator("corpus-viewer .status");
      for (let tries = 0; !/documents? match/.test(await status.textContent()) && tries < 100; tries += 1) await page.waitForTimeout(100);
      assert.match(await status.textContent(), /^2 documents match/);

      const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#save").click()]);
      assert.equal(download.suggestedFilename(), "Fixture-corpus.html");
      const saved = join(work, `${origin}-${download.suggestedFilename()}`);
      await download.saveAs(saved);

      // Byte for byte what the command writes for the folder under the same name.
      const out = join(work, `${origin}-command`);
      execFileSync(commandPath, ["build", folder, "--out", out, "--name", "mixed"], { stdio: "ignore" });
      assert.equal(Buffer.compare(await readFile(saved), await readFile(join(out, "index.html"))), 0, "the maker's viewer is the command's");

      // The saved file opens from disk and searches.
      const viewer = await env.context.newPage();
      try {
        await viewer.goto(pathToFileURL(saved).href);
        await viewer.locator("corpus-viewer input[type=search]").fill("café");
        await viewer.waitForFunction(() => /^2 documents match/.test(document.querySelector("corpus-viewer").shadowRoot.querySelector(".status").textContent), null, { timeout: 15_000 });
      } finally {
        await viewer.close();
      }
      const elsewhere = page.requestsMade.filter((url) => !/^(file|blob|data):/.test(url) && !url.startsWith(env.server.origin));
      assert.deepEqual(elsewhere, [], "no request leaves the machine");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("asked for a folder of chunks, it saves a .zip of the command's chunked viewer, which searches from the disk", async () => {
    const page = await openMaker(origin);
    try {
      const folder = join(repoRoot, "tests/fixtures/mixed");
      await page.locator("#chunked").check();
      await page.locator("#folder").setInputFiles(folder);
      const shown = await outcome(page);
      assert.equal(shown.error, "");
      assert.ok(shown.made, "a viewer was made");
      assert.ok(await page.locator("#unzip").isVisible(), "how to open it is said");
      assert.ok(!(await page.locator("#preview").isVisible()), "no preview of a folder");
      const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#save").click()]);
      assert.equal(download.suggestedFilename(), "Fixture-corpus.zip");
      const saved = join(work, `${origin}-chunked.zip`);
      await download.saveAs(saved);
      const unzipped = join(work, `${origin}-unzipped`);
      execFileSync("unzip", ["-q", saved, "-d", unzipped]);

      // The page and every chunk, byte for byte as the command writes them.
      const out = join(work, `${origin}-command-chunked`);
      execFileSync(commandPath, ["build", folder, "--out", out, "--name", "mixed", "--chunked"], { stdio: "ignore" });
      const listed = (dir) => readdirSync(dir, { recursive: true }).filter((f) => statSync(join(dir, f)).isFile()).sort();
      const inArchive = listed(unzipped);
      const chunks = listed(out).filter((f) => f.startsWith("corpus/"));
      assert.ok(chunks.length >= 4, `${chunks.length} files of chunks`);
      assert.deepEqual(inArchive, ["index.html", ...chunks].sort());
      for (const file of inArchive) {
        assert.equal(Buffer.compare(await readFile(join(unzipped, file)), await readFile(join(out, file))), 0, `${file} is the command's`);
      }

      const viewer = await env.context.newPage();
      try {
        await viewer.goto(pathToFileURL(join(unzipped, "index.html")).href);
        await viewer.locator("corpus-viewer input[type=search]").fill("café");
        await viewer.waitForFunction(() => /^2 documents match/.test(document.querySelector("corpus-viewer").shadowRoot.querySelector(".status").textContent), null, { timeout: 15_000 });
      } finally {
        await viewer.close();
      }
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("choosing another folder while one is indexed stops the first and makes the second", async () => {
    const page = await openMaker(origin);
    try {
      await page.locator("#folder").setInputFiles(join(repoRoot, "tests/fixtures/mixed"));
      await page.locator("#folder").setInputFiles(join(repoRoot, "seeds"));
      const shown = await outcome(page);
      assert.equal(shown.error, "");
      assert.match(shown.summary, /^Found 5 files, indexed 5, skipped 0/);
      // Whatever the first run was doing, it does not come back over the second.
      await page.waitForTimeout(500);
      assert.match(await page.locator("#summary").textContent(), /^Found 5 files/);
      assert.match(await page.locator("#save").getAttribute("download"), /\.html$/);
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });

  it("files with nothing to index give a clear message and nothing to save", async () => {
    const page = await openMaker(origin);
    try {
      const fixtures = join(repoRoot, "tests/fixtures/mixed");
      await page.locator("#files").setInputFiles([join(fixtures, "ignored.csv"), join(fixtures, "empty.txt")]);
      const shown = await outcome(page);
      assert.equal(shown.made, false);
      assert.match(shown.error, /^No viewer was made: nothing to index/);
      assert.equal(await page.locator("#save").getAttribute("href"), "#", "nothing to save");
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });
});
