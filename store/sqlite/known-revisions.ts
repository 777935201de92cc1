import type Database from "better-sqlite3";

/** Streams remembered at most; past it the memory starts over (a miss costs one indexed SELECT). */
const maxRemembered = 4096;

/**
 * The last revision of the streams this connection recently read or appended, valid only while no
 * other connection has committed: SQLite's `PRAGMA data_version` changes exactly when another
 * connection (another process, or another store on the same file) commits, and not for this
 * connection's own commits. So a warm thread's catch-up read and its next append need no query of
 * the stream, and another writer still cannot slip past the revision check: inside the append's
 * `BEGIN IMMEDIATE`, a changed data version forgets everything and the stream is read again.
 *
 * Measured on the machines here: the pragma costs about 1.7 µs, the SELECT of a stream's last
 * revision about 3.9 µs, and a read transaction around it about 5 µs.
 */
export class KnownRevisions {
  readonly #dataVersion: Database.Statement<[], number>;
  readonly #revisions = new Map<string, number>();
  /** The data version the remembered revisions were read at; -1 before the first. */
  #version = -1;

  constructor(db: Database.Database) {
    this.#dataVersion = db.prepare<[], number>("PRAGMA data_version").pluck();
  }

  /** The stream's last revision (-1: no stream) if known and nothing else has committed since; otherwise undefined. */
  get(stream: string): number | undefined {
    const version = this.#dataVersion.get()!;
    if (version !== this.#version) {
      this.#revisions.clear();
      this.#version = version;
      return undefined;
    }
    return this.#revisions.get(stream);
  }

  /**
   * Remembers what this connection read or committed. Call it only after {@link get} in the same
   * transaction (so the data version it checked is the one the revision was read at), or right
   * after this connection's own commit.
   */
  remember(stream: string, revision: number): void {
    if (this.#revisions.size >= maxRemembered && !this.#revisions.has(stream)) this.#revisions.clear();
    this.#revisions.set(stream, revision);
  }

  /** Forgets everything (after a failed append, whose outcome this connection does not know). */
  forget(): void {
    this.#revisions.clear();
  }
}
