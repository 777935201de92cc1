import type Database from "better-sqlite3";
import { SqliteSchemaTooNewError } from "./sqlite-schema-too-new-error.js";

/**
 * The long-term memory store's schema (`SqliteStore`), versioned apart from the event store's: it
 * may share a file with a `SqliteEventStore`, and each migrates its own tables. Entry i takes the
 * tables from version i to version i + 1. Only ever append to this list.
 */
export const sqliteStoreSchemaMigrations: readonly string[] = [
  // 1: namespaces in the order they were first written (seq), so search keeps that order even after
  // a namespace's items were all deleted; items in the order first put (seq is kept by an
  // overwrite). namespace is the labels joined with ':' (a label cannot contain one), so a prefix
  // search is a range scan on (namespace, key). store_vectors: an index's vectors of each item (JSON
  // arrays of numbers: exact, and small beside the model call that made them).
  `CREATE TABLE store_namespaces (
     seq INTEGER PRIMARY KEY,
     namespace TEXT NOT NULL UNIQUE
   );
   CREATE TABLE store_items (
     seq INTEGER PRIMARY KEY,
     namespace TEXT NOT NULL,
     key TEXT NOT NULL,
     value TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     UNIQUE (namespace, key)
   );
   CREATE TABLE store_vectors (
     namespace TEXT NOT NULL,
     key TEXT NOT NULL,
     position INTEGER NOT NULL,
     vector TEXT NOT NULL,
     PRIMARY KEY (namespace, key, position)
   );`,
];

/**
 * Brings the store's tables to the newest schema in one write transaction, recording the version
 * in `replaygraph_store_schema`.
 *
 * @throws {SqliteSchemaTooNewError} when the file's store schema is newer than this code knows.
 */
export function migrateSqliteStoreSchema(db: Database.Database, path: string): void {
  const latest = sqliteStoreSchemaMigrations.length;
  db.transaction(() => {
    db.exec("CREATE TABLE IF NOT EXISTS replaygraph_store_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)");
    const found = (db.prepare("SELECT version FROM replaygraph_store_schema WHERE id = 1").pluck().get() as number | undefined) ?? 0;
    if (found > latest) throw new SqliteSchemaTooNewError(path, found, latest, "long-term memory store");
    if (found === latest) return;
    for (const migration of sqliteStoreSchemaMigrations.slice(found)) db.exec(migration);
    db.prepare("INSERT INTO replaygraph_store_schema (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version").run(latest);
  }).immediate();
}
