import { ReplayGraphError } from "./replaygraph-error.js";

/** A history file that is not a well-formed replaygraph export. Nothing was imported. */
export class InvalidExportError extends ReplayGraphError {
  readonly code = "INVALID_EXPORT";
  /** The 1-based line the problem is on. */
  readonly line: number;

  constructor(file: string, line: number, problem: string) {
    super(
      `${file}, line ${line}: ${problem}. The file is not a replaygraph history export this version can read, ` +
        `so nothing was imported. Export the thread again (\`replaygraph export <thread>\`) and import that file.`,
    );
    this.line = line;
  }
}

/** A history file that ends before the events its header announces. Nothing was imported. */
export class TruncatedExportError extends ReplayGraphError {
  readonly code = "TRUNCATED_EXPORT";
  readonly expectedEvents: number;
  readonly foundEvents: number;

  constructor(file: string, expectedEvents: number, foundEvents: number) {
    super(
      `${file} ends after ${foundEvents} of the ${expectedEvents} events its header announces: the file was cut ` +
        `short (a copy, download or export that did not finish), so nothing was imported. Copy or export it again.`,
    );
    this.expectedEvents = expectedEvents;
    this.foundEvents = foundEvents;
  }
}

/** An import would write over a stream that already holds other events. Nothing was imported. */
export class ImportTargetExistsError extends ReplayGraphError {
  readonly code = "IMPORT_TARGET_EXISTS";
  readonly threadId: string;

  constructor(threadId: string, detail: string) {
    super(
      `Thread '${threadId}' already exists in the target store and ${detail}, so nothing was imported. ` +
        `Import into another store (--store), or into a copy without that thread; an import never rewrites history.`,
    );
    this.threadId = threadId;
  }
}
