import type { StreamDeletion } from "../stream-deletion.js";
import { createHash, randomUUID } from "node:crypto";
import pg from "pg";
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
import { encodeBatchMetadata, encodeBatchValue } from "../batch-value.js";
import { decodeEventBatch, encodeEventBatch, type EncodedBatchEvent, type EventBatchRow } from "../event-batch.js";
import { EventTooLargeError, ExpectedRevisionConflictError } from "../store-errors.js";
import { isPostgresError, migratePostgresSchema, quoteIdentifier } from "./migrate-postgres-schema.js";
import { translatePostgresError } from "./translate-postgres-error.js";
import type { StopWatching, StreamChangeListener, StreamWatch } from "../stream-watch.js";
import { postgresChannelOf, signalPostgresStreams, watchPostgresStreams } from "./postgres-stream-watch.js";

/** Options of {@link PostgresEventStore}: a connection string, or a pool of the caller's. */
export interface PostgresEventStoreOptions {
  /** `postgres://user:password@host:port/database` (node-postgres' form; `?host=/socket/dir` for a Unix socket). */
  readonly connectionString?: string;
  /** A `pg.Pool` of the caller's; the store does not end it on close. */
  readonly pool?: pg.Pool;
  /** Most connections the store's own pool opens. Default 10. */
  readonly maxConnections?: number;
  /** The PostgreSQL schema that holds the store's tables. Default `"replaygraph"`. */
  readonly schema?: string;
  /** The largest event accepted, in UTF-8 bytes of its encoded data plus metadata. Default 16 MiB. */
  readonly maxEventBytes?: number;
}

/** The default {@link PostgresEventStoreOptions.maxEventBytes}: 16 MiB, as the other stores. */
export const DEFAULT_POSTGRES_MAX_EVENT_BYTES = 16 * 1024 * 1024;

/** Conflicts an `"any"` or `"stream_exists"` append retries before it gives up (each is another writer's append landing first). */
const anyRevisionAttempts = 8;

/** A statement the server parses and plans once per connection (a named prepared statement). */
interface Prepared {
  readonly name: string;
  readonly text: string;
}

interface Statements {
  readonly append: Prepared;
  readonly current: Prepared;
  readonly readForwards: Prepared;
  readonly readBackwards: Prepared;
  readonly listStreams: Prepared;
}

interface StoredRow {
  readonly current: string | null;
  readonly revision: string | null;
  readonly recorded_at: string | null;
  readonly events: string | null;
}

/**
 * An {@link EventStore} on PostgreSQL (node-postgres, `pg`, an optional peer dependency): one row
 * per append in `<schema>.event_batches`, keyed by stream and first revision. An append is one
 * statement: it inserts the batch only if the stream's last committed revision is the expected
 * one, and the primary key stops a second writer that checked against the same revision, so two
 * writers expecting one revision cannot both succeed. Many processes may share the database.
 *
 * WARNING: an append is durable when PostgreSQL says its commit is: with the server's
 * `synchronous_commit=off`, the last appends before a server crash may be lost (never reordered or
 * torn). A lost connection during an append reports `StoreUnavailableError`, and the append may or
 * may not have been stored: retry it with the same event ids and expected revision (a stored retry
 * is recognized by its ids and succeeds without writing twice). Its statements are named prepared
 * statements (planned once per connection): behind PgBouncer use session pooling, or transaction
 * pooling with its `max_prepared_statements` set (PgBouncer 1.21 and later).
 *
 * @example
 * import { PostgresEventStore } from "replaygraph/postgres";
 * const store = new PostgresEventStore({ connectionString: process.env.DATABASE_URL });
 * const graph = builder.compile({ checkpointer: store });
 */
export class PostgresEventStore implements EventStore, StreamWatch, StreamDeletion {
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;
  readonly #schema: string;
  readonly #where: string;
  readonly #maxEventBytes: number;
  readonly #statements: Statements;
  #ready: Promise<void> | undefined;
  #closed = false;

  constructor(options: PostgresEventStoreOptions) {
    if ((options.pool === undefined) === (options.connectionString === undefined)) {
      throw new TypeError("PostgresEventStore needs exactly one of `connectionString` (e.g. postgres://user@host/db) or `pool` (a pg.Pool).");
    }
    this.#schema = options.schema ?? "replaygraph";
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(this.#schema))
      throw new TypeError(`PostgresEventStore option schema must be a plain identifier; got ${JSON.stringify(this.#schema)}.`);
    this.#maxEventBytes = options.maxEventBytes ?? DEFAULT_POSTGRES_MAX_EVENT_BYTES;
    if (!Number.isSafeInteger(this.#maxEventBytes) || this.#maxEventBytes < 1)
      throw new TypeError(`PostgresEventStore option maxEventBytes must be a positive integer; got ${String(options.maxEventBytes)}.`);
    this.#ownsPool = options.pool === undefined;
    this.#pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
    // A pool's idle client that loses its connection emits 'error'; unhandled, that kills the process.
    if (this.#ownsPool) this.#pool.on("error", () => undefined);
    this.#where = describeConnection(options.connectionString);
    this.#statements = statementsFor(`${quoteIdentifier(this.#schema)}.event_batches`);
  }

  async appendToStream(stream: string, events: readonly NewEvent[], options: AppendToStreamOptions = {}): Promise<AppendToStreamResult> {
    const expected = options.expectedRevision ?? "any";
    assertValidExpectedRevision(expected);
    await this.#open();
    const encoded = this.#encode(stream, events);
    try {
      if (events.length === 0) {
        const current = await this.#currentRevision(stream);
        assertExpectedRevision(stream, expected, current);
        return { nextExpectedRevision: current, createdNewStream: false };
      }
      const baseId = events.some((event) => event.id === undefined) ? randomUUID() : undefined;
      const batch = encodeEventBatch(encoded, baseId);
      for (let attempt = 1; ; attempt++) {
        const stored = await this.#tryInsert(stream, expected, events.length, batch);
        if (stored !== undefined) return { nextExpectedRevision: stored + events.length - 1, createdNewStream: stored === 0 };
        const current = await this.#currentRevision(stream);
        const retryAfter = expected === "no_stream" ? -1 : expected;
        if (typeof retryAfter === "number" && current > retryAfter && (await this.#isStoredRetry(stream, retryAfter, events))) {
          return { nextExpectedRevision: retryAfter + events.length, createdNewStream: false };
        }
        // An exact revision lost to another writer; "any" and "stream_exists" (on a stream that exists) lost only a race for the next row.
        const lostRace = expected === "any" || (expected === "stream_exists" && current !== -1);
        if (!lostRace || attempt >= anyRevisionAttempts) throw new ExpectedRevisionConflictError(stream, expected, current);
      }
    } catch (error) {
      throw translatePostgresError(error, this.#where);
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<ReadStreamResult> {
    await this.#open();
    const backwards = options.direction === "backwards";
    const limit = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    try {
      // One statement: the rows and the stream's current revision come from one snapshot.
      const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
      const rowLimit = limit <= 0 ? 0 : Math.min(limit, 1_000_000);
      const { rows } = await this.#pool.query<StoredRow>({
        ...(backwards ? this.#statements.readBackwards : this.#statements.readForwards),
        values: [stream, from, rowLimit],
      });
      const currentRevision = rows[0]?.current === null || rows[0] === undefined ? -1 : Number(rows[0].current);
      if (currentRevision === -1) return { events: [], streamExists: false, currentRevision };
      const events: RecordedEvent[] = [];
      const batches = rows.filter((row) => row.revision !== null).map(batchRowOf);
      if (backwards) {
        const start = Math.min(from, currentRevision);
        for (const row of batches) {
          const decoded = decodeEventBatch(stream, row, Math.max(0, start - limit + 1), start - events.length);
          for (let i = decoded.length - 1; i >= 0; i--) events.push(decoded[i]!);
          if (events.length >= limit) break;
        }
      } else {
        for (const row of batches) {
          for (const event of decodeEventBatch(stream, row, from + events.length, from + limit - 1)) events.push(event);
          if (events.length >= limit) break;
        }
      }
      return { events, streamExists: true, currentRevision };
    } catch (error) {
      throw translatePostgresError(error, this.#where);
    }
  }

  async listStreams(options: ListStreamsOptions = {}): Promise<ListStreamsResult> {
    await this.#open();
    try {
      const { rows } = await this.#pool.query<{ stream: string }>({
        ...this.#statements.listStreams,
        values: [options.prefix === undefined ? null : escapeLike(options.prefix), options.after ?? null, options.maxCount ?? null],
      });
      return { streams: rows.map((row) => row.stream) };
    } catch (error) {
      throw translatePostgresError(error, this.#where);
    }
  }

  /**
   * LISTENs for {@link signalStreams} of every process on this database and schema, on a
   * connection of its own from the pool (held until stopped). See {@link StreamWatch}.
   */
  async watchStreams(onChange: StreamChangeListener): Promise<StopWatching> {
    await this.#open();
    try {
      return await watchPostgresStreams(this.#pool, postgresChannelOf(this.#schema), onChange);
    } catch (error) {
      throw translatePostgresError(error, this.#where);
    }
  }

  /** Removes every event of `stream` (see {@link StreamDeletion}). */
  async deleteStream(stream: string): Promise<void> {
    await this.#open();
    try {
      await this.#pool.query(`DELETE FROM ${quoteIdentifier(this.#schema)}.event_batches WHERE stream = $1`, [stream]);
    } catch (error) {
      throw translatePostgresError(error, this.#where);
    }
  }

  /** NOTIFYs every watcher of this database and schema that these streams changed. */
  async signalStreams(streams: readonly string[]): Promise<void> {
    await this.#open();
    try {
      await signalPostgresStreams(this.#pool, postgresChannelOf(this.#schema), streams);
    } catch (error) {
      throw translatePostgresError(error, this.#where);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ownsPool) await this.#pool.end();
  }

  /** Creates or migrates the tables once, before the first operation. */
  #open(): Promise<void> {
    if (this.#closed) return Promise.reject(new Error("This PostgresEventStore is closed; open a new one."));
    this.#ready ??= (async () => {
      const client = await this.#pool.connect();
      try {
        await migratePostgresSchema(client, this.#schema);
      } finally {
        client.release();
      }
    })().catch((error: unknown) => {
      this.#ready = undefined;
      throw translatePostgresError(error, this.#where);
    });
    return this.#ready;
  }

  /** Inserts the batch after the stream's last revision if `expected` allows it; its first revision, or undefined when another writer was there first. */
  async #tryInsert(stream: string, expected: ExpectedRevision, count: number, batch: string): Promise<number | undefined> {
    const exact = expected === "no_stream" ? -1 : typeof expected === "number" ? expected : null;
    try {
      const { rows } = await this.#pool.query<{ revision: string }>({
        ...this.#statements.append,
        values: [stream, count, Date.now(), batch, exact, expected === "stream_exists"],
      });
      return rows[0] === undefined ? undefined : Number(rows[0].revision);
    } catch (error) {
      // The primary key: a writer that checked against the same revision committed first.
      if (isPostgresError(error, "23505")) return undefined;
      throw error;
    }
  }

  async #currentRevision(stream: string): Promise<number> {
    const { rows } = await this.#pool.query<{ current: string | null }>({ ...this.#statements.current, values: [stream] });
    return rows[0]?.current === null || rows[0] === undefined ? -1 : Number(rows[0].current);
  }

  /** Whether every event names an id, and those ids are the events stored right after `after`. */
  async #isStoredRetry(stream: string, after: number, events: readonly NewEvent[]): Promise<boolean> {
    if (events.some((event) => event.id === undefined)) return false;
    const { events: stored } = await this.readStream(stream, { fromRevision: after + 1, maxCount: events.length });
    return stored.length === events.length && events.every((event, index) => stored[index]!.id === event.id);
  }

  #encode(stream: string, events: readonly NewEvent[]): EncodedBatchEvent[] {
    let lastMetadata: NewEvent["metadata"];
    let lastEncoded = encodeBatchMetadata(undefined);
    return events.map((event) => {
      if (event.metadata !== lastMetadata) {
        lastMetadata = event.metadata;
        lastEncoded = encodeBatchMetadata(event.metadata);
      }
      const data = encodeBatchValue(event.data);
      if ((data.text.length + lastEncoded.text.length) * 3 > this.#maxEventBytes) {
        const size = Buffer.byteLength(data.text) + Buffer.byteLength(lastEncoded.text);
        if (size > this.#maxEventBytes) throw new EventTooLargeError(stream, size, this.#maxEventBytes, `event '${event.type}'`);
      }
      return { id: event.id, type: event.type, data, metadata: lastEncoded };
    });
  }
}

/**
 * The store's statements on `table`, each named after a hash of its text: PostgreSQL parses and
 * plans each once per connection, not on every append or read (a step's append is one statement).
 */
function statementsFor(table: string): Statements {
  const texts = statementTextsFor(table);
  const prepared = (key: keyof Statements): Prepared => {
    const text = texts[key];
    return { name: `replaygraph_${key}_${createHash("sha256").update(text).digest("hex").slice(0, 16)}`, text };
  };
  return {
    append: prepared("append"),
    current: prepared("current"),
    readForwards: prepared("readForwards"),
    readBackwards: prepared("readBackwards"),
    listStreams: prepared("listStreams"),
  };
}

function statementTextsFor(table: string): Record<keyof Statements, string> {
  const last = `(SELECT last_revision FROM ${table} WHERE stream = $1 ORDER BY revision DESC LIMIT 1)`;
  return {
    // $5: the exact revision expected (-1: no stream), or null for "any"/"stream_exists"; $6: the stream must exist.
    append: `INSERT INTO ${table} (stream, revision, last_revision, recorded_at, events)
             SELECT $1, current.r + 1, current.r + $2, $3, $4
               FROM (SELECT COALESCE(${last}, -1) AS r) AS current
              WHERE ($5::bigint IS NULL OR current.r = $5::bigint) AND (NOT $6::boolean OR current.r >= 0)
             RETURNING revision`,
    current: `SELECT ${last} AS current`,
    readForwards: `SELECT current.c AS current, b.revision, b.recorded_at, b.events
                     FROM (SELECT ${last} AS c) AS current
                     LEFT JOIN LATERAL (SELECT revision, recorded_at, events FROM ${table}
                                         WHERE stream = $1 AND last_revision >= $2 ORDER BY revision LIMIT $3) AS b ON true`,
    readBackwards: `SELECT current.c AS current, b.revision, b.recorded_at, b.events
                      FROM (SELECT ${last} AS c) AS current
                      LEFT JOIN LATERAL (SELECT revision, recorded_at, events FROM ${table}
                                          WHERE stream = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3) AS b ON true`,
    listStreams: `SELECT stream FROM ${table}
                   WHERE revision = 0
                     AND ($1::text IS NULL OR stream LIKE $1 || '%')
                     AND ($2::text IS NULL OR position > (SELECT position FROM ${table} WHERE stream = $2 AND revision = 0))
                   ORDER BY position LIMIT $3`,
  };
}

function batchRowOf(row: StoredRow): EventBatchRow {
  return { revision: Number(row.revision), recorded_at: Number(row.recorded_at), events: row.events! };
}

function escapeLike(prefix: string): string {
  return prefix.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Host and database of a connection string, for messages (never its password). */
function describeConnection(connectionString: string | undefined): string {
  if (connectionString === undefined) return "a pool given by the caller";
  try {
    const url = new URL(connectionString);
    const host = url.searchParams.get("host") ?? url.host;
    return `${host}${url.pathname}`;
  } catch {
    return "an unparsable connection string";
  }
}
