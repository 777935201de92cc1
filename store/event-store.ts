/**
 * The event store port: the only thing the engine knows about storage.
 *
 * A stream is an ordered, append-only list of events named by a string (the engine uses one
 * stream per thread, `thread-<id>`). Revisions are per stream and start at 0, as in
 * EventStoreDB: the first event of a stream has revision 0, and a stream that does not exist has
 * no revision (`"no_stream"`, which {@link ReadStreamResult.currentRevision} reports as -1).
 *
 * CONCURRENCY: every append is atomic (all of its events are stored, or none) and is checked
 * against the `expectedRevision` it names. Two writers that both expect revision N cannot both
 * succeed: one gets {@link ExpectedRevisionConflictError} and nothing of its append is stored. The
 * engine always names an exact revision, so a thread has exactly one writer per revision even when
 * several processes share the store.
 *
 * Adapters serialize event `data` and `metadata` with superjson (see `event-serializer.ts`), so
 * Dates, Maps, Sets and BigInts survive. Revisions are JavaScript numbers (safe up to 2^53 - 1).
 *
 * @example
 * const store = new MemoryEventStore();
 * await store.appendToStream("thread-1", [{ type: "Hello", data: { n: 1 } }], {
 *   expectedRevision: "no_stream",
 * });
 * const { events } = await store.readStream("thread-1");
 */
export interface EventStore {
  /**
   * Appends `events`, in order, to the end of `stream`, in one atomic write.
   *
   * @throws {ExpectedRevisionConflictError} when the stream's revision is not the expected one.
   */
  appendToStream(stream: string, events: readonly NewEvent[], options?: AppendToStreamOptions): Promise<AppendToStreamResult>;

  /** Reads events of `stream` forwards (default) or backwards, from a revision, up to a count. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<ReadStreamResult>;

  /** Lists stream names, in the order they were created, optionally those with a prefix. */
  listStreams(options?: ListStreamsOptions): Promise<ListStreamsResult>;

  /** Releases connections and file handles. The store is unusable afterwards. */
  close(): Promise<void>;
}

/**
 * The revision an append expects the stream to be at:
 * - a number: the stream's last event has exactly this revision;
 * - `"no_stream"`: the stream does not exist yet;
 * - `"stream_exists"`: the stream exists, at any revision;
 * - `"any"`: no check (use only where a conflict cannot matter).
 */
export type ExpectedRevision = number | "no_stream" | "stream_exists" | "any";

/** An event to append. */
export interface NewEvent {
  /** The event's type name, e.g. `"StepCommitted"`. */
  readonly type: string;
  /** The event's body; any superjson-serializable value. */
  readonly data: unknown;
  /** Free-form metadata stored beside the body (correlation ids, timestamps). */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /**
   * A UUID naming this event. Appending an event whose id is already the event at the same
   * position makes the append an idempotent no-op (a retried append after a lost reply).
   * Adapters assign one when it is absent.
   */
  readonly id?: string;
}

/** An event as stored. */
export interface RecordedEvent {
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** When the store recorded the event. */
  readonly recordedAt: Date;
}

export interface AppendToStreamOptions {
  /** Defaults to `"any"`. The engine always passes an exact revision or `"no_stream"`. */
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendToStreamResult {
  /** The revision of the last event appended: pass it as `expectedRevision` next time. */
  readonly nextExpectedRevision: number;
  /** Whether this append created the stream. */
  readonly createdNewStream: boolean;
}

export interface ReadStreamOptions {
  /**
   * The first revision to read (inclusive). Forwards reads default to 0, backwards reads to the
   * last event.
   */
  readonly fromRevision?: number;
  /** Defaults to `"forwards"`. */
  readonly direction?: "forwards" | "backwards";
  /** The most events to return. Defaults to all. */
  readonly maxCount?: number;
}

export interface ReadStreamResult {
  /** The events read, in the order of `direction`. */
  readonly events: readonly RecordedEvent[];
  /** False when the stream has no events (it was never written). */
  readonly streamExists: boolean;
  /** The revision of the stream's last event, or -1 when it does not exist. */
  readonly currentRevision: number;
}

export interface ListStreamsOptions {
  /** Only streams whose name starts with this prefix. */
  readonly prefix?: string;
  /** The most stream names to return. Defaults to all. */
  readonly maxCount?: number;
  /** Continue after this stream name (from a previous result's last name). */
  readonly after?: string;
}

export interface ListStreamsResult {
  readonly streams: readonly string[];
}
