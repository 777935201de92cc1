import Database from "better-sqlite3";
import { migrateSqliteSchema } from "./migrate-sqlite-schema.js";
import { NotASqliteDatabaseError } from "./not-a-sqlite-database-error.js";
import { isSqliteError, translateSqliteError } from "./translate-sqlite-error.js";

/** How {@link openSqliteDatabase} sets up the connection. */
export interface SqliteConnectionSettings {
  readonly busyTimeoutMs: number;
  readonly synchronous: "normal" | "full";
}

/**
 * Opens (creating if needed) the SQLite file at `path` for the event store: WAL journal, the
 * busy timeout and synchronous level asked for, and the newest schema (the event store's, unless
 * `migrate` brings another's tables up to date).
 *
 * @throws {NotASqliteDatabaseError} when the file exists but is not a SQLite database.
 * @throws {SqliteSchemaTooNewError} when a newer replaygraph wrote the file.
 */
export function openSqliteDatabase(
  path: string,
  settings: SqliteConnectionSettings,
  migrate: (db: Database.Database, path: string) => void = migrateSqliteSchema,
): Database.Database {
  const db = new Database(path, { timeout: settings.busyTimeoutMs });
  try {
    // WAL lets readers run beside the one writer, and with synchronous=NORMAL commits without an
    // fsync per transaction while still surviving a killed process.
    db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${settings.synchronous === "full" ? "FULL" : "NORMAL"}`);
    migrate(db, path);
    return db;
  } catch (error) {
    db.close();
    if (isSqliteError(error, "SQLITE_NOTADB")) throw new NotASqliteDatabaseError(path, { cause: error });
    throw translateSqliteError(error, path, settings.busyTimeoutMs);
  }
}
