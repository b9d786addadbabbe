// The viewer's keyboard, carried out: what a key press in the search box or anywhere in the
// viewer does to it. Which action a key asks for is pure logic, in keys.js.

import { searchBoxShortcut, viewerShortcut } from "./keys.js";

/** A key pressed in the search box of `viewer`. */
export function onSearchKey(viewer, event) {
  const view = viewer._views[viewer.state.view];
  const action = searchBoxShortcut({ key: event.key, composing: event.isComposing, empty: viewer._input.value === "" });
  if (viewer.state.doc != null && action === "open-first" && viewer._sideBySide(viewer.state)) {
    // The results of the query as it now stands are beside the reader already: go to them.
    event.preventDefault();
    viewer._focusList();
    return;
  }
  if (viewer.state.doc != null && action === "open-first") {
    // In the reader, Enter refines: the results of the query as it now stands.
    event.preventDefault();
    const back = viewer._returnTo?.state ?? viewer.state;
    viewer._returnTo = null;
    viewer.navigate({ view: back.view === "overview" ? "results" : back.view, doc: null, match: 0 }, { push: true });
    return;
  }
  const done = action === "open-first" ? view.openFirst?.()
    : action === "focus-first" ? view.focusFirst?.()
    : action === "clear" && (viewer.searchFor(""), true);
  if (done) event.preventDefault();
}

/** A key pressed anywhere in `viewer`, or on a page where nothing has focus. */
export function onViewerKey(viewer, event) {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || !viewer.engine) return;
  const path = event.composedPath();
  const active = document.activeElement;
  const unfocused = active == null || active === document.body || active === document.documentElement;
  if (!path.includes(viewer) && !(unfocused && document.querySelector("corpus-viewer") === viewer)) return;
  const target = path[0];
  const pane = !viewer._sideBySide(viewer.state) ? null
    : path.includes(viewer._listing) ? "list"
    : path.includes(viewer._reader.element) ? "reader"
    : null;
  const action = viewerShortcut({
    key: event.key,
    shiftKey: event.shiftKey,
    editing: target instanceof Element && target.closest("input, textarea, select, [contenteditable]") != null,
    onControl: target instanceof Element && target.closest("a[href], button, input, select, textarea") != null,
    reading: viewer.state.doc != null,
    pane,
  });
  if (!action) return;
  event.preventDefault();
  if (action === "search") {
    viewer._input.focus();
    viewer._input.select();
  } else if (action === "close") {
    viewer.closeDocument();
  } else if (action === "to-reader") {
    viewer._reader.focus();
  } else if (action === "to-list") {
    viewer._focusList();
  } else if (action === "previous-document" || action === "next-document") {
    viewer.stepDocument(action === "previous-document" ? -1 : 1);
  } else {
    viewer._reader.step(action === "previous" ? -1 : 1);
  }
}
