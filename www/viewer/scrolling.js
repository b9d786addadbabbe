// Where the viewer scrolls: the page, or the viewer's own frame when it has a height (the
// `height` attribute); and the list's own column, when it stays beside the reader.

/** The scrolling of a viewer (`host`) whose content is `frame`. */
export class Scrolling {
  constructor(host, frame) {
    this.host = host;
    this.frame = frame;
  }

  /** Whether the viewer scrolls inside itself rather than with the page. */
  get inside() {
    return this.frame.classList.contains("scrolls");
  }

  /** How far the viewer is scrolled, in CSS pixels. */
  get position() {
    return this.inside ? this.frame.scrollTop : window.scrollY;
  }

  set position(y) {
    if (this.inside) this.frame.scrollTop = y;
    else window.scrollTo(0, y);
  }

  /** Where the viewer's visible part ends, in CSS pixels from the top of the window. */
  visibleBottom() {
    const bottom = window.innerHeight || document.documentElement.clientHeight;
    return this.inside ? Math.min(bottom, this.frame.getBoundingClientRect().bottom) : bottom;
  }

  /** Scrolls `element` to the middle of the viewer, inside the viewer when it scrolls by itself. */
  reveal(element) {
    if (!this.inside) {
      element.scrollIntoView({ block: "center", inline: "nearest" });
      return;
    }
    const frame = this.frame.getBoundingClientRect();
    const box = element.getBoundingClientRect();
    this.frame.scrollTop += box.top - frame.top - (this.frame.clientHeight - box.height) / 2;
  }

  /**
   * Brings the top of the viewer into view. The page scrolls to its top only when `ownsPage`
   * (the viewer keeps the page's history); a guest is scrolled into view only when its top is
   * above the window.
   */
  toTop(ownsPage) {
    if (this.inside) {
      this.frame.scrollTop = 0;
    } else if (ownsPage) {
      window.scrollTo(0, 0);
    } else if (this.host.getBoundingClientRect().top < 0) {
      this.host.scrollIntoView({ block: "start" });
    }
  }
}

/** Scrolls `pane`, a box that scrolls by itself, so that `item` is in view, without moving the page. */
export function revealInPane(pane, item) {
  const outer = pane.getBoundingClientRect();
  const box = item.getBoundingClientRect();
  if (box.top >= outer.top && box.bottom <= outer.bottom) return;
  pane.scrollTop += box.top - outer.top - (pane.clientHeight - box.height) / 3;
}
