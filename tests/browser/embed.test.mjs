// The viewer embedded in another page: the example page under a strict
// content policy, the element's attributes, and the events a host listens to.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ORIGINS, describeOrigins, useSetUp } from "./harness.mjs";

const env = useSetUp();

/** A host page on the loopback server: `body` plus the viewer's script. */
function hostPage(name, body) {
  env.server.pages.set(`/${name}.html`, `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${name}</title></head><body>${body}<script src="corpus-viewer.js"></script></body></html>`);
  return `${env.server.origin}/${name}.html`;
}

async function recordViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
}

function collectErrors(page) {
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return errors;
}

const inViewer = (page, index, fn, arg) =>
  page.evaluate(
    ({ index, fn, arg }) => {
      const viewer = document.querySelectorAll("corpus-viewer")[index];
      return new Function("viewer", "root", "arg", `return (${fn})(viewer, root, arg);`)(viewer, viewer.shadowRoot, arg);
    },
    { index, fn: fn.toString(), arg },
  );

async function waitReady(page, index = 0) {
  await page.waitForFunction((index) => document.querySelectorAll("corpus-viewer")[index]?.corpus, index, { timeout: 15_000 });
}

function luminance(color) {
  const [r, g, b] = color.match(/[\d.]+/g).slice(0, 3).map(Number);
  const channel = (value) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

describeOrigins(ORIGINS, (origin) => {
  it("the example page embeds the viewer and the single file in a frame under a strict content policy, without a violation", async () => {
    const url = env.url(origin, "example.html");
    const page = await env.context.newPage();
    const errors = collectErrors(page);
    try {
      await recordViolations(page);
      await page.goto(url);
      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
      assert.match(policy, /^default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'sha256-[A-Za-z0-9+/]+='; frame-src 'self'; img-src data:$/);
      await waitReady(page);
      const frameOpened = page.frames().find((candidate) => candidate.url().endsWith("/index.html"));
      await frameOpened.waitForFunction(() => document.querySelector("corpus-viewer")?.corpus, null, { timeout: 15_000 });
      await page.waitForTimeout(300);
      const guest = await page.evaluate(() => ({
        scrollY: window.scrollY,
        focused: document.activeElement?.localName,
        title: document.title,
        // The page's own style applied (its hash allowed it), and the viewer takes its fonts.
        articleWidth: getComputedStyle(document.querySelector("main")).maxWidth === "736px",
        viewerFont: getComputedStyle(document.querySelector("corpus-viewer")).fontFamily,
        bodyFont: getComputedStyle(document.body).fontFamily,
      }));
      assert.deepEqual(
        { scrollY: guest.scrollY, focused: guest.focused, title: guest.title, articleWidth: guest.articleWidth },
        { scrollY: 0, focused: "body", title: "Searching the collection", articleWidth: true },
        "neither viewer takes focus, scrolls the host page or renames it",
      );
      assert.equal(guest.viewerFont, guest.bodyFont, "font=inherit takes the host page's font");
      assert.match(guest.bodyFont, /Charter/);
      const styled = await inViewer(page, 0, (viewer, root) => ({
        sheets: root.adoptedStyleSheets.length,
        styleElements: root.querySelectorAll("style").length,
      }));
      assert.deepEqual(styled, { sheets: 1, styleElements: 0 });

      await page.locator("corpus-viewer #query").first().fill("goldstone");
      await page.locator("corpus-viewer #results a").first().waitFor();
      assert.match(await page.locator("corpus-viewer [role=status]").first().textContent(), /^1 document matches/);
      await page.locator("corpus-viewer #results a").first().click();
      await page.locator("corpus-viewer .counter").first().getByText(/^Match 1 of/).waitFor();
      assert.equal(new URL(page.url()).hash, "", "the embedded viewer leaves the page's address alone");

      const frame = page.frames().find((candidate) => candidate.url().endsWith("/index.html"));
      assert.ok(frame, "the frame holds index.html");
      await frame.waitForFunction(() => document.querySelector("corpus-viewer")?.corpus, null, { timeout: 15_000 });
      await frame.locator("corpus-viewer #query").fill("khamenei");
      await frame.locator("corpus-viewer #results a").first().waitFor();
      assert.equal(await frame.locator("corpus-viewer #results > li").count(), 5);

      await page.waitForTimeout(200);
      assert.deepEqual(await page.evaluate(() => window.__violations), [], "nothing was blocked by the content policy");
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
});

describe("attributes and events", () => {
  it("the query attribute starts a search, and height makes the viewer scroll inside itself", async () => {
    const url = hostPage("attributes", '<h1>Host</h1><corpus-viewer query="khamenei" height="320px"></corpus-viewer><p id="after">After</p>');
    const page = await env.context.newPage();
    const errors = collectErrors(page);
    try {
      await page.goto(url);
      await waitReady(page);
      await page.locator("corpus-viewer #results > li").nth(4).waitFor({ state: "attached" });
      const box = await inViewer(page, 0, (viewer, root) => {
        const frame = root.querySelector(".frame");
        return {
          query: root.querySelector("#query").value,
          height: Math.round(viewer.getBoundingClientRect().height),
          frame: frame.clientHeight,
          scrolls: frame.scrollHeight > frame.clientHeight,
          overflow: getComputedStyle(frame).overflowY,
        };
      });
      assert.deepEqual(box, { query: "khamenei", height: 320, frame: 320, scrolls: true, overflow: "auto" });

      await page.locator("corpus-viewer #results a").nth(4).click();
      await page.locator("corpus-viewer .counter").getByText(/^Match 1 of/).waitFor();
      const reader = await inViewer(page, 0, (viewer, root) => {
        const mark = root.querySelector("mark.current").getBoundingClientRect();
        const frame = root.querySelector(".frame").getBoundingClientRect();
        return { inFrame: mark.top >= frame.top && mark.bottom <= frame.bottom, pageScroll: window.scrollY };
      });
      assert.deepEqual(reader, { inFrame: true, pageScroll: 0 }, "the match is scrolled into view inside the viewer, not the page");
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it("the theme attribute overrides the system colour scheme, and auto follows it", async () => {
    const url = hostPage(
      "themes",
      '<corpus-viewer theme="light"></corpus-viewer><corpus-viewer theme="dark"></corpus-viewer><corpus-viewer></corpus-viewer>',
    );
    const page = await env.context.newPage();
    try {
      await page.goto(url);
      for (const index of [0, 1, 2]) await waitReady(page, index);
      const backgrounds = () =>
        page.evaluate(() => Array.from(document.querySelectorAll("corpus-viewer"), (viewer) => getComputedStyle(viewer).backgroundColor));
      await page.emulateMedia({ colorScheme: "light" });
      const light = (await backgrounds()).map(luminance);
      await page.emulateMedia({ colorScheme: "dark" });
      const dark = (await backgrounds()).map(luminance);
      assert.ok(light[0] > 0.8 && dark[0] > 0.8, `theme=light stays light: ${light[0]}, ${dark[0]}`);
      assert.ok(light[1] < 0.05 && dark[1] < 0.05, `theme=dark stays dark: ${light[1]}, ${dark[1]}`);
      assert.ok(light[2] > 0.8 && dark[2] < 0.05, `auto follows the system: ${light[2]}, ${dark[2]}`);
    } finally {
      await page.close();
    }
  });

  it("custom properties set by the host page theme the viewer", async () => {
    const url = hostPage("custom", '<corpus-viewer query="khamenei"></corpus-viewer>');
    const page = await env.context.newPage();
    try {
      await page.goto(url);
      await waitReady(page);
      await page.evaluate(() => {
        const viewer = document.querySelector("corpus-viewer");
        viewer.style.setProperty("--corpus-viewer-bg", "rgb(1, 2, 3)");
        viewer.style.setProperty("--corpus-viewer-accent", "rgb(200, 0, 100)");
        viewer.style.setProperty("--corpus-viewer-mark", "rgb(0, 200, 0)");
        viewer.style.setProperty("--corpus-viewer-font", "monospace");
      });
      const seen = await inViewer(page, 0, (viewer, root) => ({
        bg: getComputedStyle(viewer).backgroundColor,
        link: getComputedStyle(root.querySelector("#results a")).color,
        mark: getComputedStyle(root.querySelector(".snippet mark")).backgroundColor,
        font: getComputedStyle(root.querySelector(".snippet")).fontFamily,
      }));
      assert.deepEqual(seen, { bg: "rgb(1, 2, 3)", link: "rgb(200, 0, 100)", mark: "rgb(0, 200, 0)", font: "monospace" });
    } finally {
      await page.close();
    }
  });

  it("a viewer without the history attribute never changes the page's address", async () => {
    const url = hostPage("no-history", "<corpus-viewer></corpus-viewer>");
    const page = await env.context.newPage();
    const errors = collectErrors(page);
    try {
      await page.goto(url);
      await waitReady(page);
      const length = await page.evaluate(() => history.length);
      await page.locator("corpus-viewer #query").fill("resistance");
      await page.locator("corpus-viewer #results a").nth(1).click();
      await page.getByRole("button", { name: "Next match" }).click();
      await page.locator("corpus-viewer .counter").getByText(/^Match 2 of/).waitFor();
      await page.getByRole("button", { name: "Close" }).click();
      await page.getByRole("button", { name: "In context" }).click();
      await page.locator("corpus-viewer .kwic-line").first().click();
      await page.keyboard.press("Escape");
      await page.locator("corpus-viewer .kwic-line").first().waitFor();
      assert.equal(page.url(), url);
      assert.equal(await page.evaluate(() => history.length), length, "no history entry was added");
      const focused = await inViewer(page, 0, (viewer, root) => root.activeElement?.className);
      assert.equal(focused, "kwic-line", "Back puts the focus on the line that was opened");
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it("the element fires ready, then search with the query and total, and open with the id and query", async () => {
    const url = hostPage("events", "<corpus-viewer></corpus-viewer>");
    const page = await env.context.newPage();
    try {
      await page.addInitScript(() => {
        window.__events = [];
        for (const type of ["ready", "search", "open"]) {
          document.addEventListener(type, (event) => {
            if (event.target.localName === "corpus-viewer") window.__events.push({ type, detail: event.detail ?? null });
          });
        }
      });
      await page.goto(url);
      await waitReady(page);
      await page.locator("corpus-viewer #query").fill("goldstone");
      await page.locator("corpus-viewer #results a").first().click();
      await page.locator("corpus-viewer .counter").getByText(/^Match 1 of/).waitFor();
      const id = await page.evaluate(() => document.querySelector("corpus-viewer").corpus.search("goldstone", {}).hits[0].id);
      assert.deepEqual(await page.evaluate(() => window.__events), [
        { type: "ready", detail: null },
        { type: "search", detail: { query: "goldstone", total: 1, view: "results" } },
        { type: "open", detail: { id, query: "goldstone" } },
      ]);
    } finally {
      await page.close();
    }
  });

  it("the viewer lays itself out by its own width, and inherits the host's font when asked", async () => {
    const url = hostPage(
      "narrow",
      '<div style="width: 22rem; font-family: Georgia, serif"><corpus-viewer query="khamenei" font="inherit"></corpus-viewer></div>' +
        '<corpus-viewer corpus="seeds" query="gaza"></corpus-viewer>',
    );
    const page = await env.context.newPage();
    try {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(url);
      await waitReady(page, 0);
      await waitReady(page, 1);
      const look = (index) =>
        inViewer(page, index, (viewer, root) => ({
          // The filters' labels are hidden in the narrow layout.
          labels: getComputedStyle(root.querySelector(".field > span")).position,
          font: getComputedStyle(root.querySelector(".snippet")).fontFamily,
          role: root.querySelector(".wrap").getAttribute("role"),
          name: root.getElementById(root.querySelector(".wrap").getAttribute("aria-labelledby") ?? "")?.textContent,
        }));
      const narrow = await look(0);
      const wide = await look(1);
      assert.equal(narrow.labels, "absolute", "a viewer 22rem wide takes the narrow layout in a wide window");
      assert.notEqual(wide.labels, "absolute", "a viewer as wide as the window keeps the wide one");
      assert.match(narrow.font, /Georgia/);
      assert.doesNotMatch(wide.font, /Georgia/);
      assert.equal(narrow.role, "region", "a guest is one region of the host page");
      assert.ok(narrow.name, "named by its title");
    } finally {
      await page.close();
    }
  });

  it("a corpus name that no script registered shows a clear message in the element", async () => {
    const url = hostPage("unknown", '<corpus-viewer corpus="nowhere"></corpus-viewer>');
    const page = await env.context.newPage();
    const errors = collectErrors(page);
    try {
      await page.goto(url);
      const alert = page.locator("corpus-viewer [role=alert]").first();
      await alert.waitFor();
      const text = await alert.textContent();
      assert.match(text, /not available/);
      assert.match(text, /\u201cnowhere\u201d/);
      assert.match(text, /\u201cseeds\u201d/, "the message names the corpora that are on the page");
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
});
