// The rehearsal: while the page waits for a reader, the engine's common calls (a search, the
// reader's highlights, a concordance) run over a small made-up corpus (`Corpus.rehearsal()`), a
// few milliseconds at a time when the page is idle. A browser first runs WebAssembly in quickly
// compiled, slower code and optimizes a function only once it has run a while, and a call under
// way stays in the slower code to its end: unrehearsed, a reader's first search of a common
// word in a large corpus runs that slowly from start to end.

/**
 * How many times the rehearsal's queries are run, each with its calls: enough for the browser
 * to optimize the functions a search spends its time in (more rounds gained nothing measurable).
 */
export const REHEARSAL_ROUNDS = 12;

/** The name of the performance mark a rehearsal leaves when it has run all its rounds. */
export const REHEARSED_MARK = "corpus-viewer rehearsed";

/** Leaves an idle moment before this many milliseconds of it remain. */
const MARGIN_MS = 4;

/**
 * Runs no further step in an idle moment once this many milliseconds of it have passed: chunks
 * that arrive meanwhile, or a key pressed, wait at most about this long (and a step's length).
 */
export const SLICE_MS = 6;

/** How long the rehearsal waits while the page is busy (`busy()`), before it looks again. */
const BUSY_PAUSE_MS = 100;

/**
 * How long after the corpus opens the rehearsal starts: a query asked at once (in the page's
 * link, or typed quickly) starts first, and the rehearsal then waits for its chunks; a reader
 * who reads the first list before typing finds it done.
 */
export const REHEARSAL_DELAY_MS = 250;

/** Calls `run(deadline)` in the page's next idle moment, or within two seconds whatever happens. */
function whenIdle(run) {
  if (typeof requestIdleCallback === "function") requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(() => run({ timeRemaining: () => 8 }), 50);
}

/** Calls `run` after `ms` milliseconds. */
function later(run, ms) {
  setTimeout(run, ms);
}

/**
 * Rehearses the engine whose corpus class is `Corpus`, `REHEARSAL_DELAY_MS` from now: makes its
 * rehearsal corpus, then runs `rounds` rounds of its queries, each searched, read and looked up
 * in context, one query a step and as many steps as `SLICE_MS` of an idle moment leaves room
 * for (`idle(run)` calls `run` with a deadline whose `timeRemaining()` says how long), none
 * while `busy()` (`wait(run, ms)` looks again later); then lets the corpus go and leaves the
 * performance mark `REHEARSED_MARK`. Nothing a reader sees changes; a rehearsal that fails
 * stops. Returns a function that stops it.
 */
export function rehearse(Corpus, { rounds = REHEARSAL_ROUNDS, idle = whenIdle, busy = () => false, wait = later, now = () => performance.now() } = {}) {
  let stopped = typeof Corpus?.rehearsal !== "function";
  let corpus = null;
  let queries = [];
  let step = 0;
  const stop = () => {
    stopped = true;
    corpus?.free();
    corpus = null;
  };
  const run = (deadline) => {
    if (stopped) return;
    // The reader's own calls come first: while they wait for chunks, the page looks idle.
    if (busy()) {
      wait(() => idle(run), BUSY_PAUSE_MS);
      return;
    }
    const start = now();
    try {
      do {
        if (corpus === null) {
          corpus = Corpus.rehearsal();
          queries = Corpus.rehearsalQueries();
        } else {
          const query = queries[step % queries.length];
          const found = corpus.search(query, { limit: 10 });
          const first = found.hits[0];
          if (first) corpus.document(first.id, query);
          corpus.concordance(query, { limit: 20 });
          step += 1;
        }
      } while (step < rounds * queries.length && deadline.timeRemaining() > MARGIN_MS && now() - start < SLICE_MS);
    } catch {
      stop();
      return;
    }
    if (step >= rounds * queries.length) {
      stop();
      // For whoever measures the page: when the rehearsal ended, and how many queries it ran.
      globalThis.performance?.mark?.(REHEARSED_MARK, { detail: { queries: step } });
    } else {
      idle(run);
    }
  };
  if (!stopped) wait(() => idle(run), REHEARSAL_DELAY_MS);
  return stop;
}
