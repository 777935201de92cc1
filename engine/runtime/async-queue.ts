/**
 * A queue that one side pushes into and the other reads with `for await`. Reading waits for the
 * next item; `close()` ends the iteration, `fail(error)` ends it with the error. The reader's
 * `cancel()` (LangChain's `IterableReadableStream.cancel`), and leaving a `for await` early
 * (`return()`), end it too and call `onCancel` (a graph's stream aborts its run there).
 */
export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  readonly #onCancel: ((reason: unknown) => void) | undefined;
  #cancelled = false;

  constructor(onCancel?: (reason: unknown) => void) {
    this.#onCancel = onCancel;
  }

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
    // A run the reader cancelled ends with its abort: the reader asked for that, it is not an error.
    if (this.#cancelled) return;
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
    await this.cancel();
    return { value: undefined, done: true };
  }

  /** The reader stops reading: the queue ends, what is buffered is dropped, and `onCancel` is called once. */
  async cancel(reason?: unknown): Promise<void> {
    const first = !this.#cancelled && !this.#done;
    this.#cancelled = true;
    this.#items.length = 0;
    this.close();
    if (first) this.#onCancel?.(reason);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
