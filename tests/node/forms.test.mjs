// What the page says about the words behind a count or a search, and how it changes them, as
// pure logic in Node: the engine option for a choice, a form toggled by name, the sentences a
// search shows, a word put in quotes, and the CSV's file name.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { csvFileName } from "../../www/viewer/concordance.js";
import { defaultForms, formsOption, matchedSentences, quoteWord, quoteWords, withForm } from "../../www/viewer/forms.js";

const form = (name, kind, included = true) => ({ form: name, kind, included, count: 1, documents: 1 });

describe("the forms a concordance counts", () => {
  it("asks the engine for nothing more by default", () => {
    assert.equal(formsOption(defaultForms()), undefined);
    assert.deepEqual(formsOption({ ...defaultForms(), stems: true }), { stems: true });
  });

  it("moves a form between counted and left out by name", () => {
    let forms = withForm(defaultForms(), "wars", true);
    assert.deepEqual(formsOption(forms), { include: ["wars"] });
    forms = withForm(forms, "wars", false);
    assert.deepEqual(formsOption(forms), { exclude: ["wars"] });
    forms = withForm(withForm(forms, "war", false), "wars", true);
    assert.deepEqual(formsOption(forms), { include: ["wars"], exclude: ["war"] });
  });
});

describe("what a search says it matched", () => {
  it("names near spellings per word, other forms together, and completions of word*", () => {
    const sentences = matchedSentences(
      [
        { word: "pacakge", forms: [form("package", "fuzzy")], unlisted: 0 },
        { word: "war", forms: [form("war", "exact"), form("wars", "stem"), form("warring", "stem", false)], unlisted: 0 },
        { word: "leaders", forms: [form("leaders", "exact"), form("leader", "stem")], unlisted: 0 },
        { word: "com", forms: Array.from({ length: 8 }, (_, i) => form(`com${i}`, "prefix")), unlisted: 40 },
      ],
      "pacakge war leaders com*",
    );
    assert.deepEqual(sentences, [
      { text: "Matched package, a near spelling of \u201cpacakge\u201d", words: ["pacakge"] },
      { text: "\u201ccom*\u201d matched com0, com1, com2, com3, com4, com5 and 42 more", words: [] },
      { text: "Also matched other forms: wars, leader", words: ["war", "leaders"] },
    ]);
    assert.deepEqual(matchedSentences([{ word: "war", forms: [form("war", "exact")], unlisted: 0 }], "war"), []);
  });

  it("puts a word in quotes where it was typed, not inside a phrase or another word", () => {
    assert.equal(quoteWord("pacakge manager", "pacakge"), "\"pacakge\" manager");
    assert.equal(quoteWord("\"war crimes\" war", "war"), "\"war crimes\" \"war\"");
    assert.equal(quoteWord("warring war", "war"), "warring \"war\"");
    assert.equal(quoteWord("(war OR peace)", "war"), "(\"war\" OR peace)");
    assert.equal(quoteWord("-war", "war"), "-\"war\"");
    assert.equal(quoteWord("Gaza", "gaza"), "Gaza", "only as typed");
    assert.equal(quoteWords("war leaders", ["war", "leaders"]), "\"war\" \"leaders\"");
  });
});

describe("the CSV's file name", () => {
  it("carries the query, without characters file systems refuse", () => {
    assert.equal(csvFileName("seeds", "war"), "seeds-war-concordance.csv");
    assert.equal(csvFileName("seeds", " \"supreme leader\" NEAR/3 gaza "), "seeds-supreme-leader-NEAR-3-gaza-concordance.csv");
    assert.equal(csvFileName("", "a/b:c*?"), "corpus-a-b-c-concordance.csv");
    assert.equal(csvFileName("x", "..."), "x-concordance.csv");
    assert.ok(csvFileName("x", "w".repeat(500)).length < 90);
  });
});
