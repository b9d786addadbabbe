// The sentence a screen reader hears when the reader steps to a match.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { sentenceAround } from "../../www/viewer/sentence.js";

describe("sentenceAround", () => {
  const text = "First sentence here. The leader spoke about Gaza today! Last one?\nA new line";
  const at = (word) => [text.indexOf(word), text.indexOf(word) + word.length];

  it("gives the sentence of the match, from the end of the one before to its own end", () => {
    assert.equal(sentenceAround(text, ...at("Gaza")), "The leader spoke about Gaza today!");
    assert.equal(sentenceAround(text, ...at("First")), "First sentence here.");
    assert.equal(sentenceAround(text, ...at("Last")), "Last one?");
  });

  it("stops at a line break and at the text's ends", () => {
    assert.equal(sentenceAround(text, ...at("new")), "A new line");
    assert.equal(sentenceAround("no end at all", 3, 6), "no end at all");
  });

  it("ends sentences at Arabic and CJK marks too", () => {
    assert.equal(sentenceAround("قال شيئا؟ ثم غزة هنا", 13, 16), "ثم غزة هنا");
    assert.equal(sentenceAround("前の文。次の文です", 4, 6), "次の文です");
  });

  it("cuts a sentence longer than its reach with an ellipsis, and survives ranges out of the text", () => {
    const long = `${"word ".repeat(100)}match ${"word ".repeat(100)}`;
    const start = long.indexOf("match");
    const heard = sentenceAround(long, start, start + 5);
    assert.ok(heard.startsWith("\u2026") && heard.endsWith("\u2026") && heard.includes("match"), heard);
    assert.ok(heard.length < 340, `${heard.length} characters`);
    assert.equal(sentenceAround("short", 10, 20), "short", "a range past the end reads the last sentence");
    assert.equal(sentenceAround("", 0, 0), "");
  });
});
