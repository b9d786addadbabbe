// The words behind a count and a search: In context counts a word's own form and lists the
// other forms with a checkbox each, the choice travels in the link, and the Documents view
// says which other words a search matched, with a way to search for the typed word alone.

import assert from "node:assert/strict";
import { it } from "node:test";
import { callEngine, describeOrigins, openViewer, useSetUp } from "./harness.mjs";

const env = useSetUp();

const status = (page) => page.locator("corpus-viewer #status").textContent();
const lineCount = (page) => page.locator("corpus-viewer .kwic-line").count();

/** The forms listed, as `name count` with `+` when counted. */
function shownForms(page) {
  return page.evaluate(() =>
    Array.from(document.querySelector("corpus-viewer").shadowRoot.querySelectorAll(".forms .form"), (label) =>
      `${label.querySelector("input").checked ? "+" : "-"}${label.querySelector(".form-name").textContent} ${label.querySelector(".form-count").textContent}`,
    ),
  );
}

describeOrigins(["file"], (origin) => {
  it("In context counts the word itself, and counts other forms when they are ticked", async () => {
    const page = await openViewer(env.context, `${env.pageUrl(origin)}#view=concordance&q=${encodeURIComponent("leader ")}`);
    try {
      const exact = await callEngine(page, "concordance", "leader ", {});
      const all = await callEngine(page, "concordance", "leader ", { forms: { stems: true } });
      assert.ok(all.total > exact.total, `${all.total} > ${exact.total}`);
      const leaders = exact.forms[0].forms.find((form) => form.form === "leaders");
      assert.ok(leaders && !leaders.included && leaders.count > 0, JSON.stringify(exact.forms));

      assert.match(await status(page), new RegExp(`^${exact.total} occurrences of .leader.`));
      assert.equal(await lineCount(page), exact.total);
      const forms = await shownForms(page);
      assert.ok(forms.includes(`+leader ${exact.total}`), forms.join(" | "));
      assert.ok(forms.includes(`-leaders ${leaders.count}`), forms.join(" | "));

      // Tick one other form: it is counted, and the link says so.
      await page.locator("corpus-viewer .forms .form", { hasText: /^leaders/ }).locator("input").check();
      await page.waitForFunction((total) => document.querySelector("corpus-viewer").shadowRoot.querySelectorAll(".kwic-line").length === total, exact.total + leaders.count);
      assert.match(page.url(), /[#&]with=leaders(&|$)/);
      assert.match(await status(page), new RegExp(`^${exact.total + leaders.count} occurrences`));

      // Count every other form; then leave the word itself out.
      await page.locator("corpus-viewer .forms .toggle", { hasText: "other forms" }).locator("input").check();
      await page.waitForFunction((total) => document.querySelector("corpus-viewer").shadowRoot.querySelectorAll(".kwic-line").length === total, all.total);
      assert.match(page.url(), /[#&]count=stems(&|$)/);
      await page.locator("corpus-viewer .forms .form", { hasText: /^leader\d/ }).locator("input").uncheck();
      await page.waitForFunction((total) => document.querySelector("corpus-viewer").shadowRoot.querySelectorAll(".kwic-line").length === total, all.total - exact.total);
      const lines = await page.locator("corpus-viewer .kwic-match").allTextContents();
      assert.ok(lines.every((match) => match.toLowerCase() !== "leader"), lines.join(", "));

      // The link brings the same count back; a new query starts from the word's own form again.
      const again = await openViewer(env.context, page.url());
      assert.equal(await lineCount(again), all.total - exact.total);
      await again.close();
      await page.locator("corpus-viewer #query").fill("khamenei ");
      await page.waitForFunction(() => !location.hash.includes("without="));
      assert.equal(page.errors.length, 0, page.errors.join("\n"));
    } finally {
      await page.close();
    }
  });

  it("Documents says which other words a search matched, and searches for the typed word alone on request", async () => {
    const page = await openViewer(env.context, `${env.pageUrl(origin)}#q=${encodeURIComponent("khamenie ")}`);
    try {
      const result = await callEngine(page, "search", "khamenie ", {});
      assert.ok(result.total > 0);
      const line = page.locator("corpus-viewer .matched-line");
      assert.match(await line.textContent(), /^Matched khamenei, a near spelling of .khamenie. · search only for .khamenie./);
      await line.locator("button").click();
      await page.waitForFunction(() => document.querySelector("corpus-viewer").shadowRoot.querySelector("#query").value === '"khamenie" ');
      assert.match(await status(page), /^No documents match/);
      assert.match(await page.locator("corpus-viewer .suggest").textContent(), /Did you mean: khamenei/);
      assert.equal(page.errors.length, 0, page.errors.join("\n"));
    } finally {
      await page.close();
    }
  });

  it("a line opened from In context marks in the reader exactly the words In context counted", async () => {
    const page = await openViewer(env.context, `${env.pageUrl(origin)}#view=concordance&q=${encodeURIComponent("leader ")}`);
    try {
      const counted = await callEngine(page, "concordance", "leader ", {});
      const searched = (id) => callEngine(page, "document", id, "leader ");
      // A document where a search marks more than the count: it holds "leaders" too.
      let chosen = null;
      for (const entry of counted.documents) {
        if ((await searched(entry.id)).highlights.length > entry.positions.length) {
          chosen = entry;
          break;
        }
      }
      assert.ok(chosen, "some document holds other forms of leader");
      const index = counted.lines.findIndex((line) => line.id === chosen.id);
      await page.locator("corpus-viewer .kwic-line").nth(index).click();
      await page.locator("corpus-viewer .counter").getByText(/^Match \d+ of/).waitFor();
      const marks = await page.locator("corpus-viewer .doc-text mark").allTextContents();
      assert.equal(marks.length, chosen.positions.length);
      assert.ok(marks.every((mark) => mark.toLowerCase() === "leader"), marks.join(", "));
      assert.equal(page.errors.length, 0, page.errors.join("\n"));
    } finally {
      await page.close();
    }
  });
});
