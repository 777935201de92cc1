import type Database from "better-sqlite3";
import type { EventBatchRow } from "../event-batch.js";

/** Every statement the store runs, prepared once when it opens. */
export interface SqliteStatements {
  /** (stream) → the last revision, or undefined when the stream has no events. */
  readonly currentRevision: Database.Statement<[string], number>;
  /** (stream, first revision, last revision, recorded at, batch text) */
  readonly insertBatch: Database.Statement<[string, number, number, number, string]>;
  /** The batches holding revisions `from` to `to`, ascending: exactly the rows those events are in. */
  readonly readForwards: Database.Statement<[{ stream: string; from: number; to: number }], EventBatchRow>;
  /** The batches starting at revision `from` or before, descending (iterate, as readForwards). */
  readonly readBackwards: Database.Statement<[{ stream: string; from: number }], EventBatchRow>;
  readonly listStreams: Database.Statement<[{ prefix: string | null; after: string | null; limit: number }], string>;
}

const batchColumns = "revision, recorded_at, events";

/** Prepares the store's statements on `db`, whose schema must be migrated already. */
export function prepareSqliteStatements(db: Database.Database): SqliteStatements {
  return {
    currentRevision: db.prepare<[string], number>("SELECT last_revision FROM event_batches WHERE stream = ? ORDER BY revision DESC LIMIT 1").pluck(),
    insertBatch: db.prepare<[string, number, number, number, string]>(
      "INSERT INTO event_batches (stream, revision, last_revision, recorded_at, events) VALUES (?, ?, ?, ?, ?)",
    ),
    // Batches never overlap: the one holding `from` is the last that starts at or before it.
    // A batch starting after `to` holds none of the events asked for, so the rows can be read at once.
    readForwards: db.prepare<[{ stream: string; from: number; to: number }], EventBatchRow>(
      `SELECT ${batchColumns} FROM event_batches
        WHERE stream = @stream
          AND revision >= coalesce((SELECT revision FROM event_batches WHERE stream = @stream AND revision <= @from ORDER BY revision DESC LIMIT 1), 0)
          AND revision <= @to
        ORDER BY revision ASC`,
    ),
    readBackwards: db.prepare<[{ stream: string; from: number }], EventBatchRow>(
      `SELECT ${batchColumns} FROM event_batches WHERE stream = @stream AND revision <= @from ORDER BY revision DESC`,
    ),
    // Streams in creation order: each stream's first batch, by rowid (the partial index
    // stream_starts holds exactly those). substr/length rather than LIKE or GLOB: a prefix is
    // literal and case-sensitive.
    listStreams: db
      .prepare<[{ prefix: string | null; after: string | null; limit: number }], string>(
        `SELECT stream FROM event_batches INDEXED BY stream_starts
          WHERE revision = 0
            AND rowid > (CASE WHEN @after IS NULL THEN 0 ELSE (SELECT rowid FROM event_batches WHERE stream = @after AND revision = 0) END)
            AND (@prefix IS NULL OR substr(stream, 1, length(@prefix)) = @prefix)
          ORDER BY rowid LIMIT @limit`,
      )
      .pluck(),
  };
}
