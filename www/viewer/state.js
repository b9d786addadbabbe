// The viewer's state and its place in the URL fragment.
//
// A state is what a shared link restores: the list view, the query, the
// filters and orders, what the concordance counts beyond each word's own form,
// and the open document with its current match:
//
//   #view=concordance&doc=ID&match=3&source=NAME&source=NAME&tag=TAG&from=2024-03&to=2024
//     &sort=date&order=left&count=stems,typos&with=FORM&without=FORM&q=QUERY
//
// Defaults are left out, so a plain search is `#q=QUERY` and an open
// document `#doc=ID&q=QUERY`. `match` counts from 1.

import { datePhrase, dateRangeProblem, isDate } from "./dates.js";
import { defaultForms } from "./forms.js";

const VIEWS = ["results", "concordance", "overview"];
const SORTS = ["relevance", "date", "title"];
const ORDERS = ["document", "left", "right"];

export function defaultState() {
  return { view: "results", query: "", sources: [], tags: [], from: "", to: "", sort: "relevance", order: "document", forms: defaultForms(), doc: null, match: 0 };
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
  // A date that is not one, or a range that ends before it starts, is left out.
  let [from, to] = [params.get("from") ?? "", params.get("to") ?? ""].map((date) => (isDate(date) ? date.trim() : ""));
  if (dateRangeProblem(from, to)) [from, to] = ["", ""];
  return {
    view: oneOf(params.get("view"), VIEWS),
    query: params.get("q") ?? "",
    sources: [...new Set(params.getAll("source").filter(Boolean))],
    tags: [...new Set(params.getAll("tag").filter(Boolean))],
    from,
    to,
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
  for (const tag of state.tags ?? []) add("tag", tag);
  if (state.from) add("from", state.from);
  if (state.to) add("to", state.to);
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

/**
 * The engine's filter options for the state's chosen sources, tags and dates (`sources`,
 * `tags`, `dateFrom`, `dateTo`), each only when chosen: `{}` for the whole collection. Every
 * engine call that takes `sources` takes them all.
 */
export function filterOptions(state) {
  const options = {};
  if (state.sources?.length) options.sources = [...state.sources];
  if (state.tags?.length) options.tags = [...state.tags];
  if (state.from) options.dateFrom = state.from;
  if (state.to) options.dateTo = state.to;
  return options;
}

/** Whether the state keeps only part of the collection by source, tag or date. */
export function isFiltered(state) {
  return Object.keys(filterOptions(state)).length > 0;
}

/** What an answer for the state depends on among its filters, as a key to compare. */
export function filterKey(state) {
  return JSON.stringify(filterOptions(state));
}

/** "A", "A or B", or "3 sources" (`many` named by `noun`). */
function either(names, noun) {
  if (names.length <= 2) return names.join(" or ");
  return `${names.length} ${noun}`;
}

/**
 * Where the chosen sources, tags and dates leave a search, for a sentence: "from A", "from A or
 * B tagged x", "from 3 sources tagged x or y dated 2024-03 to 2024-05"; "" for none.
 */
export function filtersPhrase(state) {
  const parts = [];
  if (state.sources?.length) parts.push(`from ${either(state.sources, "sources")}`);
  if (state.tags?.length) parts.push(`tagged ${either(state.tags, "tags")}`);
  const dates = datePhrase(state.from, state.to);
  if (dates) parts.push(dates);
  return parts.join(" ");
}

export function sameState(a, b) {
  return fragmentForState(a) === fragmentForState(b);
}
