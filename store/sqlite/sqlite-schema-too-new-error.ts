import { ReplayGraphError } from "../../engine/errors/replaygraph-error.js";
/**
 * The SQLite file was written by a newer replaygraph whose schema this version does not know.
 * Nothing was changed in the file.
 */
export class SqliteSchemaTooNewError extends ReplayGraphError {
  override readonly name = "SqliteSchemaTooNewError";
  readonly code = "SQLITE_SCHEMA_TOO_NEW";
  readonly path: string;
  /** The schema version found in the file. */
  readonly foundVersion: number;
  /** The newest schema version this replaygraph knows. */
  readonly supportedVersion: number;

  constructor(path: string, foundVersion: number, supportedVersion: number, what = "event store") {
    super(
      `The ${what} at '${path}' has schema version ${foundVersion}, newer than the version ${supportedVersion} ` +
        `this replaygraph understands: it was written by a newer replaygraph. Upgrade replaygraph ` +
        `(npm install replaygraph@latest) to open it; do not edit the file by hand.`,
    );
    this.path = path;
    this.foundVersion = foundVersion;
    this.supportedVersion = supportedVersion;
  }
}
