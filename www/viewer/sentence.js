// The sentence a match stands in, for the announcement a screen reader makes when the reader
// steps to it: from the end of the sentence before to the end of its own, within one line.

/** Characters that end a sentence, in the scripts the corpora hold. */
const ENDS = new Set([".", "!", "?", "\u061F", "\u06D4", "\u3002", "\uFF01", "\uFF1F", "\u2026"]);

/** At most this many characters either side of the match are read out. */
const REACH = 160;

/**
 * The sentence of `text` around the UTF-16 range `start`–`end`: from after the sentence end or
 * line break before it to its own end (or line break), at most REACH characters either side
 * (cut short with "…"), whitespace collapsed.
 */
export function sentenceAround(text, start, end) {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  let begin = from;
  while (begin > 0 && from - begin < REACH && text[begin - 1] !== "\n" && !ENDS.has(text[begin - 1])) begin -= 1;
  let finish = to;
  while (finish < text.length && finish - to < REACH && text[finish] !== "\n") {
    finish += 1;
    if (ENDS.has(text[finish - 1])) break;
  }
  const cutBefore = begin > 0 && from - begin >= REACH;
  const cutAfter = finish < text.length && finish - to >= REACH;
  const sentence = text.slice(begin, finish).replace(/\s+/g, " ").trim();
  return `${cutBefore ? "\u2026" : ""}${sentence}${cutAfter ? "\u2026" : ""}`;
}
