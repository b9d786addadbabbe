// The words behind a count or a search, shown and changed: which corpus words each query
// word stood for ("war 6 · wars 2"), toggles to count other forms and near spellings, a
// checkbox per form, and, for a search, what it matched beyond the words typed with a way to
// search for the typed word alone. The pure functions here are unit-tested in Node.

import { h, numberFormat, quoted } from "./dom.js";

/** What the concordance counts when nothing was chosen: each word's own form. */
export function defaultForms() {
  return { stems: false, typos: false, include: [], exclude: [] };
}

/** Whether `forms` counts only each word's own form. */
export function isDefaultForms(forms) {
  return !forms.stems && !forms.typos && forms.include.length === 0 && forms.exclude.length === 0;
}

/** The engine's `forms` option for `forms`, or undefined for the default. */
export function formsOption(forms) {
  if (isDefaultForms(forms)) return undefined;
  const option = {};
  if (forms.stems) option.stems = true;
  if (forms.typos) option.typos = true;
  if (forms.include.length) option.include = [...forms.include];
  if (forms.exclude.length) option.exclude = [...forms.exclude];
  return option;
}

/** `forms` with `form` counted (`counted` true) or not, by name. */
export function withForm(forms, form, counted) {
  const include = forms.include.filter((f) => f !== form);
  const exclude = forms.exclude.filter((f) => f !== form);
  if (counted) include.push(form);
  else exclude.push(form);
  return { ...forms, include, exclude };
}

const KINDS = {
  exact: "the word itself",
  stem: "another form of the word",
  prefix: "a word it begins",
  fuzzy: "a near spelling",
};

/** How a form relates to the word it stands for, for a person. */
export function kindName(kind) {
  return KINDS[kind] ?? kind;
}

/** How many forms a search's note names before "and N more". */
const NAMED_FORMS = 6;

/** A list of forms, the first few named and the rest counted. */
function nameForms(forms, unlisted = 0) {
  const named = forms.slice(0, NAMED_FORMS).map((f) => f.form);
  const more = forms.length - named.length + unlisted;
  return more > 0 ? `${named.join(", ")} and ${numberFormat.format(more)} more` : named.join(", ");
}

/**
 * For a search's `forms` (the words that matched other corpus words than their own), the
 * sentences that say so: `{ text, words }`, with `words` the query words to put in quotes to
 * search for them alone (none for `word*`, which asked for completions). Near spellings and
 * completions get a sentence per word; other forms share one.
 */
export function matchedSentences(wordForms, query) {
  const sentences = [];
  const stems = [];
  const stemWords = [];
  for (const entry of wordForms ?? []) {
    const others = entry.forms.filter((f) => f.included && f.kind !== "exact");
    if (others.length === 0) continue;
    if (String(query).includes(`${entry.word}*`)) {
      sentences.push({ text: `${quoted(`${entry.word}*`)} matched ${nameForms(others, entry.unlisted)}`, words: [] });
      continue;
    }
    const fuzzy = others.filter((f) => f.kind === "fuzzy");
    if (fuzzy.length > 0) {
      const what = fuzzy.length > 1 ? "near spellings" : "a near spelling";
      sentences.push({ text: `Matched ${nameForms(fuzzy)}, ${what} of ${quoted(entry.word)}`, words: [entry.word] });
    }
    const forms = others.filter((f) => f.kind !== "fuzzy");
    if (forms.length > 0) {
      stems.push(...forms);
      stemWords.push(entry.word);
    }
  }
  if (stems.length > 0) sentences.push({ text: `Also matched other forms: ${nameForms(stems)}`, words: stemWords });
  return sentences;
}

/** The query with each of `words` put in quotes (see `quoteWord`). */
export function quoteWords(query, words) {
  return words.reduce((text, word) => quoteWord(text, word), query);
}

/**
 * The query with the first unquoted `word` in it put in quotes, so that it matches its own form
 * only; the query unchanged when the word is not found as typed.
 */
export function quoteWord(query, word) {
  let inQuotes = false;
  for (let i = 0; i < query.length; i += 1) {
    const c = query[i];
    if (c === '"' || c === "\u201c" || c === "\u201d" || c === "\u201e") {
      inQuotes = !inQuotes;
      continue;
    }
    if (inQuotes || !query.startsWith(word, i)) continue;
    const before = i === 0 ? " " : query[i - 1];
    const after = query[i + word.length] ?? " ";
    if (/[\s(\-]/.test(before) && /[\s)]/.test(after)) {
      return `${query.slice(0, i)}"${word}"${query.slice(i + word.length)}`;
    }
  }
  return query;
}

/** The words, and the forms of each, the bar shows before "more". */
const SHOWN_WORDS = 8;
const SHOWN_FORMS = 12;

/** The row of a concordance that shows and changes what it counts. */
export class FormsBar {
  /** `onChange(forms)` is called with the new choice. */
  constructor(onChange) {
    this.onChange = onChange;
    this.forms = defaultForms();
    this.stems = h("input", { type: "checkbox" });
    this.typos = h("input", { type: "checkbox" });
    this.stems.addEventListener("change", () => this.onChange({ ...this.forms, stems: this.stems.checked }));
    this.typos.addEventListener("change", () => this.onChange({ ...this.forms, typos: this.typos.checked }));
    this.words = h("div", { class: "form-words" });
    this.element = h(
      "fieldset",
      { class: "forms" },
      h("legend", { text: "Words counted" }),
      this.words,
      h(
        "div",
        { class: "form-toggles" },
        h("label", { class: "toggle" }, this.stems, " count other forms (wars for war)"),
        h("label", { class: "toggle" }, this.typos, " count near spellings"),
      ),
    );
  }

  /**
   * Shows `wordForms` (a concordance's `forms`) under the choice `forms`: the first few words
   * and forms, the rest a click away, so that a query of many prefixes draws quickly.
   */
  render(wordForms, forms) {
    this.forms = forms;
    this.stems.checked = forms.stems;
    this.typos.checked = forms.typos;
    const entries = (wordForms ?? []).filter((entry) => entry.forms.length > 0);
    this.words.replaceChildren(...entries.slice(0, SHOWN_WORDS).map((entry) => this.word(entry)));
    if (entries.length > SHOWN_WORDS) {
      const rest = entries.slice(SHOWN_WORDS);
      const more = h("button", { class: "link-button", type: "button", text: `the forms of ${numberFormat.format(rest.length)} more words` });
      more.addEventListener("click", () => more.replaceWith(...rest.map((entry) => this.word(entry))));
      this.words.append(more);
    }
  }

  word(entry, all = false) {
    const list = h("ul", { class: "form-list", "aria-label": `Forms of ${quoted(entry.word)}` });
    const shown = all ? entry.forms : entry.forms.slice(0, SHOWN_FORMS);
    for (const form of shown) {
      const box = h("input", { type: "checkbox", checked: form.included });
      box.addEventListener("change", () => this.onChange(withForm(this.forms, form.form, box.checked)));
      const counts = `${numberFormat.format(form.count)}`;
      list.append(
        h(
          "li",
          null,
          h(
            "label",
            { class: form.included ? "form counted" : "form", title: `${kindName(form.kind)}; in ${numberFormat.format(form.documents)} documents` },
            box,
            h("span", { class: "form-name", dir: "auto", text: form.form }),
            h("span", { class: "form-count", text: counts }),
          ),
        ),
      );
    }
    const hidden = entry.forms.length - shown.length;
    const element = h("div", { class: "form-word" }, h("span", { class: "form-query", dir: "auto", text: entry.word }), list);
    if (hidden > 0) {
      const more = h("button", { class: "link-button", type: "button", text: `${numberFormat.format(hidden)} more` });
      more.addEventListener("click", () => element.replaceWith(this.word(entry, true)));
      list.append(h("li", null, more));
    } else if (entry.unlisted > 0) {
      list.append(h("li", { class: "hint", text: `and ${numberFormat.format(entry.unlisted)} more, not listed` }));
    }
    return element;
  }
}
