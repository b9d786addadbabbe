// Open time of a built page in headless Chromium: from opening it from file:// to the
// `ready` event of its <corpus-viewer> (first list on screen), each run in a new tab of one
// fresh profile. Bounded: a run that takes longer than `timeoutMs` ends the measurement, and a
// page that shows its error message instead of results throws that message.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Milliseconds from navigation start to `ready`, one per run. */
export async function openTimes(page, runs, { timeoutMs = 60_000, extraArgs = [] } = {}) {
  const profile = mkdtempSync(join(tmpdir(), "corpus-viewer-bench-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium", headless: true, args: [...CHROMIUM_ARGS, ...extraArgs],
  });
  const times = [];
  try {
    for (let i = 0; i < runs; i += 1) {
      const tab = await browser.newPage();
      await tab.addInitScript(() => {
        document.addEventListener("ready", () => { window.__firstResultsAt = performance.now(); }, true);
      });
      await tab.goto(pathToFileURL(page).href, { timeout: timeoutMs });
      await tab.waitForFunction(() => window.__firstResultsAt !== undefined
        || document.querySelector("corpus-viewer")?.shadowRoot?.querySelector(".error:not([hidden])"),
      null, { timeout: timeoutMs });
      const error = await tab.evaluate(() => (window.__firstResultsAt === undefined
        ? document.querySelector("corpus-viewer").shadowRoot.querySelector(".error:not([hidden])").textContent : null));
      if (error) throw new Error(`the page shows an error: ${error}`);
      times.push(await tab.evaluate(() => window.__firstResultsAt));
      await tab.close();
    }
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return times;
}
