// The interface's pure modules in Node, imported as the bundle imports them: the state a link
// carries, the ranges that become highlights, and the stylesheet's palettes.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { cleanRanges, textSegments } from "../../www/viewer/dom.js";
import { dateRangeProblem, dateSpan, datePhrase } from "../../www/viewer/dates.js";
import { defaultState, filterOptions, filtersPhrase, fragmentForState, sameState, stateFromFragment } from "../../www/viewer/state.js";

describe("the state in a link", () => {
  it("round-trips every field through the fragment", () => {
    const forms = { stems: true, typos: false, include: ["1,500", "wars"], exclude: ["w&r"] };
    const state = {
      view: "concordance",
      query: "war & peace #1",
      sources: ["a b", "c&d"],
      tags: ["x y", "c#"],
      from: "2024-03",
      to: "2025",
      sort: "date",
      order: "left",
      forms,
      doc: "dir/ü id",
      match: 2,
    };
    const fragment = fragmentForState(state);
    assert.deepEqual(stateFromFragment(`#${fragment}`), state);
    assert.ok(sameState(stateFromFragment(fragment), state));
  });

  it("leaves defaults out, and reads unknown or bad values as defaults", () => {
    assert.equal(fragmentForState(defaultState()), "");
    assert.equal(fragmentForState({ ...defaultState(), query: "gaza" }), "q=gaza");
    assert.deepEqual(stateFromFragment("#view=nope&sort=up&order=x&match=-3&source=&count=all&with="), defaultState());
    assert.deepEqual(stateFromFragment(undefined), defaultState());
    assert.equal(stateFromFragment("#doc=d&match=4").match, 3, "match counts from 1 in a link");
  });

  it("carries tags as repeated tag=, and a date range as from= and to=, dropping dates that are not", () => {
    const state = { ...defaultState(), tags: ["news", "a&b"], from: "2024-03", to: "2024-05-31" };
    assert.equal(fragmentForState(state), "tag=news&tag=a%26b&from=2024-03&to=2024-05-31");
    assert.deepEqual(stateFromFragment("#tag=news&tag=news&tag=&from=2024"), { ...defaultState(), tags: ["news"], from: "2024" });
    assert.deepEqual(stateFromFragment("#from=2024-13&to=2024"), { ...defaultState(), to: "2024" }, "a bad date is left out");
    assert.deepEqual(stateFromFragment("#from=2025&to=2024"), defaultState(), "a range that ends before it starts is left out");
  });

  it("gives every engine call the chosen filters, and says them in a sentence", () => {
    assert.deepEqual(filterOptions(defaultState()), {});
    const state = { ...defaultState(), sources: ["A", "B", "C"], tags: ["x"], from: "2024", to: "" };
    assert.deepEqual(filterOptions(state), { sources: ["A", "B", "C"], tags: ["x"], dateFrom: "2024" });
    assert.equal(filtersPhrase(state), "from 3 sources tagged x dated from 2024");
    assert.equal(filtersPhrase({ ...defaultState(), tags: ["x", "y"], to: "2023" }), "tagged x or y dated up to 2023");
    assert.equal(filtersPhrase({ ...defaultState(), sources: ["A"], from: "2024-03", to: "2024-05" }), "from A dated 2024-03 to 2024-05");
    assert.equal(filtersPhrase(defaultState()), "");
  });
});

describe("dates for the filter", () => {
  it("stand for their span: a year, a month or a day", () => {
    assert.deepEqual(dateSpan("2024"), ["2024-01-01", "2024-12-31"]);
    assert.deepEqual(dateSpan(" 2024-03 "), ["2024-03-01", "2024-03-31"]);
    assert.deepEqual(dateSpan("2024-03-09"), ["2024-03-09", "2024-03-09"]);
    for (const bad of ["", "24", "2024-3", "2024-13", "2024-00", "2024-03-32", "2024/03", "March 2024", "2024-03-09T10:00"]) {
      assert.equal(dateSpan(bad), null, bad);
    }
  });

  it("name what is wrong with a range: the field with a value that is not a date, or a range that ends first", () => {
    assert.equal(dateRangeProblem("", ""), null);
    assert.equal(dateRangeProblem("2024", "2024-01"), null, "a month inside the year overlaps it");
    assert.equal(dateRangeProblem("2024-05", ""), null);
    const bad = dateRangeProblem("2024", "May");
    assert.equal(bad.field, "to");
    assert.match(bad.message, /^To: \u201cMay\u201d is not a date; write a year \(2024\), a month \(2024-03\) or a day \(2024-03-31\)\.$/);
    assert.equal(dateRangeProblem("2024-13", "").field, "from");
    assert.deepEqual(dateRangeProblem("2024-06", "2024-05-31"), { field: "range", message: "From (2024-06) is after To (2024-05-31)." });
    assert.equal(datePhrase("2024", "2024"), "dated 2024");
  });
});

describe("highlight ranges", () => {
  it("are sorted, disjoint and inside the text; others are clamped or dropped", () => {
    assert.deepEqual(cleanRanges([[0, 2], [1, 4], [6, 6], [8, 20]], 10), [[0, 2], [2, 4], [8, 10]]);
    assert.deepEqual(cleanRanges([[5, 3], ["x", 2], [-4, 1]], 10), [[0, 2]]);
    assert.deepEqual(cleanRanges(null, 10), []);
    assert.deepEqual(cleanRanges([[3, 9]], 0), []);
  });
});

describe("how headings, code and marks nest", () => {
  // A compact picture of the tree: text as is, an element as [kind, ...children].
  const picture = (nodes) => nodes.map((node) => (typeof node === "string" ? node : [node.kind, ...picture(node.children)]));
  const flat = (nodes) => nodes.map((node) => (typeof node === "string" ? node : flat(node.children))).join("");

  it("puts code inside headings and marks inside code, cutting a range at an outer edge", () => {
    const text = "Run cargo test\nThen cargo build --release now";
    const at = (word, from = 0) => {
      const start = text.indexOf(word, from);
      return [start, start + word.length];
    };
    const heading = [0, 14];
    // Code crossing the heading's end is cut there; a mark crossing the code's end too.
    const code = [at("cargo test")[0], at("cargo build --release")[1]];
    const marks = [at("cargo"), at("build --release now")];
    const nodes = textSegments(text, marks, [heading], [code]);
    assert.deepEqual(picture(nodes), [
      ["heading", "Run ", ["code", ["mark", "cargo"], " test"]],
      ["code", "\nThen cargo ", ["mark", "build --release"]],
      ["mark", " now"],
    ]);
    assert.equal(flat(nodes), text, "every character once, in order");
    assert.deepEqual([nodes[1].start, nodes[1].end], [14, code[1]]);
  });

  it("keeps text outside every range as one string, and clamps or drops bad ranges as marks are", () => {
    const text = "alpha `beta` gamma";
    assert.deepEqual(picture(textSegments(text, [], null, [[7, 11], [5, 2]])), ["alpha `", ["code", "beta"], "` gamma"]);
    assert.deepEqual(picture(textSegments(text, [], null, [[7, 11], [9, 30]])), ["alpha `", ["code", "beta"], ["code", "` gamma"]]);
    assert.deepEqual(picture(textSegments(text)), [text]);
    assert.deepEqual(textSegments("", [[0, 1]], [[0, 1]], [[0, 1]]), []);
    // UTF-16 units: an astral character is two.
    assert.deepEqual(picture(textSegments("\u{1F600}x y", [[2, 3]], [], [[0, 3]])), [["code", "\u{1F600}", ["mark", "x"]], " y"]);
  });
});

describe("the stylesheet", () => {
  it("gives the same dark palette for theme=dark and for the system's dark mode", () => {
    const css = readFileSync(new URL("../../www/viewer/styles.css", import.meta.url), "utf8");
    const block = (selector) => {
      const start = css.indexOf(`${selector} {`);
      assert.ok(start >= 0, selector);
      const body = css.slice(start, css.indexOf("}", start));
      return body.split("\n").slice(1).map((line) => line.trim()).filter(Boolean);
    };
    const dark = block(':host([theme="dark"])');
    assert.ok(dark.includes("color-scheme: dark;"));
    assert.deepEqual(block(':host(:not([theme="light"]))'), dark);
  });

  it("keeps matches, their cue and the controls' borders readable in both palettes (WCAG ratios)", () => {
    const css = readFileSync(new URL("../../www/viewer/styles.css", import.meta.url), "utf8");
    const palette = (selector) => {
      const start = css.indexOf(`${selector} {`);
      const body = css.slice(start, css.indexOf("}", start));
      const colours = {};
      for (const [, name, hex] of body.matchAll(/--_([a-z-]+): (?:var\(--corpus-viewer-[a-z-]+, )?(#[0-9a-f]{6})/g)) colours[name] = hex;
      return colours;
    };
    const luminance = (hex) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
        .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a, b) => {
      const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    };
    for (const [name, colours] of [["light", palette(":host")], ["dark", palette(':host([theme="dark"])')]]) {
      const needs = [
        ["text", "bg", 4.5], ["muted", "bg", 4.5], ["muted", "surface", 4.5], ["accent", "bg", 4.5],
        ["control-border", "bg", 3], ["control-border", "surface", 3],
        ["mark-text", "mark-bg", 4.5], ["mark-line", "bg", 3], ["mark-line", "mark-bg", 3],
        ["current-text", "current-bg", 4.5], ["current-ring", "bg", 3], ["error-border", "bg", 3],
      ];
      for (const [fore, back, least] of needs) {
        assert.ok(colours[fore] && colours[back], `${name}: --_${fore} and --_${back} are set`);
        const got = ratio(colours[fore], colours[back]);
        assert.ok(got >= least, `${name}: --_${fore} ${colours[fore]} on --_${back} ${colours[back]} is ${got.toFixed(2)}:1, under ${least}:1`);
      }
    }
  });
});

describe("the keyboard", () => {
  it("goes to the search box with /, except while typing in a field", async () => {
    const { viewerShortcut } = await import("../../www/viewer/keys.js");
    assert.equal(viewerShortcut({ key: "/" }), "search");
    assert.equal(viewerShortcut({ key: "/", reading: true }), "search");
    assert.equal(viewerShortcut({ key: "/", editing: true }), null);
  });

  it("closes the reader with Escape and steps through matches with Enter and Shift+Enter", async () => {
    const { viewerShortcut } = await import("../../www/viewer/keys.js");
    assert.equal(viewerShortcut({ key: "Escape", reading: true }), "close");
    assert.equal(viewerShortcut({ key: "Escape" }), null, "nothing to close");
    assert.equal(viewerShortcut({ key: "Enter", reading: true }), "next");
    assert.equal(viewerShortcut({ key: "Enter", shiftKey: true, reading: true }), "previous");
    assert.equal(viewerShortcut({ key: "Enter", reading: true, onControl: true }), null, "a link or button keeps its Enter");
    assert.equal(viewerShortcut({ key: "Enter" }), null);
    assert.equal(viewerShortcut({ key: "a", reading: true }), null);
  });

  it("steps to the previous and next document of the list with [ and ] in the reader", async () => {
    const { viewerShortcut } = await import("../../www/viewer/keys.js");
    assert.equal(viewerShortcut({ key: "[", reading: true }), "previous-document");
    assert.equal(viewerShortcut({ key: "]", reading: true }), "next-document");
    assert.equal(viewerShortcut({ key: "]", reading: true, editing: true }), null, "typed in a field, a bracket is a bracket");
    assert.equal(viewerShortcut({ key: "]" }), null, "no document open");
  });

  it("moves between the list and the reader when they are side by side", async () => {
    const { viewerShortcut } = await import("../../www/viewer/keys.js");
    assert.equal(viewerShortcut({ key: "ArrowRight", reading: true, pane: "list" }), "to-reader");
    assert.equal(viewerShortcut({ key: "F6", reading: true, pane: "list" }), "to-reader");
    assert.equal(viewerShortcut({ key: "ArrowLeft", reading: true, pane: "reader" }), "to-list");
    assert.equal(viewerShortcut({ key: "F6", shiftKey: true, reading: true, pane: "reader" }), "to-list");
    assert.equal(viewerShortcut({ key: "ArrowLeft", reading: true, pane: "list" }), null, "already in the list");
    assert.equal(viewerShortcut({ key: "ArrowRight", reading: true, pane: "reader" }), null, "already in the reader");
    assert.equal(viewerShortcut({ key: "ArrowRight", reading: true }), null, "one pane at a time");
    assert.equal(viewerShortcut({ key: "ArrowLeft", reading: true, pane: "reader", editing: true }), null, "the caret moves in a field");
    assert.equal(viewerShortcut({ key: "ArrowRight", pane: "list" }), null, "no document open");
  });

  it("opens the first result, moves into the list or clears from the search box", async () => {
    const { searchBoxShortcut } = await import("../../www/viewer/keys.js");
    assert.equal(searchBoxShortcut({ key: "Enter" }), "open-first");
    assert.equal(searchBoxShortcut({ key: "Enter", composing: true }), null, "an input method's Enter is its own");
    assert.equal(searchBoxShortcut({ key: "ArrowDown" }), "focus-first");
    assert.equal(searchBoxShortcut({ key: "Escape" }), "clear");
    assert.equal(searchBoxShortcut({ key: "Escape", empty: true }), null);
  });
});

describe("the store", () => {
  it("tells every subscriber of each change, with the state before and how it came, until stopped", async () => {
    const { Store } = await import("../../www/viewer/store.js");
    const store = new Store({ query: "" });
    const heard = [];
    const stop = store.subscribe((state, previous, change) => heard.push(["first", state.query, previous.query, change.how]));
    store.subscribe((state) => heard.push(["second", state.query, store.state.query]));
    store.set({ query: "gaza" }, { how: "typed" });
    stop();
    store.set({ query: "mek" });
    assert.deepEqual(heard, [
      ["first", "gaza", "", "typed"],
      ["second", "gaza", "gaza"],
      ["second", "mek", "mek"],
    ]);
    assert.equal(store.state.query, "mek");
  });
});

describe("the concordance's pictures", () => {
  it("show the documents with the most occurrences, most first, ties in corpus order", async () => {
    const { mostFrequent } = await import("../../www/viewer/concordance.js");
    const entry = (id, n) => ({ id, positions: Array.from({ length: n }, (_, i) => i) });
    const occurrences = [entry("a", 1), entry("b", 5), entry("c", 2), entry("d", 5), entry("e", 3)];
    assert.deepEqual(mostFrequent(occurrences, 3).map((e) => e.id), ["b", "d", "e"]);
    assert.deepEqual(mostFrequent(occurrences, 10).map((e) => e.id), ["b", "d", "e", "c", "a"]);
    assert.deepEqual(mostFrequent([], 3), []);
    // Per 1,000 words, a short document with few occurrences can lead.
    const sized = [{ ...entry("long", 10), words: 10_000 }, { ...entry("short", 2), words: 100 }, { ...entry("mid", 5), words: 1000 }];
    assert.deepEqual(mostFrequent(sized, 3, "rate").map((e) => e.id), ["short", "mid", "long"]);
    assert.deepEqual(mostFrequent(sized, 3).map((e) => e.id), ["long", "mid", "short"]);
  });
});

describe("the concordance's Show more", () => {
  it("says how many lines are left, and no number when counting stopped short of them", async () => {
    const { moreLabel } = await import("../../www/viewer/concordance.js");
    assert.equal(moreLabel(25, 44), "Show 25 more of 44");
    assert.equal(moreLabel(25, 7), "Show 7 more of 7");
    assert.equal(moreLabel(100, 11_168_925), "Show 100 more of 11,168,925");
    assert.equal(moreLabel(25, null), "Show 25 more");
  });
});
