import type Database from "better-sqlite3";
import { BaseStore, type Item, type Operation, type OperationResults } from "../long-term/base-store.js";
import { embedBatch, type BatchEmbeddings } from "../long-term/embed-batch.js";
import { resolveIndexConfig, type IndexConfig, type ResolvedIndex } from "../long-term/index-config.js";
import type { ItemTable } from "../long-term/item-table.js";
import { assertBatchNamespaces, runStoreBatch } from "../long-term/run-store-batch.js";
import { eventSerializer } from "../event-serializer.js";
import { migrateSqliteStoreSchema } from "./migrate-sqlite-store-schema.js";
import { openSqliteDatabase } from "./open-sqlite-database.js";
import { translateSqliteError } from "./translate-sqlite-error.js";

/** Options of {@link SqliteStore}. */
export interface SqliteStoreOptions {
  /** How long a write waits for another connection's lock, in ms. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** "normal" (default: survives a killed process, not a power loss) or "full". */
  readonly synchronous?: "normal" | "full";
  /**
   * Semantic search (LangGraph's index): items are embedded on `put` (their vectors kept in the
   * file), and `search(prefix, { query })` ranks them by cosine similarity, brute force over the
   * candidates: fine for thousands of items per search, not for millions.
   */
  readonly index?: IndexConfig;
  /** The clock of `createdAt`/`updatedAt` (epoch ms); inject for deterministic tests. */
  readonly clock?: () => number;
}

interface ItemRow {
  readonly namespace: string;
  readonly key: string;
  readonly value: string;
  readonly created_at: number;
  readonly updated_at: number;
}

/**
 * The durable long-term memory store: items in a SQLite file (WAL), kept across restarts. It may
 * share its file with a `SqliteEventStore` (its own tables and schema version, its own
 * connection); several processes may use the file. Each batch is one transaction.
 *
 * WARNING: store writes are outside every thread's history: replaying or forking a thread
 * neither undoes nor repeats them, and a node re-executed for a resume repeats its store
 * calls (make them idempotent: a put of the same key and value is). The engine sees such a
 * repeated write (an `io-before-interrupt` warning) because it watches `config.store`, not because
 * it sees SQLite: better-sqlite3 calls are synchronous and invisible to its I/O watch.
 *
 * @example
 * import { SqliteEventStore, SqliteStore } from "replaygraph/sqlite";
 * const graph = builder.compile({ checkpointer: new SqliteEventStore("./app.db"), store: new SqliteStore("./app.db") });
 */
export class SqliteStore extends BaseStore {
  /** The file the store uses (or `":memory:"`). */
  readonly path: string;
  readonly #db: Database.Database;
  readonly #table: SqliteItemTable;
  readonly #busyTimeoutMs: number;
  readonly #clock: () => number;
  readonly #index: ResolvedIndex | undefined;
  readonly #run: Database.Transaction<(operations: readonly Operation[], now: Date, embedded: BatchEmbeddings | undefined) => unknown[]>;
  #closed = false;

  /**
   * Opens the store in the SQLite file at `path` (created when missing), migrating its tables.
   *
   * @throws {InvalidIndexConfigError} when `index` has no usable embeddings.
   * @throws {NotASqliteDatabaseError} when the file is not a SQLite database.
   * @throws {SqliteSchemaTooNewError} when a newer replaygraph wrote the store's tables.
   */
  constructor(path: string, options: SqliteStoreOptions = {}) {
    super();
    this.#index = options.index === undefined ? undefined : resolveIndexConfig("SqliteStore", options.index);
    this.path = path;
    this.#busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    if (!Number.isSafeInteger(this.#busyTimeoutMs) || this.#busyTimeoutMs < 0) {
      throw new TypeError(`SqliteStore option busyTimeoutMs must be an integer >= 0; got ${String(options.busyTimeoutMs)}.`);
    }
    const synchronous = options.synchronous ?? "normal";
    if (synchronous !== "normal" && synchronous !== "full")
      throw new TypeError(`SqliteStore option synchronous must be "normal" or "full"; got ${String(synchronous)}.`);
    this.#clock = options.clock ?? Date.now;
    this.#db = openSqliteDatabase(path, { busyTimeoutMs: this.#busyTimeoutMs, synchronous }, migrateSqliteStoreSchema);
    this.#table = new SqliteItemTable(this.#db);
    this.#run = this.#db.transaction((operations, now, embedded) => runStoreBatch(this.#table, operations, now, embedded));
  }

  async batch<TOperations extends Operation[]>(operations: TOperations): Promise<OperationResults<TOperations>> {
    if (this.#closed) throw new Error(`This SqliteStore ('${this.path}') is closed; open a new one.`);
    assertBatchNamespaces(operations);
    // Embeddings are computed first, outside the transaction: a model call must not hold the write lock.
    const embedded = this.#index && (await embedBatch(this.#index, operations));
    const now = new Date(this.#clock());
    try {
      // A batch that writes takes the write lock first: a read transaction upgraded later could fail busy.
      const writes = operations.some((operation) => "value" in operation);
      return (writes ? this.#run.immediate(operations, now, embedded) : this.#run.deferred(operations, now, embedded)) as OperationResults<TOperations>;
    } catch (error) {
      throw translateSqliteError(error, this.path, this.#busyTimeoutMs);
    }
  }

  /** Closes the connection; the store cannot be used afterwards. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }
}

class SqliteItemTable implements ItemTable {
  readonly #get: Database.Statement<[string, string], ItemRow>;
  readonly #all: Database.Statement<[], ItemRow>;
  readonly #under: Database.Statement<[string, string, string], ItemRow>;
  readonly #namespaces: Database.Statement<[], string>;
  readonly #upsert: Database.Statement<[string, string, string, number, number]>;
  readonly #remove: Database.Statement<[string, string]>;
  readonly #touch: Database.Statement<[string]>;
  readonly #vectors: Database.Statement<[string, string], string>;
  readonly #clearVectors: Database.Statement<[string, string]>;
  readonly #addVector: Database.Statement<[string, string, number, string]>;

  constructor(db: Database.Database) {
    const columns = "i.namespace, i.key, i.value, i.created_at, i.updated_at";
    const ordered = "JOIN store_namespaces n ON n.namespace = i.namespace";
    this.#get = db.prepare(`SELECT ${columns} FROM store_items i WHERE i.namespace = ? AND i.key = ?`);
    this.#all = db.prepare(`SELECT ${columns} FROM store_items i ${ordered} ORDER BY n.seq, i.seq`);
    // ';' follows ':' in every collation SQLite uses for TEXT: the range is "prefix:" and below it.
    this.#under = db.prepare(
      `SELECT ${columns} FROM store_items i ${ordered} WHERE i.namespace = ? OR (i.namespace >= ? || ':' AND i.namespace < ? || ';') ORDER BY n.seq, i.seq`,
    );
    this.#namespaces = db.prepare("SELECT DISTINCT namespace FROM store_items").pluck() as Database.Statement<[], string>;
    this.#upsert = db.prepare(
      `INSERT INTO store_items (namespace, key, value, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.#remove = db.prepare("DELETE FROM store_items WHERE namespace = ? AND key = ?");
    this.#touch = db.prepare("INSERT OR IGNORE INTO store_namespaces (namespace) VALUES (?)");
    this.#vectors = db.prepare("SELECT vector FROM store_vectors WHERE namespace = ? AND key = ? ORDER BY position").pluck() as Database.Statement<
      [string, string],
      string
    >;
    this.#clearVectors = db.prepare("DELETE FROM store_vectors WHERE namespace = ? AND key = ?");
    this.#addVector = db.prepare("INSERT INTO store_vectors (namespace, key, position, vector) VALUES (?, ?, ?, ?)");
  }

  get(namespace: string, key: string): Item | undefined {
    const row = this.#get.get(namespace, key);
    return row && itemOf(row);
  }

  itemsUnder(prefix: string): Item[] {
    const rows = prefix === "" ? this.#all.all() : this.#under.all(prefix, prefix, prefix);
    return rows.map(itemOf);
  }

  namespacesWithItems(): Iterable<readonly string[]> {
    return this.#namespaces.all().map((namespace) => namespace.split(":"));
  }

  upsert(namespace: readonly string[], key: string, value: unknown, now: Date): void {
    this.#upsert.run(namespace.join(":"), key, eventSerializer.stringify(value), now.getTime(), now.getTime());
  }

  remove(namespace: string, key: string): void {
    this.#remove.run(namespace, key);
    this.#clearVectors.run(namespace, key);
  }

  vectorsOf(namespace: string, key: string): readonly (readonly number[])[] {
    return this.#vectors.all(namespace, key).map((vector) => JSON.parse(vector) as number[]);
  }

  setVectors(namespace: string, key: string, vectors: readonly (readonly number[])[]): void {
    this.#clearVectors.run(namespace, key);
    vectors.forEach((vector, position) => this.#addVector.run(namespace, key, position, JSON.stringify(vector)));
  }

  touchNamespace(namespace: readonly string[]): void {
    this.#touch.run(namespace.join(":"));
  }
}

function itemOf(row: ItemRow): Item {
  return {
    value: eventSerializer.parse(row.value) as Item["value"],
    key: row.key,
    namespace: row.namespace.split(":"),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
