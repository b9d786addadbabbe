// The results view: every document when the query is empty, else the ranked
// hits with their best passage, filtered by source and sorted as chosen, and
// searching further when a phrase was checked in only some documents.

import { answerOnceArrived } from "./chunks.js";
import { FurtherSearch } from "./further.js";
import { h, highlightedText, moveInList, numberFormat, plural, quoted, describeDocument, errorMessage } from "./dom.js";
import { matchedSentences, quoteWords } from "./forms.js";
import { filterKey, filterOptions, filtersPhrase, isFiltered } from "./state.js";

/** How many documents the list without a query shows at first, and adds on each "Show more". */
const LIST_PAGE = 100;

/**
 * About the least height of an item of the list without a query, in CSS pixels: the list's first
 * draw builds the items that fit in view by it (and one more), and the rest of the page once the
 * browser has shown those. On a first visit to a large collection, the eighty-odd items out of
 * view took 30-37 ms to build, before the first list could show.
 */
const ITEM_HEIGHT = 40;
/** The fewest items the list without a query builds in its first draw. */
const ITEMS_AT_LEAST = 10;

/** Calls `run` once the browser has shown what is drawn now: after its next frame, or soon without frames. */
function afterNextFrame(run) {
  let done = false;
  const once = () => {
    if (!done) {
      done = true;
      run();
    }
  };
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => setTimeout(once, 0));
  // A page out of view draws no frames.
  setTimeout(once, 100);
}

/** How many hits a search shows at first, and adds on each "Show more"; the engine gives at most MAX_HITS. */
const HITS_PAGE = 50;
/** A page of hits of a chunked corpus: each passage may need a chunk of texts to be loaded. */
const CHUNKED_HITS_PAGE = 10;
const MAX_HITS = 10_000;
/**
 * About the height of a hit with a passage of two lines, in CSS pixels, by which a chunked
 * corpus's first answer counts the hits in view (and one more): those have their passages at
 * once, the others once they come within a quarter of a window of the view.
 */
const HIT_HEIGHT = 130;
/** The fewest hits a chunked corpus's first answer gives their passages. */
const PASSAGES_AT_LEAST = 3;

/** The viewer's `page-size` attribute when it is a whole number from 1, else LIST_PAGE. */
function pageSize(viewer) {
  const value = Number(viewer.getAttribute("page-size"));
  return Number.isInteger(value) && value >= 1 ? value : LIST_PAGE;
}

/** Engine options for the chosen filters and order. */
function searchOptions(state, extra) {
  const options = { ...extra, ...filterOptions(state) };
  if (state.sort !== "relevance") options.sort = state.sort;
  return options;
}

/** What a number of hits asked for belongs to: the search, its filters and its order. */
function hitsKey(state) {
  return JSON.stringify([state.query, filterKey(state), state.sort]);
}

/**
 * The status line of a search's answer `result`, which matched `total` documents for `query`.
 * Words the engine left out for their cost (`leftOut`) were not searched, and the counts say so.
 */
export function searchSummary(result, total, query) {
  const hits = result.hits ?? [];
  // A search that stopped short (a phrase of common words in a large collection) found
  // none where it looked: that is not "none match".
  if (total === 0 && result.complete === false) return `No documents found for ${quoted(query)} in the part searched`;
  if (total === 0) return `No documents match ${quoted(query)}`;
  const atLeast = result.complete === false ? "at least " : "";
  const everyWord = result.everyWord ?? 0;
  const every = result.leftOut?.length > 0 ? "every searched word" : "every word";
  let summary;
  if (everyWord === 0) {
    summary = `No document has ${every} of ${quoted(query)} \u00b7 ${atLeast}${plural(total, "document has", "documents have")} some of them`;
  } else {
    summary = `${atLeast}${plural(total, "document matches", "documents match")} ${quoted(query)}`;
    if (everyWord < total) summary += ` \u00b7 ${numberFormat.format(everyWord)} with ${every}, ${atLeast}${numberFormat.format(total - everyWord)} with some`;
  }
  if (hits.length < total) summary += ` \u00b7 showing the first ${numberFormat.format(hits.length)}`;
  return summary;
}

export class ResultsView {
  constructor(viewer) {
    this.viewer = viewer;
    this.links = [];
    this.suggestions = h("div", { hidden: true });
    this.matched = h("div", { class: "matched", hidden: true });
    this.list = h("ol", { id: "results", class: "list" });
    this.list.addEventListener("click", (event) => this.onClick(event));
    this.list.addEventListener("keydown", (event) => this.onKey(event));
    // The list without a query: the engine's options for it, how many documents it has and
    // how many are shown; they come a page at a time.
    this.listing = null;
    // The items of the list's page not built yet (the first draw builds those in view).
    this.deferred = null;
    this.more = h("button", { class: "link-button more", type: "button", hidden: true });
    this.more.addEventListener("click", () => (this.searched ? this.showMoreHits() : this.showMore()));
    this.further = new FurtherSearch(viewer, { view: "results", keyOf: hitsKey });
    // How many hits to ask for, and the search they were asked for.
    this.hitLimit = HITS_PAGE;
    this.hitLimitFor = null;
    this.searched = false;
    this.element = h("section", { class: "results", "aria-label": "Documents" }, this.further.element, this.suggestions, this.matched, this.list, this.more);
  }

  /** What `render(state)` needs the engine to answer, as `[method, ...args]`, or null. */
  call(state) {
    // Without a query: the first page of the documents (whose titles a chunked corpus loads).
    if (state.query.trim() === "") return ["documents", { ...searchOptions(state, {}), offset: 0, limit: pageSize(this.viewer) }];
    const limit = hitsKey(state) === this.hitLimitFor ? this.hitLimit : this.hitsPage();
    const extra = { limit, ...this.further.option(state) };
    const passages = this.passagesFor(state, limit);
    if (passages < limit) extra.snippetLimit = passages;
    return ["search", state.query, searchOptions(state, extra)];
  }

  /**
   * How many of `limit` hits are asked with their passages. A chunked corpus loads a block of
   * texts for each: at first only for about the hits in view, and for the others once they come
   * near it (`fillPassages`); a search going further has them all.
   */
  passagesFor(state, limit) {
    if (!this.viewer.engine?.isChunked || this.further.option(state).further) return limit;
    if (this.passages?.key === hitsKey(state)) return Math.min(limit, this.passages.count);
    const top = Math.max(0, this.list.getBoundingClientRect().top);
    const room = Math.max(0, this.viewer.viewBottom() - top);
    const count = Math.max(PASSAGES_AT_LEAST, Math.ceil(room / HIT_HEIGHT) + 1);
    this.passages = { key: hitsKey(state), count };
    return Math.min(limit, count);
  }

  /**
   * Shows the list for `state`, with `answer` (`{ value }` or `{ error }`) the engine's answer
   * to `call(state)`; returns `{ status, total }`.
   */
  render(state, answer) {
    const { engine: corpus } = this.viewer;
    this.links = [];
    this.suggestions.hidden = true;
    this.suggestions.replaceChildren();
    this.matched.hidden = true;
    this.matched.replaceChildren();
    this.listing = null;
    this.deferred = null;
    this.more.hidden = true;
    const furtherFocused = this.further.beforeDraw();
    this.searched = state.query.trim() !== "";

    if (!this.searched) {
      if (answer?.error) throw answer.error;
      const options = searchOptions(state, {});
      const total = isFiltered(state) ? corpus.countDocuments(options) : this.viewer.documentCount;
      this.list.replaceChildren();
      this.listing = { options, total, shown: 0 };
      this.appendDocuments(answer?.value ?? [], this.itemsInView());
      const where = isFiltered(state) ? ` ${filtersPhrase(state)}` : " in this collection";
      return { status: `${plural(total, "document", "documents")}${where}`, total, searched: false };
    }

    if (hitsKey(state) !== this.hitLimitFor) this.hitLimit = this.hitsPage();
    const focus = this.focusOnDraw?.key === hitsKey(state) ? this.focusOnDraw.at : null;
    this.focusOnDraw = null;
    this.hitLimitFor = hitsKey(state);
    if (answer.error) throw answer.error;
    const result = answer.value;
    // The query's documents by source and by tag, for the filters.
    this.sourceCounts = result.sources ?? null;
    this.tagCounts = result.tags ?? null;
    const hits = result.hits ?? [];
    const passages = this.passagesFor(state, hits.length);
    this.list.replaceChildren(...hits.map((hit, place) => this.hitItem(hit, state, place >= passages)));
    this.awaitPassages(state, hits.length, passages);
    if (focus != null) this.links[focus]?.link.focus();
    const suggestions = result.suggestions ?? [];
    if (suggestions.length > 0) {
      const line = h("p", { class: "suggest" }, "Did you mean: ");
      suggestions.forEach((term, index) => {
        if (index > 0) line.append(", ");
        const button = h("button", { class: "link-button", type: "button", text: term, dir: "auto" });
        button.addEventListener("click", () => this.viewer.searchFor(term));
        line.append(button);
      });
      this.suggestions.append(line);
      this.suggestions.hidden = false;
    }
    this.showMatched(result.forms, state.query);
    const total = typeof result.total === "number" ? result.total : hits.length;
    // More hits while the engine gave every hit asked for and there are more.
    const unshown = total - hits.length;
    this.more.hidden = unshown <= 0 || hits.length < this.hitLimit || this.hitLimit >= MAX_HITS;
    this.more.textContent = `Show ${numberFormat.format(Math.min(this.hitsPage(), unshown))} more of ${numberFormat.format(unshown)}`;
    this.further.show(result, state, furtherFocused, () => this.links[0]?.link.focus());
    return { status: searchSummary(result, total, state.query), total, searched: true, notes: result.notes };
  }

  /** Says which other words than those typed the search matched, each with a way to search for the typed word alone. */
  showMatched(forms, query) {
    const sentences = matchedSentences(forms, query);
    for (const sentence of sentences) {
      const line = h("p", { class: "matched-line", dir: "auto" }, sentence.text);
      const quotedQuery = quoteWords(query, sentence.words);
      if (quotedQuery !== query) {
        const what = sentence.words.length === 1 ? quoted(sentence.words[0]) : "the words as typed";
        const button = h("button", { class: "link-button", type: "button", text: `search only for ${what}` });
        button.addEventListener("click", () => this.viewer.searchFor(quotedQuery));
        line.append(" \u00b7 ", button);
      }
      this.matched.append(line);
    }
    this.matched.hidden = sentences.length === 0;
  }

  /** How many hits a page shows. */
  hitsPage() {
    return this.viewer.engine?.isChunked ? CHUNKED_HITS_PAGE : HITS_PAGE;
  }

  /** Asks for the next page of hits and moves the focus to the first new one. */
  showMoreHits() {
    const first = this.links.length;
    this.hitLimit = Math.min(this.hitLimit + this.hitsPage(), MAX_HITS);
    this.viewer._render(this.viewer.state);
    // In a chunked corpus the new hits may wait for their passages: focused once drawn.
    if (this.links[first]) this.links[first].link.focus();
    else this.focusOnDraw = { key: hitsKey(this.viewer.state), at: first };
  }

  /**
   * Lists the next page of documents, once a chunked corpus has loaded their titles; the focus
   * moves to the first of them. A large corpus opens without building every item.
   */
  async showMore() {
    const listing = this.listing;
    if (!listing || this.more.disabled) return;
    this.completeList();
    const ask = () => this.viewer.engine.documents({ ...listing.options, offset: listing.shown, limit: pageSize(this.viewer) });
    const label = this.more.textContent;
    let page;
    try {
      page = await answerOnceArrived(ask, {
        onWait: (pending) => {
          this.more.disabled = true;
          this.more.textContent = pending.message;
        },
      });
    } catch (error) {
      this.more.textContent = `${label} (${errorMessage(error)})`;
      return;
    } finally {
      this.more.disabled = false;
    }
    if (listing !== this.listing) return;
    const first = this.links.length;
    this.appendDocuments(page);
    this.links[first]?.link.focus();
  }

  /**
   * Appends a page of the list without a query, and offers the next; only its first `now` items
   * at once, when given, and the others once the browser has shown them (`completeList`).
   */
  appendDocuments(page, now = page.length) {
    const listing = this.listing;
    listing.shown += page.length;
    this.list.append(...page.slice(0, now).map((doc) => this.documentItem(doc)));
    if (now < page.length) {
      const deferred = page.slice(now);
      this.deferred = deferred;
      afterNextFrame(() => this.deferred === deferred && this.completeList());
    }
    const unshown = page.length === 0 ? 0 : listing.total - listing.shown;
    const size = pageSize(this.viewer);
    this.more.hidden = unshown <= 0;
    this.more.textContent = `Show ${numberFormat.format(Math.min(size, unshown))} more of ${numberFormat.format(unshown)}`;
  }

  /**
   * How many items of the list without a query fit in view (and one more), by `ITEM_HEIGHT`:
   * those its first draw builds.
   */
  itemsInView() {
    const top = Math.max(0, this.list.getBoundingClientRect().top);
    const room = Math.max(0, this.viewer.viewBottom() - top);
    return Math.max(ITEMS_AT_LEAST, Math.ceil(room / ITEM_HEIGHT) + 1);
  }

  /** Builds the items of the list's page that its first draw left for later, if any. */
  completeList() {
    const deferred = this.deferred;
    if (!deferred) return;
    this.deferred = null;
    this.list.append(...deferred.map((doc) => this.documentItem(doc)));
  }

  /** The link to document `id`, in its language (`lang`, else its entry's). */
  itemLink(id, title, state, titleHighlights = [], lang = this.viewer.documentInfo(id)?.lang) {
    const link = h("a", { href: this.viewer.hrefFor({ ...state, doc: id, match: 0 }), dir: "auto", lang }, title ? highlightedText(title, titleHighlights) : id);
    this.links.push({ id, link });
    return link;
  }

  documentItem(doc) {
    return h(
      "li",
      { class: "item" },
      // The list's entry holds the language: no call for each document.
      h("h2", null, this.itemLink(doc.id, doc.title, this.viewer.state, [], doc.lang)),
      h("p", { class: "meta", text: describeDocument(doc, doc.words) }),
    );
  }

  /**
   * Watches the hits drawn without their passages (those from `passages` on, of `shown`): once
   * one comes near the view, the passages of every hit shown are asked for and filled in, the
   * list left as it is.
   */
  awaitPassages(state, shown, passages) {
    this.passageWatch?.disconnect();
    this.passageWatch = null;
    const pending = this.list.querySelectorAll(".snippet.pending");
    if (pending.length === 0) return;
    const fill = () => {
      this.passageWatch?.disconnect();
      this.passageWatch = null;
      this.fillPassages(state, shown, passages);
    };
    if (typeof IntersectionObserver !== "function") return fill();
    this.passageWatch = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && fill(), { rootMargin: "0px 0px 25% 0px" });
    for (const placeholder of pending) this.passageWatch.observe(placeholder);
  }

  /** Asks for the passages of the `shown` hits of `state` and puts those from `passages` on in their places. */
  async fillPassages(state, shown, passages) {
    const key = hitsKey(state);
    this.passages = { key, count: Math.max(shown, this.passages?.key === key ? this.passages.count : 0) };
    const options = searchOptions(state, { limit: shown });
    let result, failure;
    try {
      result = await answerOnceArrived(() => this.viewer.engine.search(state.query, options));
    } catch (error) {
      failure = error;
    }
    if (hitsKey(this.viewer.state) !== key || !this.searched) return;
    if (failure) {
      // A chunk of texts that cannot be had (missing, altered) is named once, where the first
      // of the passages would stand; the hits stay, without theirs.
      this.list.querySelectorAll(".snippet.pending").forEach((placeholder, index) => {
        if (index > 0) placeholder.remove();
        else placeholder.replaceWith(h("p", { class: "snippet unavailable", text: `The passages of these hits could not be loaded: ${errorMessage(failure)}` }));
      });
      return;
    }
    const items = new Map(this.links.map((entry) => [entry.id, entry.link.closest(".item")]));
    for (const hit of (result.hits ?? []).slice(passages)) {
      const placeholder = items.get(hit.id)?.querySelector(".snippet.pending");
      if (!placeholder) continue;
      const passage = this.passage(hit);
      if (passage) placeholder.replaceWith(passage);
      else placeholder.remove();
    }
    // A hit the answer no longer holds keeps no placeholder.
    for (const placeholder of this.list.querySelectorAll(".snippet.pending")) placeholder.remove();
  }

  /** The paragraph of a hit's passage, or null without one. */
  passage(hit) {
    if (!hit.snippet?.text) return null;
    return h("p", { class: "snippet", dir: "auto", lang: hit.lang }, highlightedText(hit.snippet.text, hit.snippet.highlights, null, hit.snippet.code));
  }

  /** The item of a hit; `awaited` when its passage was not asked for yet (a placeholder holds its place). */
  hitItem(hit, state, awaited = false) {
    // The hit holds its document's source, date and language: no call for its entry.
    const item = h(
      "li",
      { class: "item" },
      h("h2", null, this.itemLink(hit.id, hit.title, state, hit.titleHighlights, hit.lang)),
      h("p", { class: "meta", text: describeDocument(hit) }),
    );
    const passage = this.passage(hit);
    if (passage) item.append(passage);
    else if (awaited) item.append(h("p", { class: "snippet pending", "aria-hidden": "true" }));
    if (hit.partial) {
      item.append(h("p", { class: "partial", text: `partial match \u2014 missing: ${(hit.missing ?? []).join(", ")}` }));
    }
    return item;
  }

  /** The documents the list shows, in order: the reader steps through them. */
  documentOrder() {
    this.completeList();
    return this.links.map((entry) => entry.id);
  }

  /**
   * Marks the item of document `id` as the one open beside the list (none for null). Beside a
   * document, searching further stops and is not offered; the list offers it again once the
   * document is closed.
   */
  markOpen(id) {
    this.completeList();
    for (const entry of this.links) {
      const open = id != null && entry.id === id;
      entry.link.closest(".item")?.classList.toggle("open", open);
      if (open) entry.link.setAttribute("aria-current", "true");
      else entry.link.removeAttribute("aria-current");
    }
    if (id != null) this.further.hideBesideReader();
  }

  linkFor(id) {
    this.completeList();
    return this.links.find((entry) => entry.id === id)?.link ?? null;
  }

  focusFirst() {
    if (this.links.length === 0) return false;
    this.links[0].link.focus();
    return true;
  }

  openFirst() {
    if (this.links.length === 0) return false;
    this.viewer.openDocument(this.links[0].id);
    return true;
  }

  onKey(event) {
    this.completeList();
    moveInList(event, this.links.map((entry) => entry.link), this.viewer);
  }

  onClick(event) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest("a") : null;
    const entry = link ? this.links.find((candidate) => candidate.link === link) : null;
    if (!entry) return;
    event.preventDefault();
    this.viewer.openDocument(entry.id);
  }
}
