/**
 * A graceful shutdown's signal to the long-lived parts (websockets, console event streams): once draining starts,
 * each finishes what it is doing and lets go, so the process can exit without dropping a turn it accepted.
 */
export class Drain {
  #draining = false;
  readonly #listeners = new Set<() => Promise<void> | void>();

  get draining(): boolean {
    return this.#draining;
  }

  /** Runs `listener` when draining starts (at once when it has started). Returns a function that removes it. */
  onDrain(listener: () => Promise<void> | void): () => void {
    if (this.#draining) {
      void Promise.resolve().then(listener).catch(() => undefined);
      return () => undefined;
    }
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  /** Starts draining; resolves when every listener has finished (a failing one does not stop the others). */
  async start(): Promise<void> {
    this.#draining = true;
    const listeners = [...this.#listeners];
    this.#listeners.clear();
    await Promise.allSettled(listeners.map(async (listener) => listener()));
  }
}
