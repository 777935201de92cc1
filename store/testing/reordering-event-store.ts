import type { AppendToStreamOptions, AppendToStreamResult, EventStore, NewEvent } from "../event-store.js";
import { ForwardingEventStore } from "../forwarding-event-store.js";

/** Options of {@link ReorderingEventStore}. */
export interface ReorderOptions {
  /** How many concurrent appends to gather before releasing them together (at least 2). */
  readonly batchSize: number;
  /** The longest the first append of a batch waits for the others (ms). Default 50. */
  readonly maxWaitMs?: number;
  /**
   * The order in which a gathered batch reaches the inner store: a permutation of `0..size-1`
   * (indexes in arrival order). Default: reversed, the last caller first.
   */
  readonly order?: (size: number, batch: number) => readonly number[];
}

interface WaitingAppend {
  readonly run: () => Promise<AppendToStreamResult>;
  readonly resolve: (result: AppendToStreamResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * A store decorator that reorders concurrent callers: appends are held until `batchSize` of them
 * are waiting (or `maxWaitMs` passed), then reach the inner store one after another in the order
 * `order` gives, so the writer that asked first need not be the one that wins. Reads pass through.
 *
 * @example
 * // Two engines resume the same interrupt: the second caller's append is stored first.
 * const shuffled = new ReorderingEventStore(inner, { batchSize: 2 });
 */
export class ReorderingEventStore extends ForwardingEventStore {
  readonly #batchSize: number;
  readonly #maxWaitMs: number;
  readonly #order: (size: number, batch: number) => readonly number[];
  #waiting: WaitingAppend[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #released: Promise<void> = Promise.resolve();
  readonly #batches: (readonly number[])[] = [];

  constructor(inner: EventStore, options: ReorderOptions) {
    super(inner);
    if (!Number.isSafeInteger(options.batchSize) || options.batchSize < 2) {
      throw new TypeError(`ReorderingEventStore batchSize must be an integer >= 2; got ${String(options.batchSize)}.`);
    }
    this.#batchSize = options.batchSize;
    this.#maxWaitMs = options.maxWaitMs ?? 50;
    this.#order = options.order ?? ((size) => Array.from({ length: size }, (_, index) => size - 1 - index));
  }

  /** The order each released batch reached the inner store in (arrival indexes), oldest batch first. */
  get batches(): readonly (readonly number[])[] {
    return this.#batches;
  }

  override appendToStream(stream: string, events: readonly NewEvent[], options?: AppendToStreamOptions): Promise<AppendToStreamResult> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ run: () => super.appendToStream(stream, events, options), resolve, reject });
      if (this.#waiting.length >= this.#batchSize) this.#release();
      else this.#timer ??= setTimeout(() => this.#release(), this.#maxWaitMs);
    });
  }

  #release(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#waiting;
    this.#waiting = [];
    let order: readonly number[];
    try {
      order = this.#order(batch.length, this.#batches.length);
      assertPermutation(order, batch.length);
    } catch (error) {
      // Released from a timer too: the callers hear of a bad order, nothing is left unhandled.
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    this.#batches.push(order);
    // Batches reach the inner store one after another, and so do the appends within one.
    this.#released = this.#released.then(async () => {
      for (const index of order) {
        const waiting = batch[index]!;
        await waiting.run().then(waiting.resolve, waiting.reject);
      }
    });
  }
}

function assertPermutation(order: readonly number[], size: number): void {
  const sorted = [...order].sort((a, b) => a - b);
  if (sorted.length !== size || sorted.some((value, index) => value !== index)) {
    throw new TypeError(`ReorderingEventStore order must return a permutation of 0..${size - 1}; got [${order.join(", ")}].`);
  }
}
