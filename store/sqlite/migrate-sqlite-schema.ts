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
  // 3: no streams table. Inserting a stream's row (a table and a unique index) cost a new thread's
  // first append about 10 µs, and every later append about 5 µs more in WAL checkpoints; a partial
  // index on each stream's first batch costs half of the first and nothing later. A first batch's
  // rowid is the stream's creation order: the batches are copied in that order (a file migrated from
  // schema 1 has them by stream name).
  `CREATE TABLE event_batches_3 (
     stream TEXT NOT NULL,
     revision INTEGER NOT NULL CHECK (revision >= 0),
     last_revision INTEGER NOT NULL CHECK (last_revision >= revision),
     recorded_at INTEGER NOT NULL,
     events TEXT NOT NULL,
     PRIMARY KEY (stream, revision)
   );
   INSERT INTO event_batches_3 (stream, revision, last_revision, recorded_at, events)
     SELECT b.stream, b.revision, b.last_revision, b.recorded_at, b.events
       FROM event_batches b LEFT JOIN streams s ON s.name = b.stream
      ORDER BY coalesce(s.seq, 9223372036854775807), b.rowid;
   DROP TABLE event_batches;
   DROP TABLE streams;
   ALTER TABLE event_batches_3 RENAME TO event_batches;
   CREATE INDEX stream_starts ON event_batches (revision) WHERE revision = 0;`,
  // 4: a batch may store one base id ("p") instead of an id per event (store/event-batch.ts).
  // Nothing to rewrite: the version tells an older replaygraph, which would not find the ids, to
  // refuse the file.
  `SELECT 1;`,
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
    db.exec("CREATE TABLE IF NOT EXISTS replaygraph_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)");
    const found = (db.prepare("SELECT version FROM replaygraph_schema WHERE id = 1").pluck().get() as number | undefined) ?? 0;
    if (found > latest) throw new SqliteSchemaTooNewError(path, found, latest);
    if (found === latest) return;
    for (const migration of sqliteSchemaMigrations.slice(found)) db.exec(migration);
    db.prepare("INSERT INTO replaygraph_schema (id, version) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET version = excluded.version").run(latest);
  }).immediate();
}
