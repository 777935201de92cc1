import type Database from "better-sqlite3";
import { SqliteSchemaTooNewError } from "./sqlite-schema-too-new-error.js";

/**
 * The schema, as an ordered list of migrations: entry i takes a database from version i to
 * version i + 1. Only ever append to this list; a released entry never changes.
 */
export const sqliteSchemaMigrations: readonly string[] = [
  // 1: streams in creation order (seq is the rowid), and the events of every stream. events keeps
  // its rowid: WITHOUT ROWID suits small rows only, and an event may be megabytes.
  `CREATE TABLE streams (
     seq INTEGER PRIMARY KEY,
     name TEXT NOT NULL UNIQUE
   );
   CREATE TABLE events (
     stream TEXT NOT NULL,
     revision INTEGER NOT NULL CHECK (revision >= 0),
     id TEXT NOT NULL,
     type TEXT NOT NULL,
     data TEXT NOT NULL,
     metadata TEXT NOT NULL,
     recorded_at INTEGER NOT NULL,
     PRIMARY KEY (stream, revision)
   );`,
  // 2: one row per append (see store/event-batch.ts): an append of n events inserted n rows and
  // n index entries, which made SQLite's part of an append grow with the events in it. Every v1
  // event becomes a batch of one, its data and metadata texts embedded as they were stored.
  `CREATE TABLE event_batches (
     stream TEXT NOT NULL,
     revision INTEGER NOT NULL CHECK (revision >= 0),
     last_revision INTEGER NOT NULL CHECK (last_revision >= revision),
     recorded_at INTEGER NOT NULL,
     events TEXT NOT NULL,
     PRIMARY KEY (stream, revision)
   );
   INSERT INTO event_batches (stream, revision, last_revision, recorded_at, events)
     SELECT stream, revision, revision, recorded_at,
            '{"m":' || metadata || ',"e":[{"i":' || json_quote(id) || ',"t":' || json_quote(type) || ',"d":' || data || '}]}'
       FROM events ORDER BY stream, revision;
   DROP TABLE events;`,
];

/**
 * Brings the database to the newest schema in one write transaction (so two processes opening a
 * new file at once do not both migrate it), recording the version in `replaygraph_schema`.
 *
 * @throws {SqliteSchemaTooNewError} when the file's schema is newer than this code knows.
 */
export function migrateSqliteSchema(db: Database.Database, path: string): void {
  const latest = sqliteSchemaMigrations.length;
  db.transaction(() => {
    db.exec(
      "CREATE TABLE IF NOT EXISTS replaygraph_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)",
    );
    const found = (db.prepare("SELECT version FROM replaygraph_schema WHERE id = 1").pluck().get() as number | undefined) ?? 0;
    if (found > latest) throw new SqliteSchemaTooNewError(path, found, latest);
    if (found === latest) return;
    for (const migration of sqliteSchemaMigrations.slice(found)) db.exec(migration);
    db.prepare(
      "INSERT INTO replaygraph_schema (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version",
    ).run(latest);
  }).immediate();
}
