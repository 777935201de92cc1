import { statSync } from "node:fs";
import type Database from "better-sqlite3";

/** Where a benchmark keeps threads: in process memory, or in a SQLite file (WAL, synchronous=NORMAL). */
export type StoreKind = "memory" | "sqlite";

/** What a SQLite store holds after a run. */
export interface StorageStats {
  /** The database file's size after `PRAGMA wal_checkpoint(TRUNCATE)` (so the WAL is folded in and empty). */
  readonly fileBytes: number;
  /** The serialized values stored: event data + metadata (replaygraph); checkpoint + metadata + writes (LangGraph). */
  readonly payloadBytes: number;
}

/** The size of one stored event, in stream order. */
export interface StoredEventSize {
  readonly type: string;
  readonly bytes: number;
}

/** A store opened for one benchmark repetition, in the shape `compile({ checkpointer })` takes. */
export interface BenchStore {
  readonly kind: StoreKind;
  /** What to pass as `checkpointer`. */
  readonly checkpointer: unknown;
  /** The SQLite file's storage, or undefined for a memory store. */
  storage(): StorageStats | undefined;
  /** The stored size of each event of a thread, when the engine stores events (replaygraph on SQLite). */
  eventSizes?(threadId: string): readonly StoredEventSize[];
  /** The number of events in a thread's stream, when the engine stores events (replaygraph). */
  eventCount?(threadId: string): Promise<number>;
  /**
   * The same threads behind a new store object: a SQLite file closed and opened again; a memory
   * store (which cannot be reopened) is returned as it is. This store is unusable afterwards.
   */
  reopen(): Promise<BenchStore>;
  /** Closes the store; its file stays until the run's data folder is removed. */
  close(): Promise<void>;
}

/**
 * Folds the WAL into the database file, empties it, and returns the file's size with the sum of
 * `payloadSql` (a query returning one number). `db` may be a second connection to the file.
 *
 * @throws {Error} when another connection kept the checkpoint from completing.
 */
export function measureSqliteFile(db: Database.Database, file: string, payloadSql: string): StorageStats {
  const [result] = db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
  if (result?.busy !== 0) throw new Error(`PRAGMA wal_checkpoint(TRUNCATE) on ${file} was blocked by another connection.`);
  const payloadBytes = Number(db.prepare(payloadSql).pluck().get() ?? 0);
  return { fileBytes: statSync(file).size, payloadBytes };
}
