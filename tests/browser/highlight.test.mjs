// highlightedText(), the one function that puts corpus text into the DOM, loaded from
// www/viewer/dom.js into a blank page.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { moduleScript, useBrowser } from "./harness.mjs";

let page;
useBrowser(async ({ context }) => {
  page = await context.newPage();
  await page.setContent("<!doctype html><title>highlight</title>");
  await page.addScriptTag({ content: await moduleScript("dom.js", "dom") });
});

/** Renders and describes the nodes: strings for text, {mark} and {heading: [...]} for elements. */
function render(text, highlights, headings) {
  return page.evaluate(
    ({ text, highlights, headings }) => {
      const describeNodes = (nodes) =>
        Array.from(nodes, (node) => {
          if (node.nodeType === Node.TEXT_NODE) return node.data;
          if (node.localName === "mark") return { mark: node.textContent, children: node.childNodes.length };
          return { [node.className]: describeNodes(node.childNodes) };
        });
      const host = document.createElement("div");
      host.append(dom.highlightedText(text, highlights, headings));
      return { nodes: describeNodes(host.childNodes), text: host.textContent, elements: host.querySelectorAll("*:not(mark):not(.heading)").length };
    },
    { text, highlights, headings },
  );
}

describe("highlightedText", () => {
  it("marks UTF-16 ranges after curly quotes, accents and astral characters", async () => {
    const text = "\u201cNo,\u201d said Khamenei\u2019s aide \ud83d\ude00 in Tehr\u00e1n.";
    const word = (w) => {
      const start = text.indexOf(w);
      return [start, start + w.length];
    };
    const result = await render(text, [word("Khamenei\u2019s"), word("Tehr\u00e1n")]);
    assert.deepEqual(result.nodes, [
      "\u201cNo,\u201d said ",
      { mark: "Khamenei\u2019s", children: 1 },
      " aide \ud83d\ude00 in ",
      { mark: "Tehr\u00e1n", children: 1 },
      ".",
    ]);
    assert.equal(result.text, text);
  });

  it("keeps markup in the text as text", async () => {
    const text = "<img src=x onerror=alert(1)> and <b>bold</b>";
    const result = await render(text, [[5, 8]]);
    assert.equal(result.text, text);
    assert.equal(result.elements, 0, "no element besides the mark");
    assert.deepEqual(result.nodes, ["<img ", { mark: "src", children: 1 }, "=x onerror=alert(1)> and <b>bold</b>"]);
  });

  it("drops empty, reversed, overlapping and out-of-range ranges without losing text", async () => {
    const text = "alpha beta gamma";
    const result = await render(text, [[0, 5], [3, 8], [8, 8], [12, 11], [11, 99]]);
    assert.deepEqual(result.nodes, [
      { mark: "alpha", children: 1 },
      { mark: " be", children: 1 },
      "ta ",
      { mark: "gamma", children: 1 },
    ]);
    assert.equal(result.text, text);
    assert.deepEqual((await render(text, [])).nodes, [text]);
    assert.deepEqual((await render("", [[0, 3]])).nodes, []);
  });

  it("wraps headings around their text and the marks inside them", async () => {
    const text = "Gaza talks\nThe talks in Gaza went on.";
    const second = text.lastIndexOf("Gaza");
    const result = await render(text, [[0, 4], [second, second + 4]], [[0, 10]]);
    assert.deepEqual(result.nodes, [
      { heading: [{ mark: "Gaza", children: 1 }, " talks"] },
      "\nThe talks in ",
      { mark: "Gaza", children: 1 },
      " went on.",
    ]);
    assert.equal(result.text, text);
  });

  it("wraps code in <code> inside a heading, marks inside it, and marks a block of code by its line break", async () => {
    const text = "Call run() now\nfn main() {\n  run();\n}\nAfter.";
    const at = (word, from = 0) => {
      const start = text.indexOf(word, from);
      return [start, start + word.length];
    };
    const block = [at("fn main")[0], at("}")[1]];
    const result = await page.evaluate(
      ({ text, highlights, headings, code }) => {
        const describeNodes = (nodes) =>
          Array.from(nodes, (node) => {
            if (node.nodeType === Node.TEXT_NODE) return node.data;
            const name = node.className ? `${node.localName}.${node.className}` : node.localName;
            return { [name]: describeNodes(node.childNodes) };
          });
        const host = document.createElement("div");
        host.append(dom.highlightedText(text, highlights, headings, code));
        return { nodes: describeNodes(host.childNodes), text: host.textContent };
      },
      { text, highlights: [at("run"), at("run", 20)], headings: [[0, 14]], code: [at("run()"), block] },
    );
    assert.deepEqual(result.nodes, [
      { "span.heading": ["Call ", { code: [{ mark: ["run"] }, "()"] }, " now"] },
      "\n",
      { "code.code-block": ["fn main() {\n  ", { mark: ["run"] }, "();\n}"] },
      "\nAfter.",
    ]);
    assert.equal(result.text, text);
  });
});
