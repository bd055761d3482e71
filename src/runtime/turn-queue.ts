/**
 * Runs one conversation's turns one after another in this process, in the order they arrived; other conversations
 * run in parallel. Forty clicks at once on one conversation are forty turns in order, not forty compare-and-set races.
 */
export function createTurnQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const before = tails.get(key);
      const result = before === undefined ? task() : before.then(task, task);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      // The last one out removes the entry, so idle conversations cost nothing.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
