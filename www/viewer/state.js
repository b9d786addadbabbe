// The viewer's state and its place in the URL fragment.
//
// A state is what a shared link restores: the list view, the query, the
// filters and orders, what the concordance counts beyond each word's own form,
// and the open document with its current match:
//
//   #view=concordance&doc=ID&match=3&source=NAME&source=NAME&sort=date&order=left
//     &count=stems,typos&with=FORM&without=FORM&q=QUERY
//
// Defaults are left out, so a plain search is `#q=QUERY` and an open
// document `#doc=ID&q=QUERY`. `match` counts from 1.

import { defaultForms } from "./forms.js";

const VIEWS = ["results", "concordance", "overview"];
const SORTS = ["relevance", "date", "title"];
const ORDERS = ["document", "left", "right"];

export function defaultState() {
  return { view: "results", query: "", sources: [], sort: "relevance", order: "document", forms: defaultForms(), doc: null, match: 0 };
}

function oneOf(value, allowed) {
  return allowed.includes(value) ? value : allowed[0];
}

/** The state a fragment (`#…`, or empty) describes; unknown values fall back to defaults. */
export function stateFromFragment(fragment) {
  const params = new URLSearchParams(String(fragment ?? "").replace(/^#/, ""));
  const match = Number.parseInt(params.get("match") ?? "", 10);
  const count = (params.get("count") ?? "").split(",");
  const forms = {
    stems: count.includes("stems"),
    typos: count.includes("typos"),
    include: params.getAll("with").filter(Boolean),
    exclude: params.getAll("without").filter(Boolean),
  };
  return {
    view: oneOf(params.get("view"), VIEWS),
    query: params.get("q") ?? "",
    sources: [...new Set(params.getAll("source").filter(Boolean))],
    sort: oneOf(params.get("sort"), SORTS),
    order: oneOf(params.get("order"), ORDERS),
    forms,
    doc: params.get("doc"),
    match: Number.isInteger(match) && match > 0 ? match - 1 : 0,
  };
}

/** The fragment for `state`, without the `#`; empty for the default state. */
export function fragmentForState(state) {
  const parts = [];
  const add = (key, value) => parts.push(`${key}=${encodeURIComponent(value)}`);
  if (state.view !== "results") add("view", state.view);
  if (state.doc != null) {
    add("doc", state.doc);
    if (state.match > 0) add("match", state.match + 1);
  }
  for (const source of state.sources ?? []) add("source", source);
  if (state.sort !== "relevance") add("sort", state.sort);
  if (state.order !== "document") add("order", state.order);
  const forms = state.forms ?? defaultForms();
  const count = [forms.stems && "stems", forms.typos && "typos"].filter(Boolean);
  if (count.length) add("count", count.join(","));
  for (const form of forms.include) add("with", form);
  for (const form of forms.exclude) add("without", form);
  if (state.query) add("q", state.query);
  return parts.join("&");
}

/** The current address with its fragment replaced by the one for `state`. */
export function urlForState(state) {
  const base = location.href.split("#")[0];
  const fragment = fragmentForState(state);
  return fragment ? `${base}#${fragment}` : base;
}

/** The engine's `sources` option for the state's chosen sources; undefined for all. */
export function sourcesOption(state) {
  return state.sources?.length ? [...state.sources] : undefined;
}

/** Where the chosen sources leave a search, for a sentence: "from A", "from A or B", "from 3 sources". */
export function sourcesPhrase(state) {
  const sources = state.sources ?? [];
  if (sources.length === 0) return "";
  if (sources.length === 1) return `from ${sources[0]}`;
  if (sources.length === 2) return `from ${sources[0]} or ${sources[1]}`;
  return `from ${sources.length} sources`;
}

export function sameState(a, b) {
  return fragmentForState(a) === fragmentForState(b);
}
