// Pictures of where a query occurs, drawn as SVG from the engine's numbers:
// a bar chart of occurrences per document and a dispersion plot with a tick
// per occurrence at its place in the document. Geometry is in percentages of
// the chart's width, so a chart fits any width without scaling its text.
// Each chart is an image with a text alternative that says what it shows.

import { h, svg, numberFormat } from "./dom.js";

const CHART_ROW = 40;

/** A `<figure>` holding `picture` (an SVG with role img) and a caption. */
function chartFigure(caption, picture, className) {
  return h("figure", { class: `chart ${className}` }, h("figcaption", { text: caption }), picture);
}

/** The label of a chart row: the document's title, in its language when known, clipped at the chart's edge. */
function chartLabel(text, y, lang) {
  return svg(
    "svg",
    { x: 0, y, width: "100%", height: 18, class: "chart-label" },
    svg("text", { x: 0, y: 13, lang }, text),
  );
}

/** The chart's SVG, a row per item, with the text alternative every row's words make. */
function chartPicture(caption, rows, describe) {
  return svg("svg", {
    role: "img",
    "aria-label": `${caption}: ${rows.map(describe).join("; ")}.`,
    width: "100%",
    height: rows.length * CHART_ROW,
  });
}

/**
 * A horizontal bar chart: one bar per row, `rows` as `{ label, value, lang }` (`lang`, the
 * label's language, may be absent).
 * `describe(row)` gives the words for one row in the text alternative.
 */
export function barChart(caption, rows, describe) {
  const max = Math.max(1, ...rows.map((row) => row.value));
  const picture = chartPicture(caption, rows, describe);
  rows.forEach((row, index) => {
    const y = index * CHART_ROW;
    const width = (row.value / max) * 86;
    picture.append(
      svg(
        "g",
        { class: "chart-row" },
        svg("title", null, describe(row)),
        chartLabel(row.label, y, row.lang),
        svg("rect", { class: "bar-track", x: 0, y: y + 20, width: "86%", height: 12, rx: 2 }),
        svg("rect", { class: "bar", x: 0, y: y + 20, width: `${width}%`, height: 12, rx: 2 }),
        svg("text", { class: "bar-value", x: `${width + 1.5}%`, y: y + 30 }, numberFormat.format(row.value)),
      ),
    );
  });
  return chartFigure(caption, picture, "bars");
}

/**
 * A dispersion plot: one track per document, `rows` as
 * `{ label, words, positions, lang }`, with a tick at `position / words` of the
 * track for each occurrence.
 */
export function dispersionPlot(caption, rows, describe) {
  const picture = chartPicture(caption, rows, describe);
  rows.forEach((row, index) => {
    const y = index * CHART_ROW;
    const group = svg(
      "g",
      { class: "chart-row" },
      svg("title", null, describe(row)),
      chartLabel(row.label, y, row.lang),
      svg("rect", { class: "track", x: 0, y: y + 19, width: "100%", height: 14, rx: 2 }),
    );
    // One path a track, in a box of its own scale, not an element a tick: thousands of
    // elements took longer to make and lay out than the search that found them.
    const d = tickPlaces(row.positions, row.words).map((share) => `M${(share * 1000).toFixed(1)} 0v14`).join("");
    group.append(
      svg(
        "svg",
        { x: 0, y: y + 19, width: "100%", height: 14, viewBox: "0 0 1000 14", preserveAspectRatio: "none" },
        svg("path", { class: "tick", d, "vector-effect": "non-scaling-stroke" }),
      ),
    );
    picture.append(group);
  });
  return chartFigure(caption, picture, "dispersion");
}

/** A track has a tick per occurrence up to this many; past it, a tick per occupied slot. */
export const TICKS_PER_TRACK = 200;
/** The slots a track with many occurrences is cut into: one or two pixels each. */
export const SLOTS_PER_TRACK = 500;

/**
 * Where the ticks of a track go, as shares of its width: one per occurrence, or, for more
 * occurrences than `TICKS_PER_TRACK`, one per occupied slot of 1/`SLOTS_PER_TRACK` of the
 * track, so that a common word draws in the time a rare one does.
 */
export function tickPlaces(positions, words) {
  const shares = positions.map((position) => Math.min(position, words) / Math.max(words, 1));
  if (shares.length <= TICKS_PER_TRACK) return shares;
  const slots = new Set(shares.map((share) => Math.min(Math.floor(share * SLOTS_PER_TRACK), SLOTS_PER_TRACK - 1)));
  return [...slots].sort((a, b) => a - b).map((slot) => (slot + 0.5) / SLOTS_PER_TRACK);
}

/**
 * Where in a document its occurrences fall, as the share of the way through: "at 4%, 18% and
 * 77%" (each whole percent once).
 */
export function describePlaces(positions, words) {
  const places = [...new Set(positions.map((position) => `${Math.round((Math.min(position, words) / Math.max(words, 1)) * 100)}%`))];
  if (places.length <= 1) return places.length ? `at ${places[0]}` : "";
  return `at ${places.slice(0, -1).join(", ")} and ${places[places.length - 1]}`;
}
