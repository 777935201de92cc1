import type Database from "better-sqlite3";
import type { StopWatching, StreamChangeListener } from "../stream-watch.js";

/** How often a watch reads SQLite's change counter, by default (ms). */
export const defaultSqlitePollMs = 50;

/**
 * Polls `PRAGMA data_version` (it changes exactly when another connection commits; reading it
 * costs about 2 µs and no disk access) and, when it moved, reports the streams of the batches
 * stored since the last look. SQLite has one writer at a time and gives each new row the next
 * rowid, so rowids grow in commit order and no committed append is skipped.
 */
export function watchSqliteStreams(db: Database.Database, onChange: StreamChangeListener, pollMs = defaultSqlitePollMs): StopWatching {
  const dataVersion = db.prepare<[], number>("PRAGMA data_version").pluck();
  const lastRow = db.prepare<[], number | null>("SELECT max(rowid) FROM event_batches").pluck();
  const changedSince = db.prepare<[number], string>("SELECT DISTINCT stream FROM event_batches WHERE rowid > ?").pluck();
  let version = dataVersion.get()!;
  let seen = lastRow.get() ?? 0;
  const timer = setInterval(() => {
    try {
      const now = dataVersion.get()!;
      if (now === version) return;
      version = now;
      const streams = changedSince.all(seen);
      seen = lastRow.get() ?? seen;
      if (streams.length > 0) onChange(streams);
    } catch {
      // A busy or closed database: the next tick tries again; the watcher's sweep covers the gap.
    }
  }, pollMs);
  timer.unref();
  return async () => clearInterval(timer);
}
