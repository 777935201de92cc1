import Database from "better-sqlite3";
import { StoreUnavailableError } from "../store-errors.js";

/** Whether `error` is a better-sqlite3 error whose code starts with one of `codes` (e.g. "SQLITE_BUSY"). */
export function isSqliteError(error: unknown, ...codes: readonly string[]): error is InstanceType<typeof Database.SqliteError> {
  return error instanceof Database.SqliteError && codes.some((code) => error.code === code || error.code.startsWith(`${code}_`));
}

/**
 * Turns the driver errors that may pass (a lock held past the busy timeout, an I/O error, a full
 * disk) into {@link StoreUnavailableError}; returns any other error unchanged.
 */
export function translateSqliteError(error: unknown, path: string, busyTimeoutMs: number): unknown {
  if (isSqliteError(error, "SQLITE_BUSY", "SQLITE_LOCKED")) {
    return new StoreUnavailableError(
      `The SQLite event store at '${path}' is locked by another connection (${error.code}; waited up to ` +
        `busyTimeoutMs, ${busyTimeoutMs} ms). Retry the operation (an append with the same event ids and ` +
        `expected revision), or raise busyTimeoutMs if long write transactions are expected.`,
      { cause: error },
    );
  }
  if (isSqliteError(error, "SQLITE_IOERR", "SQLITE_FULL", "SQLITE_CANTOPEN")) {
    return new StoreUnavailableError(
      `The SQLite event store at '${path}' could not read or write its file (${error.code}: ${error.message}). ` +
        `Check the disk (free space, permissions, mount) and retry.`,
      { cause: error },
    );
  }
  return error;
}
