// The viewer's place in the browser's history, with the element's `history` attribute: each
// entry's address carries the state (see state.js), and its `history.state` a note of the
// viewer's own under one key: where the list was scrolled, which document was opened, and
// whether the entry was added for the reader or by a search.

import { stateFromFragment, urlForState } from "./state.js";

const KEY = "corpusViewer";

/** The viewer's note in the current entry, or null. */
export function entryNote() {
  return history.state?.[KEY] ?? null;
}

/** The state the current entry's address describes. */
export function entryState() {
  return stateFromFragment(location.hash);
}

/** Whether the current address carries a state at all. */
export function entryHasState() {
  return location.hash.replace(/^#/, "") !== "";
}

/** Adds an entry for `state`, with `note`. */
export function pushEntry(state, note) {
  history.pushState({ [KEY]: note }, "", urlForState(state));
}

/** Points the current entry at `state`; its note stays, unless `note` replaces it. */
export function replaceEntry(state, note) {
  history.replaceState(note === undefined ? history.state : { [KEY]: note }, "", urlForState(state));
}

/** Adds `fields` to the current entry's note, its address unchanged; the viewer restores scrolling itself. */
export function noteInEntry(fields) {
  history.scrollRestoration = "manual";
  history.replaceState({ ...(history.state ?? {}), [KEY]: { ...(entryNote() ?? {}), ...fields } }, "");
}

/** Goes back one entry. */
export function goBack() {
  history.back();
}
