import type Database from "better-sqlite3";

/** An events row as the read statements return it. */
export interface SqliteEventRow {
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: number;
}

/** Every statement the store runs, prepared once when it opens. */
export interface SqliteStatements {
  /** (stream) → the last revision, or undefined when the stream has no events. */
  readonly currentRevision: Database.Statement<[string], number>;
  /** (stream, fromRevision, count) → the ids stored from that revision on, in order. */
  readonly idsFrom: Database.Statement<[string, number, number], string>;
  readonly insertStream: Database.Statement<[string]>;
  readonly insertEvent: Database.Statement<[string, number, string, string, string, string, number]>;
  /** (stream, fromRevision, limit; -1 = no limit) → rows in ascending revision. */
  readonly readForwards: Database.Statement<[string, number, number], SqliteEventRow>;
  /** (stream, fromRevision, limit; -1 = no limit) → rows in descending revision. */
  readonly readBackwards: Database.Statement<[string, number, number], SqliteEventRow>;
  readonly listStreams: Database.Statement<[{ prefix: string | null; after: string | null; limit: number }], string>;
}

const eventColumns = "revision, id, type, data, metadata, recorded_at";

/** Prepares the store's statements on `db`, whose schema must be migrated already. */
export function prepareSqliteStatements(db: Database.Database): SqliteStatements {
  return {
    currentRevision: db
      .prepare<[string], number>("SELECT revision FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1")
      .pluck(),
    idsFrom: db
      .prepare<[string, number, number], string>("SELECT id FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?")
      .pluck(),
    insertStream: db.prepare<[string]>("INSERT INTO streams (name) VALUES (?)"),
    insertEvent: db.prepare<[string, number, string, string, string, string, number]>(
      "INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    readForwards: db.prepare<[string, number, number], SqliteEventRow>(
      `SELECT ${eventColumns} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
    ),
    readBackwards: db.prepare<[string, number, number], SqliteEventRow>(
      `SELECT ${eventColumns} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    ),
    // substr/length rather than LIKE or GLOB: a prefix is literal and case-sensitive.
    listStreams: db
      .prepare<[{ prefix: string | null; after: string | null; limit: number }], string>(
        `SELECT name FROM streams
          WHERE seq > (CASE WHEN @after IS NULL THEN 0 ELSE (SELECT seq FROM streams WHERE name = @after) END)
            AND (@prefix IS NULL OR substr(name, 1, length(@prefix)) = @prefix)
          ORDER BY seq LIMIT @limit`,
      )
      .pluck(),
  };
}
