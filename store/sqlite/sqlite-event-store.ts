import type { StreamDeletion } from "../stream-deletion.js";
import type { StopWatching, StreamChangeListener, StreamWatch } from "../stream-watch.js";
import { watchSqliteStreams } from "./sqlite-stream-watch.js";
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import type {
  AppendToStreamOptions,
  AppendToStreamResult,
  EventStore,
  ExpectedRevision,
  ListStreamsOptions,
  ListStreamsResult,
  NewEvent,
  ReadStreamOptions,
  ReadStreamResult,
  RecordedEvent,
} from "../event-store.js";
import { assertExpectedRevision, assertValidExpectedRevision } from "../assert-expected-revision.js";
import { encodeBatchMetadata, encodeBatchValue, type BatchValue } from "../batch-value.js";
import { EventTooLargeError, ExpectedRevisionConflictError } from "../store-errors.js";
import { decodeEventBatch, encodeEventBatch, type EventBatchRow } from "../event-batch.js";
import { openSqliteDatabase } from "./open-sqlite-database.js";
import { prepareSqliteStatements, type SqliteStatements } from "./sqlite-statements.js";
import { KnownRevisions } from "./known-revisions.js";
import { isSqliteError, translateSqliteError } from "./translate-sqlite-error.js";

/** How durable a commit is; see the WARNING on {@link SqliteEventStore}. */
export type SqliteSynchronous = "normal" | "full";

/** Options of {@link SqliteEventStore}. */
export interface SqliteEventStoreOptions {
  /** How long an append waits for another connection's write lock before failing. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** `"normal"` (default) survives a killed process; `"full"` also survives power loss, ~8x slower. */
  readonly synchronous?: SqliteSynchronous;
  /** The largest event accepted, in UTF-8 bytes of its encoded data plus metadata. Default 16 MiB. */
  readonly maxEventBytes?: number;
}

/** The default {@link SqliteEventStoreOptions.maxEventBytes}: 16 MiB, EventStoreDB's record limit. */
export const DEFAULT_SQLITE_MAX_EVENT_BYTES = 16 * 1024 * 1024;

const emptyMetadata = encodeBatchMetadata(undefined);

interface EncodedEvent {
  readonly event: NewEvent;
  readonly data: BatchValue;
  readonly metadata: BatchValue;
}

/**
 * The embedded, durable {@link EventStore}: one SQLite file (WAL journal), one transaction and
 * one row per append (its events as one batch, see store/event-batch.ts). Several processes may share the file: `BEGIN IMMEDIATE` serializes their appends, and the
 * expected revision is checked inside the transaction, so two writers expecting the same revision
 * cannot both succeed.
 *
 * WARNING: with `synchronous: "normal"` (the default) a commit is durable against a crash or
 * `kill -9` of the process, but NOT against power loss or an operating-system crash: the last
 * transactions before such a failure may be lost (the file stays consistent). Pass
 * `synchronous: "full"` when an acknowledged append must survive power loss. The file is only as
 * safe as the disk under it; a network file system (NFS, SMB) may break SQLite's locking.
 *
 * @example
 * const store = new SqliteEventStore("./threads.db");
 * const { nextExpectedRevision } = await store.appendToStream("thread-1", [{ type: "Hello", data: { n: 1 } }], {
 *   expectedRevision: "no_stream",
 * });
 * const { events } = await store.readStream("thread-1");
 * await store.close();
 */
export class SqliteEventStore implements EventStore, StreamWatch, StreamDeletion {
  /** The file the store uses (or `":memory:"`). */
  readonly path: string;
  readonly #db: Database.Database;
  readonly #statements: SqliteStatements;
  readonly #known: KnownRevisions;
  readonly #busyTimeoutMs: number;
  readonly #maxEventBytes: number;
  readonly #appendTransaction: Database.Transaction<(stream: string, expected: ExpectedRevision, encoded: readonly EncodedEvent[]) => AppendToStreamResult>;
  readonly #readTransaction: Database.Transaction<(stream: string, options: ReadStreamOptions) => ReadStreamResult>;
  readonly #watches = new Set<StopWatching>();
  #closed = false;

  /**
   * Opens the store in the SQLite file at `path` (created when missing), migrating its schema.
   *
   * @throws {NotASqliteDatabaseError} when the file is not a SQLite database.
   * @throws {SqliteSchemaTooNewError} when a newer replaygraph wrote the file.
   */
  constructor(path: string, options: SqliteEventStoreOptions = {}) {
    this.path = path;
    this.#busyTimeoutMs = positiveInteger("busyTimeoutMs", options.busyTimeoutMs ?? 5000, 0);
    this.#maxEventBytes = positiveInteger("maxEventBytes", options.maxEventBytes ?? DEFAULT_SQLITE_MAX_EVENT_BYTES, 1);
    const synchronous = options.synchronous ?? "normal";
    if (synchronous !== "normal" && synchronous !== "full") {
      throw new TypeError(`SqliteEventStore option synchronous must be "normal" or "full"; got ${String(synchronous)}.`);
    }
    this.#db = openSqliteDatabase(path, { busyTimeoutMs: this.#busyTimeoutMs, synchronous });
    this.#statements = prepareSqliteStatements(this.#db);
    this.#known = new KnownRevisions(this.#db);
    this.#appendTransaction = this.#db.transaction((stream, expected, encoded) => this.#appendInTransaction(stream, expected, encoded));
    // A read transaction gives the events and the current revision from one snapshot.
    this.#readTransaction = this.#db.transaction((stream, readOptions) => this.#readInTransaction(stream, readOptions));
  }

  async appendToStream(stream: string, events: readonly NewEvent[], options: AppendToStreamOptions = {}): Promise<AppendToStreamResult> {
    this.#assertOpen();
    const expected = options.expectedRevision ?? "any";
    assertValidExpectedRevision(expected);
    // The events of one append usually share one metadata object: encode it once.
    let lastMetadata: NewEvent["metadata"];
    let lastEncoded = emptyMetadata;
    const encoded = events.map((event) => {
      if (event.metadata !== lastMetadata) {
        lastMetadata = event.metadata;
        lastEncoded = encodeBatchMetadata(event.metadata);
      }
      return this.#encode(stream, event, lastEncoded);
    });
    try {
      return this.#appendTransaction.immediate(stream, expected, encoded);
    } catch (error) {
      this.#known.forget();
      // The primary key is the last line of defence should two writers ever pass the check.
      if (isSqliteError(error, "SQLITE_CONSTRAINT_PRIMARYKEY", "SQLITE_CONSTRAINT_UNIQUE")) {
        throw new ExpectedRevisionConflictError(stream, expected, this.#statements.currentRevision.get(stream) ?? -1);
      }
      throw translateSqliteError(error, this.path, this.#busyTimeoutMs);
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    this.#assertOpen();
    try {
      return this.#readTransaction(stream, options);
    } catch (error) {
      throw translateSqliteError(error, this.path, this.#busyTimeoutMs);
    }
  }

  async listStreams(options: ListStreamsOptions = {}): Promise<ListStreamsResult> {
    this.#assertOpen();
    try {
      const streams = this.#statements.listStreams.all({
        prefix: options.prefix ?? null,
        after: options.after ?? null,
        limit: options.maxCount ?? -1,
      });
      return { streams };
    } catch (error) {
      throw translateSqliteError(error, this.path, this.#busyTimeoutMs);
    }
  }

  /**
   * Reports the streams other connections (other processes, other stores on this file) append
   * to, by polling SQLite's change counter every `pollMs` (default 50). See {@link StreamWatch}.
   */
  async watchStreams(onChange: StreamChangeListener, pollMs?: number): Promise<StopWatching> {
    this.#assertOpen();
    const stop = watchSqliteStreams(this.#db, onChange, pollMs);
    this.#watches.add(stop);
    return async () => {
      this.#watches.delete(stop);
      await stop();
    };
  }

  /** Removes every event of `stream` (see {@link StreamDeletion}). */
  async deleteStream(stream: string): Promise<void> {
    this.#assertOpen();
    try {
      this.#db.prepare("DELETE FROM event_batches WHERE stream = ?").run(stream);
      this.#known.forget();
    } catch (error) {
      throw translateSqliteError(error, this.path, this.#busyTimeoutMs);
    }
  }

  /** Nothing to send: a commit is the signal (watchers see SQLite's change counter move). */
  async signalStreams(_streams: readonly string[]): Promise<void> {}

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const stop of this.#watches) await stop();
    this.#db.close();
  }

  #encode(stream: string, event: NewEvent, metadata: BatchValue): EncodedEvent {
    const data = encodeBatchValue(event.data);
    // A UTF-16 code unit is at most 3 UTF-8 bytes: count bytes only when the limit is within reach.
    if ((data.text.length + metadata.text.length) * 3 > this.#maxEventBytes) {
      const size = Buffer.byteLength(data.text) + Buffer.byteLength(metadata.text);
      if (size > this.#maxEventBytes) throw new EventTooLargeError(stream, size, this.#maxEventBytes, `event '${event.type}'`);
    }
    return { event, data, metadata };
  }

  #appendInTransaction(stream: string, expected: ExpectedRevision, encoded: readonly EncodedEvent[]): AppendToStreamResult {
    const current = this.#currentRevision(stream);
    // A retry can only be one when the stream moved past the revision it expects.
    const retryAfter = expected === "no_stream" ? -1 : expected;
    if (typeof retryAfter === "number" && current > retryAfter && this.#isStoredRetry(stream, retryAfter, encoded)) {
      return { nextExpectedRevision: retryAfter + encoded.length, createdNewStream: false };
    }
    assertExpectedRevision(stream, expected, current);
    if (encoded.length === 0) return { nextExpectedRevision: current, createdNewStream: false };
    // Events given no id get one derived from a random UUID stored once per row (see encodeEventBatch).
    const baseId = encoded.some(({ event }) => event.id === undefined) ? randomUUID() : undefined;
    const batch = encodeEventBatch(
      encoded.map(({ event, data, metadata }) => ({ id: event.id, type: event.type, data, metadata })),
      baseId,
    );
    // The revision check above is what keeps two writers apart (inside BEGIN IMMEDIATE); the
    // primary key on a batch's first revision only catches two batches starting at one revision.
    this.#statements.insertBatch.run(stream, current + 1, current + encoded.length, Date.now(), batch);
    // Forgotten again should the commit fail (see appendToStream).
    this.#known.remember(stream, current + encoded.length);
    return { nextExpectedRevision: current + encoded.length, createdNewStream: current === -1 };
  }

  /** Whether every event names an id, and those ids are the events stored right after `after`. */
  #isStoredRetry(stream: string, after: number, encoded: readonly EncodedEvent[]): boolean {
    if (encoded.length === 0 || encoded.some(({ event }) => event.id === undefined)) return false;
    const storedIds = this.#readForwards(stream, after + 1, encoded.length).map((stored) => stored.id);
    return storedIds.length === encoded.length && encoded.every(({ event }, index) => storedIds[index] === event.id);
  }

  /** The stream's last revision (-1: none), inside a transaction: remembered, or read and then remembered. */
  #currentRevision(stream: string): number {
    const known = this.#known.get(stream);
    if (known !== undefined) return known;
    const read = this.#statements.currentRevision.get(stream) ?? -1;
    this.#known.remember(stream, read);
    return read;
  }

  #readInTransaction(stream: string, options: ReadStreamOptions): ReadStreamResult {
    const currentRevision = this.#currentRevision(stream);
    if (currentRevision === -1) return { events: [], streamExists: false, currentRevision };
    // A catch-up past the end (the common read of a warm thread) needs no rows.
    if (options.direction !== "backwards" && (options.fromRevision ?? 0) > currentRevision) return { events: [], streamExists: true, currentRevision };
    const events =
      options.direction === "backwards"
        ? this.#readBackwards(stream, Math.min(options.fromRevision ?? currentRevision, currentRevision), options.maxCount)
        : this.#readForwards(stream, options.fromRevision ?? 0, options.maxCount);
    return { events, streamExists: true, currentRevision };
  }

  /**
   * Up to `maxCount` events from revision `from` on, ascending. Only the rows holding revisions
   * `from` to `from + maxCount - 1` are read (one row may hold a large append, an import's batch),
   * all in one call: stepping through rows one at a time cost more than decoding them.
   */
  #readForwards(stream: string, from: number, maxCount: number | undefined): RecordedEvent[] {
    const limit = maxCount ?? Number.MAX_SAFE_INTEGER;
    const events: RecordedEvent[] = [];
    if (limit <= 0) return events;
    const to = Math.min(from + limit - 1, Number.MAX_SAFE_INTEGER);
    const rows: EventBatchRow[] = this.#statements.readForwards.all({ stream, from, to });
    for (const row of rows) {
      for (const event of decodeEventBatch(stream, row, from + events.length, to)) events.push(event);
      if (events.length >= limit) break;
    }
    return events;
  }

  /** Up to `maxCount` events from revision `from` down, descending; rows read one at a time, as {@link #readForwards}. */
  #readBackwards(stream: string, from: number, maxCount: number | undefined): RecordedEvent[] {
    const limit = maxCount ?? Number.MAX_SAFE_INTEGER;
    const events: RecordedEvent[] = [];
    if (limit <= 0) return events;
    const rows: IterableIterator<EventBatchRow> = this.#statements.readBackwards.iterate({ stream, from });
    for (const row of rows) {
      const decoded = decodeEventBatch(stream, row, Math.max(0, from - limit + 1), from - events.length);
      for (let i = decoded.length - 1; i >= 0; i--) events.push(decoded[i]!);
      if (events.length >= limit) break;
    }
    return events;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error(`This SqliteEventStore ('${this.path}') is closed; open a new one.`);
  }
}

function positiveInteger(option: string, value: number, minimum: number): number {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new TypeError(`SqliteEventStore option ${option} must be an integer >= ${minimum}; got ${String(value)}.`);
  }
  return value;
}
