import Database from "better-sqlite3";

/** SQLite's `PRAGMA integrity_check` of the file at `path`, read on its own read-only connection: `"ok"` when intact. */
export function sqliteIntegrityCheck(path: string): unknown {
  const raw = new Database(path, { readonly: true });
  try {
    return raw.pragma("integrity_check", { simple: true });
  } finally {
    raw.close();
  }
}
