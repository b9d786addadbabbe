// The page is self-contained and treats corpus and query text as text.

import assert from "node:assert/strict";
import { it } from "node:test";
import { ORIGINS, describeOrigins, openViewer, useSetUp } from "./harness.mjs";

const env = useSetUp();

const PAYLOADS = ["<img src=x onerror=window.__pwned=1>", "<script>window.__pwned=1</script>"];

function withoutHash(url) {
  return url.split("#")[0];
}

async function injectedElements(page) {
  return page.evaluate(() => {
    const root = document.querySelector("corpus-viewer").shadowRoot;
    return {
      pwned: window.__pwned,
      shadowImages: root.querySelectorAll("img").length,
      shadowScripts: root.querySelectorAll("script").length,
      pageImages: document.querySelectorAll("img").length,
    };
  });
}

describeOrigins(ORIGINS, (origin) => {
  it("the page makes no network request besides loading itself", async () => {
    const url = env.pageUrl(origin);
    const seen = [];
    const record = (request) => seen.push(request.url());
    env.context.on("request", record);
    const served = env.server.requests.length;
    const page = await env.context.newPage();
    try {
      await page.addInitScript(() => {
        window.__violations = [];
        document.addEventListener("securitypolicyviolation", (event) => {
          window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
        });
      });
      await page.goto(url);
      await page.waitForFunction(() => document.querySelector("corpus-viewer")?.corpus);
      await page.keyboard.type("khamenei", { delay: 20 });
      await page.locator("corpus-viewer #results a").first().click();
      await page.keyboard.press("Enter");
      await page.keyboard.press("Escape");
      await page.getByRole("button", { name: /^(Close|Results|All documents)$/ }).waitFor({ state: "hidden" });
      await page.waitForTimeout(300);

      assert.deepEqual(
        seen.map(withoutHash).filter((requested) => requested !== withoutHash(url)),
        [],
        "no request other than the page itself",
      );
      assert.deepEqual(await page.evaluate(() => window.__violations), [], "nothing was blocked by the content policy");
      if (origin === "http") {
        assert.deepEqual(env.server.requests.slice(served), ["/index.html"], "the server was asked for the page only");
      }
    } finally {
      env.context.off("request", record);
      await page.close();
    }
  });

  it("markup in the address never runs, in the results or in the reader", async () => {
    const base = env.pageUrl(origin);
    const page = await openViewer(env.context, base);
    try {
      for (const payload of PAYLOADS) {
        for (const hash of [`#q=${encodeURIComponent(payload)}`, `#doc=${encodeURIComponent(payload)}&q=${encodeURIComponent(payload)}`]) {
          await page.goto(`${base}${hash}`);
          await page.reload();
          await page.waitForFunction(() => document.querySelector("corpus-viewer")?.corpus);
          await page.waitForTimeout(100);
          assert.deepEqual(
            await injectedElements(page),
            { pwned: undefined, shadowImages: 0, shadowScripts: 0, pageImages: 0 },
            `nothing ran for ${hash}`,
          );
        }
      }
      const alert = await page.locator("corpus-viewer article [role=alert]").textContent();
      assert.ok(alert.includes("could not be opened"), "an unknown document is reported");
    } finally {
      await page.close();
    }
  });
});

// Typed text reaches the page the same way whichever way it was opened.
describeOrigins(["file"], (origin) => {
  it("markup typed into the search box is shown as text and never runs", async () => {
    const page = await openViewer(env.context, env.pageUrl(origin));
    try {
      for (const payload of PAYLOADS) {
        await page.locator("corpus-viewer #query").fill("");
        await page.keyboard.type(payload, { delay: 5 });
        await page.waitForFunction(
          (payload) =>
            document.querySelector("corpus-viewer").shadowRoot.querySelector("[role=status]").textContent.includes(payload),
          payload,
        );
        await page.keyboard.press("Enter");
        await page.waitForTimeout(200);
        assert.deepEqual(await injectedElements(page), {
          pwned: undefined,
          shadowImages: 0,
          shadowScripts: 0,
          pageImages: 0,
        });
        await page.keyboard.press("Escape");
      }
      assert.deepEqual(page.errors, []);
    } finally {
      await page.close();
    }
  });
});
