// Dates as the filters take them: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a partial date standing
// for its whole span (the engine keeps a document whose date's span overlaps the range). Pure.

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The first and last day `text` stands for, as `YYYY-MM-DD`, or null when it is not a date. */
export function dateSpan(text) {
  const match = DATE.exec(String(text ?? "").trim());
  if (!match) return null;
  const [, year, month, day] = match;
  if (month && (Number(month) < 1 || Number(month) > 12)) return null;
  if (day && (Number(day) < 1 || Number(day) > 31)) return null;
  if (day) return [`${year}-${month}-${day}`, `${year}-${month}-${day}`];
  if (month) return [`${year}-${month}-01`, `${year}-${month}-31`];
  return [`${year}-01-01`, `${year}-12-31`];
}

/** Whether `text` is a date the filters take (blank is no date, and fine). */
export function isDate(text) {
  return String(text ?? "").trim() === "" || dateSpan(text) != null;
}

/**
 * What is wrong with a range typed as `from` and `to`, or null when nothing is: `{ field,
 * message }`, `field` "from" or "to" for a value that is not a date, "range" for a range that
 * ends before it starts, and `message` for a person.
 */
export function dateRangeProblem(from, to) {
  for (const [field, label, value] of [["from", "From", from], ["to", "To", to]]) {
    if (!isDate(value)) {
      return { field, message: `${label}: \u201c${String(value).trim()}\u201d is not a date; write a year (2024), a month (2024-03) or a day (2024-03-31).` };
    }
  }
  const first = dateSpan(from);
  const last = dateSpan(to);
  if (first && last && first[0] > last[1]) return { field: "range", message: `From (${String(from).trim()}) is after To (${String(to).trim()}).` };
  return null;
}

/** The range in words: "dated 2024-03 to 2024-05", "dated from 2024", "dated up to 2024"; "" for none. */
export function datePhrase(from, to) {
  const [a, b] = [String(from ?? "").trim(), String(to ?? "").trim()];
  if (a && b) return a === b ? `dated ${a}` : `dated ${a} to ${b}`;
  if (a) return `dated from ${a}`;
  if (b) return `dated up to ${b}`;
  return "";
}
