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
import { eventSerializer } from "../event-serializer.js";

interface StoredEvent {
  /** The caller's id, or this store's sequence number for the event (see {@link MemoryEventStore}'s ids). */
  readonly id: string | number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recordedAt: number;
}

/**
 * An {@link EventStore} in process memory: for tests, examples and threads that need not
 * outlive the process. Events are kept serialized, exactly as a durable store keeps them, so a
 * value that would not survive a real store does not survive this one either, and a caller that
 * mutates an object after appending it cannot change history.
 *
 * Ids the store assigns are UUID-shaped: a random prefix per store and the event's sequence number
 * in it, so they are distinct and stable, and cost a number each rather than a string.
 *
 * WARNING: everything is lost when the process exits. Use `SqliteEventStore` for durability.
 *
 * @example
 * const graph = builder.compile({ checkpointer: new MemoryEventStore() });
 */
export class MemoryEventStore implements EventStore {
  readonly #streams = new Map<string, StoredEvent[]>();
  /** The first 20 hex digits of every id this store assigns, as a UUID (version 4, variant 8) prefix. */
  readonly #idPrefix = idPrefixOf(randomBytes(10).toString("hex"));
  #assigned = 0;
  #closed = false;

  async appendToStream(
    stream: string,
    events: readonly NewEvent[],
    options: AppendToStreamOptions = {},
  ): Promise<AppendToStreamResult> {
    this.#assertOpen();
    const expected = options.expectedRevision ?? "any";
    assertValidExpectedRevision(expected);
    const existing = this.#streams.get(stream);
    const currentRevision = existing === undefined ? -1 : existing.length - 1;
    // The events of one append usually share one metadata object: encode it once.
    let lastMetadata: unknown;
    let lastEncoded = "";
    const encoded = events.map((event) => {
      if (event.metadata !== lastMetadata || lastEncoded === "") {
        lastMetadata = event.metadata;
        lastEncoded = eventSerializer.stringify(event.metadata ?? {});
      }
      return { event, data: eventSerializer.stringify(event.data), metadata: lastEncoded };
    });

    // "no_stream" names the position before revision 0, so a retried first append is a no-op too.
    const replayAfter = expected === "no_stream" ? -1 : expected;
    const replay = existing && typeof replayAfter === "number" ? this.#idempotentReplay(existing, replayAfter, events) : undefined;
    if (replay !== undefined) return { nextExpectedRevision: replay, createdNewStream: false };
    assertExpectedRevision(stream, expected, currentRevision);
    if (events.length === 0) return { nextExpectedRevision: currentRevision, createdNewStream: false };

    const target = existing ?? [];
    const now = Date.now();
    for (const [index, { event, data, metadata }] of encoded.entries()) {
      const position = currentRevision + 1 + index;
      target.push({
        id: event.id ?? this.#assigned++,
        type: event.type,
        data,
        metadata,
        recordedAt: now,
      });
    }
    if (existing === undefined) this.#streams.set(stream, target);
    return { nextExpectedRevision: target.length - 1, createdNewStream: existing === undefined };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    this.#assertOpen();
    const stored = this.#streams.get(stream);
    if (stored === undefined) return { events: [], streamExists: false, currentRevision: -1 };
    const currentRevision = stored.length - 1;
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    const events: RecordedEvent[] = [];
    if (options.direction === "backwards") {
      for (let revision = Math.min(options.fromRevision ?? currentRevision, currentRevision); revision >= 0 && events.length < maxCount; revision--) {
        events.push(this.#decode(stream, revision, stored[revision]!));
      }
    } else {
      for (let revision = Math.max(options.fromRevision ?? 0, 0); revision <= currentRevision && events.length < maxCount; revision++) {
        events.push(this.#decode(stream, revision, stored[revision]!));
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

  async close(): Promise<void> {
    this.#closed = true;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error("This MemoryEventStore is closed; create a new one.");
  }

  #idOf(stored: StoredEvent): string {
    return typeof stored.id === "string" ? stored.id : `${this.#idPrefix}${stored.id.toString(16).padStart(12, "0")}`;
  }

  #decode(stream: string, revision: number, stored: StoredEvent): RecordedEvent {
    return {
      stream,
      revision,
      id: this.#idOf(stored),
      type: stored.type,
      data: eventSerializer.parse(stored.data),
      metadata: eventSerializer.parse(stored.metadata) as Record<string, unknown>,
      recordedAt: new Date(stored.recordedAt),
    };
  }

  /**
   * When every event of a retried append (same ids) is already stored right after `expected` (-1 for
   * a `"no_stream"` append), the append is a no-op that reports the revision it reached the first time.
   */
  #idempotentReplay(existing: readonly StoredEvent[], expected: number, events: readonly NewEvent[]): number | undefined {
    if (events.length === 0 || events.some((event) => event.id === undefined)) return undefined;
    const start = expected + 1;
    if (start + events.length > existing.length) return undefined;
    const same = events.every((event, index) => this.#idOf(existing[start + index]!) === event.id);
    return same ? start + events.length - 1 : undefined;
  }
}

/** `xxxxxxxx-xxxx-4xxx-8xxx-` from 20 hex digits. */
function idPrefixOf(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-`;
}
