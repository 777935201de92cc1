import { ANY, EventStoreDBClient, StreamDeletedError, StreamNotFoundError } from "@eventstore/db-client";
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
} from "../event-store.js";
import { assertExpectedRevision, assertValidExpectedRevision } from "../assert-expected-revision.js";
import { ExpectedRevisionConflictError } from "../store-errors.js";
import type { StreamDeletion } from "../stream-deletion.js";
import type { StopWatching, StreamChangeListener, StreamWatch } from "../stream-watch.js";
import { encodeAppend, type EsdbAppendLimits } from "./esdb-event-encoding.js";
import { translateEsdbError } from "./esdb-error-translation.js";
import { toEsdbExpectedRevision } from "./esdb-expected-revision.js";
import { listStreamsFromAll } from "./esdb-stream-listing.js";
import { readBackwards, readForwards, readLastEvent, revisionOf } from "./esdb-stream-reader.js";
import { watchEsdbStreams, WORK_EVENT_TYPES } from "./esdb-stream-watch.js";

/** Options of {@link EventStoreDBEventStore}: where the node is, and the size limits to enforce. */
export type EventStoreDBEventStoreOptions = (
  | {
      /** e.g. `esdb://localhost:2113?tls=false`; the store creates the client and disposes it on close. */
      readonly connectionString: string;
    }
  | {
      /** A client the caller created; the caller disposes it (close() leaves it open). */
      readonly client: EventStoreDBClient;
    }
) &
  Partial<EsdbAppendLimits> & {
    /**
     * The event types whose appends {@link EventStoreDBEventStore.watchStreams} reports (prefixes,
     * filtered on the node). Default: the engine's run events that give a worker work
     * (`RunQueued`, `RunCancelled`, `RunRolledBack`).
     */
    readonly watchEventTypes?: readonly string[];
  };

/** EventStoreDB's default `MaxAppendSize` up to 25.0: 1 MiB per append. */
export const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;
/** EventStoreDB's largest log record: 16 MiB per event. */
export const DEFAULT_MAX_EVENT_SIZE = 16 * 1024 * 1024;

/**
 * An {@link EventStore} on EventStoreDB (20.10 and later) through `@eventstore/db-client`: the
 * scale-out store. Port revisions start where EventStoreDB's do: the first event of a stream is
 * revision 0 on both sides, and `-1`/`"no_stream"` mean no stream, so revisions map one to one
 * (number ↔ BigInt, `"no_stream"` ↔ `NO_STREAM`, `"any"` ↔ `ANY`, `"stream_exists"` ↔ `STREAM_EXISTS`).
 *
 * Events are JSON events: data and metadata hold superjson's `{ json, meta }` form, so Dates, Maps,
 * Sets and BigInts survive; the metadata also carries `$correlationId` (the caller's, else the
 * run id) and `$causationId` (the caller's, else the previous event of the append), which
 * EventStoreDB's `$by_correlation_id` projection and its UI understand. A conflict becomes
 * {@link ExpectedRevisionConflictError} with the stream's actual revision; an unreachable node,
 * a deadline or a NotLeader answer become a retryable `StoreUnavailableError`; an append over
 * `maxAppendSize` or an event over `maxEventSize` is refused with `EventTooLargeError` before
 * anything is sent. Streams are listed from `$all` (see `esdb-stream-listing.ts`).
 *
 * Workers in other processes learn of new work through a catch-up subscription to `$all` with a
 * server-side event-type filter ({@link watchStreams}): the append itself is the signal, so
 * {@link signalStreams} sends nothing. {@link deleteStream} is EventStoreDB's soft delete.
 *
 * WARNING: a retried append is a no-op only when EventStoreDB can recognise it. The server
 * dedupes by event id, and its docs promise that only for appends with an exact expected revision
 * (a number, or `"no_stream"`): then a retry after a lost reply stores nothing and returns the
 * original revision. The adapter derives ids from (stream, revision, type, data) in exactly those
 * cases. Under `"any"` or `"stream_exists"` ids are random and EventStoreDB's check is best effort,
 * so a retried append may be stored twice (at-least-once). The engine always names an exact
 * revision. A retry must also come before the server's id cache forgets the first attempt, which
 * an immediate retry does.
 *
 * @example
 * const store = new EventStoreDBEventStore({ connectionString: "esdb://localhost:2113?tls=false" });
 * const { nextExpectedRevision } = await store.appendToStream(
 *   "thread-1",
 *   [{ type: "RunStarted", data: { at: new Date() }, metadata: { runId: "run-1" } }],
 *   { expectedRevision: "no_stream" },
 * );
 * const { events, currentRevision } = await store.readStream("thread-1", { direction: "backwards", maxCount: 1 });
 * await store.close();
 */
export class EventStoreDBEventStore implements EventStore, StreamWatch, StreamDeletion {
  readonly #client: EventStoreDBClient;
  readonly #ownsClient: boolean;
  readonly #limits: EsdbAppendLimits;
  readonly #watchEventTypes: readonly string[];
  readonly #watches = new Set<StopWatching>();
  #closed = false;

  constructor(options: EventStoreDBEventStoreOptions) {
    this.#ownsClient = "connectionString" in options;
    this.#client = "connectionString" in options ? EventStoreDBClient.connectionString(options.connectionString) : options.client;
    this.#limits = {
      maxAppendSize: options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE,
      maxEventSize: options.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE,
    };
    this.#watchEventTypes = options.watchEventTypes ?? WORK_EVENT_TYPES;
  }

  async appendToStream(stream: string, events: readonly NewEvent[], options: AppendToStreamOptions = {}): Promise<AppendToStreamResult> {
    this.#assertOpen();
    const expected = options.expectedRevision ?? "any";
    assertValidExpectedRevision(expected);
    if (events.length === 0) return this.#checkRevision(stream, expected);
    const encoded = encodeAppend(stream, events, expected, this.#limits);
    let result;
    try {
      result = await this.#client.appendToStream(stream, encoded.events, { expectedRevision: toEsdbExpectedRevision(expected) });
    } catch (error) {
      throw translateEsdbError(error, { stream, expectedRevision: expected, size: encoded.size, operation: "append" });
    }
    if (!result.success) {
      // throwOnAppendFailure=false in the connection string: the client reports instead of throwing,
      // and its batch-append path misreports the revision, so read the actual one.
      throw new ExpectedRevisionConflictError(stream, expected, revisionOf(await readLastEvent(this.#client, stream)));
    }
    const nextExpectedRevision = Number(result.nextExpectedRevision);
    return { nextExpectedRevision, createdNewStream: nextExpectedRevision === events.length - 1 };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    this.#assertOpen();
    const maxCount = Math.max(0, options.maxCount ?? Number.POSITIVE_INFINITY);
    if (options.direction === "backwards") return readBackwards(this.#client, stream, options.fromRevision, maxCount);
    return readForwards(this.#client, stream, Math.max(0, options.fromRevision ?? 0), maxCount);
  }

  async listStreams(options: ListStreamsOptions = {}): Promise<ListStreamsResult> {
    this.#assertOpen();
    return { streams: await listStreamsFromAll(this.#client, options) };
  }

  /**
   * Reports the stream of every event appended from now on, in any process, whose type starts with
   * one of `watchEventTypes` (see `esdb-stream-watch.ts`): a subscription to `$all` filtered by
   * event type on the node. Resolves once the node confirmed the subscription.
   *
   * WARNING: it needs the right to read `$all` (`$admins` on a secure node), and holds one gRPC
   * stream open until stopped or the store is closed.
   */
  async watchStreams(onChange: StreamChangeListener): Promise<StopWatching> {
    this.#assertOpen();
    const stop = await watchEsdbStreams(this.#client, this.#watchEventTypes, onChange);
    const stopOnce: StopWatching = async () => {
      if (this.#watches.delete(stopOnce)) await stop();
    };
    this.#watches.add(stopOnce);
    return stopOnce;
  }

  /** Sends nothing: a watcher's subscription already sees the append itself. */
  async signalStreams(_streams: readonly string[]): Promise<void> {}

  /**
   * Soft-deletes `stream` (EventStoreDB's `deleteStream` at any revision): reads then find no
   * stream, listing leaves it out, and its events are removed by the node's next scavenge. A
   * stream that does not exist is left as it is.
   *
   * WARNING: unlike the SQLite and PostgreSQL stores, a stream written again after a delete
   * continues its revisions where they left off (EventStoreDB's rule), not at 0.
   */
  async deleteStream(stream: string): Promise<void> {
    this.#assertOpen();
    try {
      await this.#client.deleteStream(stream, { expectedRevision: ANY });
    } catch (error) {
      if (error instanceof StreamNotFoundError || error instanceof StreamDeletedError) return;
      throw translateEsdbError(error, { stream, operation: "delete" });
    }
  }

  /** Stops its watches, and disposes the client when the store created it; an injected client stays open for its owner. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#watches].map((stop) => stop()));
    if (this.#ownsClient) await this.#client.dispose();
  }

  /**
   * An append of no events writes nothing, so it only checks the expected revision against the
   * stream's last event (EventStoreDB would report a missing stream as revision 0 here).
   */
  async #checkRevision(stream: string, expected: ExpectedRevision): Promise<AppendToStreamResult> {
    const currentRevision = revisionOf(await readLastEvent(this.#client, stream));
    assertExpectedRevision(stream, expected, currentRevision);
    return { nextExpectedRevision: currentRevision, createdNewStream: false };
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error("This EventStoreDBEventStore is closed; create a new one.");
  }
}
