// The viewer's keyboard, as pure logic: which action a key press asks for. The element listens,
// and keyboard.js carries the actions out.
//
// Anywhere in the viewer (or on a page where nothing has focus): `/` goes to the search box,
// which stays on screen in the reader. In the reader: Escape closes the document; Enter and
// Shift+Enter step to the next and previous match, unless a link or control has focus; `[`
// and `]` open the previous and next document of the list. With the list and the reader side by
// side, ArrowRight (or F6) on the list moves to the reader, and ArrowLeft (or Shift+F6) in the
// reader back to the list. In the search box: Enter opens the first result (in the reader:
// shows the results of the query as refined), ArrowDown moves into the list, Escape clears.

/**
 * The action of a key press anywhere in the viewer: "search", "close", "next", "previous",
 * "previous-document", "next-document", "to-reader", "to-list", or null. `editing`: the press
 * is in a field; `onControl`: on a link or control; `reading`: a document is open; `pane`:
 * with the list and the reader side by side, the one the press is in ("list" or "reader").
 */
export function viewerShortcut({ key, shiftKey = false, editing = false, onControl = false, reading = false, pane = null }) {
  if (key === "/" && !editing) return "search";
  if (!reading) return null;
  if (pane === "list" && !editing && (key === "ArrowRight" || (key === "F6" && !shiftKey))) return "to-reader";
  if (pane === "reader" && !editing && (key === "ArrowLeft" || (key === "F6" && shiftKey))) return "to-list";
  if (key === "Escape") return "close";
  if (key === "Enter" && !onControl) return shiftKey ? "previous" : "next";
  if (key === "[" && !editing) return "previous-document";
  if (key === "]" && !editing) return "next-document";
  return null;
}

/**
 * The action of a key press in the search box: "open-first", "focus-first", "clear", or null.
 * `composing`: an input method is composing text; `empty`: the box is empty.
 */
export function searchBoxShortcut({ key, composing = false, empty = false }) {
  if (key === "Enter" && !composing) return "open-first";
  if (key === "Escape" && !empty) return "clear";
  if (key === "ArrowDown") return "focus-first";
  return null;
}
