import { StoreError } from '../shared/errors.js';

interface Waiting {
  readonly at: number;
  prev: Waiting | undefined;
  next: Waiting | undefined;
  linked: boolean;
  readonly fail: (error: Error) => void;
}

/**
 * Every Redis call answers within `ms` or fails as STORE_UNAVAILABLE (a 503 the widget retries). node-redis's own
 * command timeout only covers a command until it is written to the socket, so a Redis that keeps the connection
 * but answers nothing (paused, swapping, a half-open socket) held a person's turn for ever; and it cost an
 * AbortSignal, a timer and, 3 s later, a DOMException for every command.
 *
 * All deadlines have the same length, so they expire in the order they began: the calls in flight are a linked
 * list in that order, a settled call unlinks itself, and one timer watches the oldest. O(1) per call.
 */
export class AnswerDeadline {
  readonly #ms: number;
  readonly #onExpired: (count: number) => void;
  #head: Waiting | undefined;
  #tail: Waiting | undefined;
  #timer: NodeJS.Timeout | undefined;

  /** `onExpired` hears how many calls one sweep failed (for a log line; it must not throw). */
  constructor(ms: number, onExpired: (count: number) => void = () => undefined) {
    this.#ms = ms;
    this.#onExpired = onExpired;
  }

  within<T>(work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiting: Waiting = { at: performance.now() + this.#ms, prev: this.#tail, next: undefined, linked: true, fail: reject };
      if (this.#tail) this.#tail.next = waiting;
      else this.#head = waiting;
      this.#tail = waiting;
      // One timer at a time: it is never later than the deadline of a call that joins after it was set.
      if (this.#timer === undefined) this.#timer = this.#arm(this.#ms);
      work.then(
        (value) => {
          this.#unlink(waiting);
          resolve(value);
        },
        (error: unknown) => {
          this.#unlink(waiting);
          reject(error);
        },
      );
    });
  }

  /** Calls still waiting for an answer (for tests). */
  get waiting(): number {
    let n = 0;
    for (let w = this.#head; w; w = w.next) n++;
    return n;
  }

  #arm(ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => this.#sweep(), Math.max(1, Math.ceil(ms)));
    // A pending deadline must not keep a process alive that is otherwise done.
    timer.unref();
    return timer;
  }

  #unlink(waiting: Waiting): void {
    if (!waiting.linked) return;
    waiting.linked = false;
    if (waiting.prev) waiting.prev.next = waiting.next;
    else this.#head = waiting.next;
    if (waiting.next) waiting.next.prev = waiting.prev;
    else this.#tail = waiting.prev;
    waiting.prev = undefined;
    waiting.next = undefined;
  }

  #sweep(): void {
    this.#timer = undefined;
    const now = performance.now();
    let expired = 0;
    while (this.#head && this.#head.at <= now) {
      const late = this.#head;
      this.#unlink(late);
      late.fail(new StoreError('STORE_UNAVAILABLE', `Redis did not answer within ${this.#ms} ms.`));
      expired++;
    }
    if (this.#head) this.#timer = this.#arm(this.#head.at - now);
    if (expired > 0) this.#onExpired(expired);
  }
}
