/**
 * A queue that one side pushes into and the other reads with `for await`. Reading waits for the
 * next item; `close()` ends the iteration, `fail(error)` ends it with the error.
 */
export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  readonly #items: T[] = [];
  #waiting: ((result: IteratorResult<T>) => void) | undefined;
  #rejectWaiting: ((error: unknown) => void) | undefined;
  #done = false;
  #error: { error: unknown } | undefined;

  push(item: T): void {
    if (this.#done) return;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = this.#rejectWaiting = undefined;
      resolve({ value: item, done: false });
    } else this.#items.push(item);
  }

  close(): void {
    this.#done = true;
    this.#waiting?.({ value: undefined, done: true });
    this.#waiting = this.#rejectWaiting = undefined;
  }

  fail(error: unknown): void {
    this.#error = { error };
    this.#done = true;
    this.#rejectWaiting?.(error);
    this.#waiting = this.#rejectWaiting = undefined;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#items.length > 0) return Promise.resolve({ value: this.#items.shift()!, done: false });
    if (this.#error) {
      const { error } = this.#error;
      this.#error = undefined;
      return Promise.reject(error);
    }
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.#waiting = resolve;
      this.#rejectWaiting = reject;
    });
  }

  async return(): Promise<IteratorResult<T>> {
    this.#done = true;
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
