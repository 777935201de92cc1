import { ReplayGraphError } from "../../engine/errors/replaygraph-error.js";
/** The file given to `SqliteEventStore` exists but is not a SQLite database. Nothing was changed in it. */
export class NotASqliteDatabaseError extends ReplayGraphError {
  override readonly name = "NotASqliteDatabaseError";
  readonly code = "NOT_A_SQLITE_DATABASE";
  readonly path: string;

  constructor(path: string, options?: { cause?: unknown }) {
    super(
      `The file '${path}' is not a SQLite database (or is encrypted or damaged), so it cannot hold an event ` +
        `store. Check the path: give a new file name, or the file an earlier SqliteEventStore created.`,
      options,
    );
    this.path = path;
  }
}
