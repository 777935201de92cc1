import type { StreamDeletion } from "../stream-deletion.js";
import type {
  AppendToStreamOptions,
  AppendToStreamResult,
  EventStore,
  ListStreamsOptions,
  ListStreamsResult,
  NewEvent,
  ReadStreamOptions,
  ReadStreamResult,
  RecordedEvent,
} from "../event-store.js";
import { assertExpectedRevision, assertValidExpectedRevision } from "../assert-expected-revision.js";
import { randomBytes } from "node:crypto";
import { encodeBatchMetadata, encodeBatchValue, type BatchValue } from "../batch-value.js";
import { decodeEventBatch, encodeEventBatch, type EventBatchRow } from "../event-batch.js";

/** One append, as {@link MemoryEventStore} keeps it. */
interface StoredBatch extends EventBatchRow {
  /** The store's sequence number of the batch's first event (see {@link MemoryEventStore}'s ids). */
  readonly firstSequence: number;
}

/** The batches of one stream, in order, and its last revision. */
interface StoredStream {
  readonly batches: StoredBatch[];
  lastRevision: number;
}

/**
 * An {@link EventStore} in process memory: for tests, examples and threads that need not
 * outlive the process. Events are kept serialized, exactly as a durable store keeps them, so a
 * value that would not survive a real store does not survive this one either, and a caller that
 * mutates an object after appending it cannot change history. Like the SQLite store, it keeps one
 * text per append (store/event-batch.ts): a paused thread costs a few strings, not an object and
 * two strings per event.
 *
 * Ids the store assigns are UUID-shaped: a random prefix per store and the event's sequence number
 * in it, so they are distinct and stable, and cost nothing to keep.
 *
 * WARNING: everything is lost when the process exits. Use `SqliteEventStore` for durability.
 *
 * @example
 * const graph = builder.compile({ checkpointer: new MemoryEventStore() });
 */
export class MemoryEventStore implements EventStore, StreamDeletion {
  readonly #streams = new Map<string, StoredStream>();
  /** The first 20 hex digits of every id this store assigns, as a UUID (version 4, variant 8) prefix. */
  readonly #idPrefix = idPrefixOf(randomBytes(10).toString("hex"));
  #assigned = 0;
  #closed = false;

  async appendToStream(stream: string, events: readonly NewEvent[], options: AppendToStreamOptions = {}): Promise<AppendToStreamResult> {
    this.#assertOpen();
    const expected = options.expectedRevision ?? "any";
    assertValidExpectedRevision(expected);
    // The events of one append usually share one metadata object: encode it once.
    let lastMetadata: unknown;
    let lastEncoded: BatchValue | undefined;
    const encoded = events.map((event) => {
      if (event.metadata !== lastMetadata || lastEncoded === undefined) {
        lastMetadata = event.metadata;
        lastEncoded = encodeBatchMetadata(event.metadata);
      }
      return { id: event.id, type: event.type, data: encodeBatchValue(event.data), metadata: lastEncoded };
    });

    const existing = this.#streams.get(stream);
    const currentRevision = existing === undefined ? -1 : existing.lastRevision;
    // "no_stream" names the position before revision 0, so a retried first append is a no-op too.
    const replayAfter = expected === "no_stream" ? -1 : expected;
    const replay = existing && typeof replayAfter === "number" ? this.#idempotentReplay(stream, existing, replayAfter, events) : undefined;
    if (replay !== undefined) return { nextExpectedRevision: replay, createdNewStream: false };
    assertExpectedRevision(stream, expected, currentRevision);
    if (events.length === 0) return { nextExpectedRevision: currentRevision, createdNewStream: false };

    const target = existing ?? { batches: [], lastRevision: -1 };
    target.batches.push({
      revision: currentRevision + 1,
      recorded_at: Date.now(),
      events: flat(encodeEventBatch(encoded)),
      firstSequence: this.#assigned,
    });
    this.#assigned += events.length;
    target.lastRevision = currentRevision + events.length;
    if (existing === undefined) this.#streams.set(stream, target);
    return { nextExpectedRevision: target.lastRevision, createdNewStream: existing === undefined };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    this.#assertOpen();
    const stored = this.#streams.get(stream);
    if (stored === undefined) return { events: [], streamExists: false, currentRevision: -1 };
    const currentRevision = stored.lastRevision;
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    const events: RecordedEvent[] = [];
    const batches = stored.batches;
    if (options.direction === "backwards") {
      const from = Math.min(options.fromRevision ?? currentRevision, currentRevision);
      for (let b = batchHolding(batches, from); b >= 0 && events.length < maxCount; b--) {
        const decoded = this.#decode(stream, batches[b]!, 0, from);
        for (let i = decoded.length - 1; i >= 0 && events.length < maxCount; i--) events.push(decoded[i]!);
      }
    } else {
      const from = Math.max(options.fromRevision ?? 0, 0);
      if (from > currentRevision) return { events, streamExists: true, currentRevision };
      for (let b = batchHolding(batches, from); b < batches.length && events.length < maxCount; b++) {
        for (const event of this.#decode(stream, batches[b]!, from, from + maxCount - 1)) events.push(event);
      }
    }
    return { events, streamExists: true, currentRevision };
  }

  async listStreams(options: ListStreamsOptions = {}): Promise<ListStreamsResult> {
    this.#assertOpen();
    const streams: string[] = [];
    let started = options.after === undefined;
    for (const name of this.#streams.keys()) {
      if (!started) {
        started = name === options.after;
        continue;
      }
      if (options.prefix !== undefined && !name.startsWith(options.prefix)) continue;
      if (streams.length >= (options.maxCount ?? Number.POSITIVE_INFINITY)) break;
      streams.push(name);
    }
    return { streams };
  }

  /** Removes every event of `stream` (see {@link StreamDeletion}). */
  async deleteStream(stream: string): Promise<void> {
    this.#assertOpen();
    this.#streams.delete(stream);
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error("This MemoryEventStore is closed; create a new one.");
  }

  #decode(stream: string, batch: StoredBatch, from: number, to: number): RecordedEvent[] {
    return decodeEventBatch(stream, batch, from, to, (index) => `${this.#idPrefix}${(batch.firstSequence + index).toString(16).padStart(12, "0")}`);
  }

  /**
   * When every event of a retried append (same ids) is already stored right after `expected` (-1 for
   * a `"no_stream"` append), the append is a no-op that reports the revision it reached the first time.
   */
  #idempotentReplay(stream: string, existing: StoredStream, expected: number, events: readonly NewEvent[]): number | undefined {
    if (events.length === 0 || events.some((event) => event.id === undefined)) return undefined;
    const start = expected + 1;
    if (start + events.length - 1 > existing.lastRevision) return undefined;
    const stored: string[] = [];
    for (let b = batchHolding(existing.batches, start); b < existing.batches.length && stored.length < events.length; b++) {
      for (const event of this.#decode(stream, existing.batches[b]!, start, start + events.length - 1)) stored.push(event.id);
    }
    const same = events.every((event, index) => stored[index] === event.id);
    return same ? start + events.length - 1 : undefined;
  }
}

/** The index of the batch holding `revision` (the last batch starting at or before it). */
function batchHolding(batches: readonly StoredBatch[], revision: number): number {
  let low = 0;
  let high = batches.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (batches[middle]!.revision <= revision) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * `text` as one flat string. A string built by concatenation (or a long JSON.stringify) is a tree
 * of pieces in V8, each with its own header: kept as it is, a paused thread's batch held 18 of them
 * (600 bytes). Slicing a string first copies it flat and then points into the copy, so what is kept
 * costs its characters and one small header. (Operations whose result goes unused, like
 * `Number(text)`, flatten in place too, but the optimizing compiler may drop them.)
 */
function flat(text: string): string {
  return ` ${text}`.slice(1);
}

/** `xxxxxxxx-xxxx-4xxx-8xxx-` from 20 hex digits. */
function idPrefixOf(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-`;
}
