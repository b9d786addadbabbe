// The viewer's styles: styles.css, inlined as text when the viewer is bundled, as one
// constructed stylesheet adopted by every viewer's shadow root. No `<style>` element, so a
// content policy without 'unsafe-inline' for styles holds, and nothing leaks in or out. The
// custom properties a host page themes the viewer with are listed at the top of styles.css.

import CSS from "./styles.css";

let viewerSheet = null;

/** The viewer's stylesheet, constructed once per document. */
export function viewerStyleSheet() {
  if (!viewerSheet) {
    viewerSheet = new CSSStyleSheet();
    viewerSheet.replaceSync(CSS);
  }
  return viewerSheet;
}
