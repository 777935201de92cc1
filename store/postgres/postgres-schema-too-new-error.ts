import { ReplayGraphError } from "../../engine/errors/replaygraph-error.js";
/**
 * The PostgreSQL database holds a replaygraph schema newer than this version knows: a newer
 * replaygraph wrote it. Nothing was changed in the database.
 */
export class PostgresSchemaTooNewError extends ReplayGraphError {
  override readonly name = "PostgresSchemaTooNewError";
  readonly code = "POSTGRES_SCHEMA_TOO_NEW";
  /** The schema version found in the database. */
  readonly foundVersion: number;
  /** The newest schema version this replaygraph knows. */
  readonly supportedVersion: number;

  constructor(table: string, foundVersion: number, supportedVersion: number) {
    super(
      `The event store's table '${table}' has schema version ${foundVersion}, newer than the version ${supportedVersion} ` +
        `this replaygraph understands: a newer replaygraph wrote it. Upgrade replaygraph (npm install replaygraph@latest) ` +
        `in every process that shares the database; do not edit the tables by hand.`,
    );
    this.foundVersion = foundVersion;
    this.supportedVersion = supportedVersion;
  }
}

/** A table the event store needs exists, but not in the shape replaygraph made it (another application's table of the same name?). */
export class PostgresSchemaMismatchError extends ReplayGraphError {
  override readonly name = "PostgresSchemaMismatchError";
  readonly code = "POSTGRES_SCHEMA_MISMATCH";

  constructor(table: string, detail: string) {
    super(
      `The table '${table}' is not a replaygraph event store table (${detail}). Give replaygraph a schema of its own ` +
        `(option \`schema\`, e.g. "replaygraph") or a database where that name is free.`,
    );
  }
}
