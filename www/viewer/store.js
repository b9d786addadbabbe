// The viewer's state in one place: what is shown (see state.js), changed only through `set`,
// each change told to every subscriber with how it came. The element subscribes twice: to keep
// the browser's history in step, and to draw.

export class Store {
  #state;
  #listeners = new Set();

  constructor(state) {
    this.#state = state;
  }

  /** The current state. */
  get state() {
    return this.#state;
  }

  /** Replaces the state with `next` and tells every subscriber, in the order they came, with `change`. */
  set(next, change = {}) {
    const previous = this.#state;
    this.#state = next;
    for (const listener of [...this.#listeners]) listener(next, previous, change);
  }

  /** Calls `listener(state, previous, change)` on every change from now on; returns what stops it. */
  subscribe(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
