// A table of figures a reader sorts, pages through and saves: a header button per column
// (sorting by it, announced with aria-sort), a page of rows at a time with "Show more", and
// every row, not only those shown, as a CSV file.

import { h, icon, numberFormat, ICONS } from "./dom.js";
import { csvText, downloadText } from "./files.js";
import { sortRows } from "./statistics.js";
import { decimalFormat } from "./numbers.js";

const TABLE_PAGE = 25;

export class DataTable {
  /**
   * `columns`: `{ key, label, numeric, decimals, nowrap, cell(row) }` (`cell` gives a node for
   * the column, else the value is shown; `nowrap` keeps a value such as a date on one line);
   * `fileName()` names the CSV; `sortKey` sorts at first.
   */
  constructor({ label, columns, fileName, sortKey }) {
    this.columns = columns;
    this.fileName = fileName;
    this.sortKey = sortKey;
    this.rows = [];
    this.shown = TABLE_PAGE;
    this.head = h("tr");
    this.body = h("tbody");
    this.table = h("table", { class: "data", "aria-label": label }, h("thead", null, this.head), this.body);
    this.more = h("button", { class: "link-button more-rows", type: "button", hidden: true });
    this.more.addEventListener("click", () => {
      this.shown += TABLE_PAGE;
      this.draw();
    });
    this.save = h("button", { class: "tool", type: "button", title: `Save every row as a CSV file` }, icon(...ICONS.download), h("span", { text: "Download CSV" }));
    this.save.addEventListener("click", () => this.download());
    this.element = h("div", { class: "data-table" }, h("div", { class: "table-scroll", role: "region", tabindex: "0", "aria-label": `${label}, scrolls sideways when narrow` }, this.table), h("div", { class: "table-actions" }, this.more, this.save));
  }

  /** Shows `rows`, sorted by the chosen column, a page at first. */
  render(rows) {
    this.rows = rows;
    this.sorted = null;
    this.shown = TABLE_PAGE;
    this.draw();
  }

  /** The rows in the chosen order, sorted once per order. */
  ordered() {
    if (this.sorted?.key !== this.sortKey) this.sorted = { key: this.sortKey, rows: sortRows(this.rows, this.sortKey) };
    return this.sorted.rows;
  }

  draw() {
    const sorted = this.ordered();
    this.head.replaceChildren(
      ...this.columns.map((column) => {
        const button = h("button", { class: "sort", type: "button", text: column.label });
        button.addEventListener("click", () => {
          this.sortKey = column.key;
          this.draw();
        });
        const th = h("th", { scope: "col", class: column.numeric ? "numeric" : null }, button);
        th.setAttribute("aria-sort", column.key === this.sortKey ? (column.numeric ? "descending" : "ascending") : "none");
        return th;
      }),
    );
    this.body.replaceChildren(
      ...sorted.slice(0, this.shown).map((row) =>
        h(
          "tr",
          null,
          ...this.columns.map((column) =>
            h("td", { class: [column.numeric && "numeric", column.nowrap && "nowrap"].filter(Boolean).join(" ") || null, dir: column.numeric ? null : "auto" }, column.cell ? column.cell(row) : this.format(column, row[column.key])),
          ),
        ),
      ),
    );
    const unshown = sorted.length - this.shown;
    this.more.hidden = unshown <= 0;
    this.more.textContent = `Show ${numberFormat.format(Math.min(TABLE_PAGE, unshown))} more of ${numberFormat.format(unshown)}`;
  }

  format(column, value) {
    if (typeof value !== "number") return String(value ?? "");
    return column.decimals ? decimalFormat.format(value) : numberFormat.format(value);
  }

  /** Saves every row, in the order shown, with the columns' labels as the header. */
  download() {
    const sorted = this.ordered();
    const rows = [this.columns.map((column) => column.label), ...sorted.map((row) => this.columns.map((column) => row[column.key] ?? ""))];
    downloadText(this.element, csvText(rows), this.fileName(), "text/csv;charset=utf-8");
  }
}
