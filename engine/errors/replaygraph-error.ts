/**
 * The base of every error replaygraph throws on purpose. Each subclass has a stable `code` to
 * branch on, structured fields, and a message that says what to do about it.
 */
export abstract class ReplayGraphError extends Error {
  /** A stable, machine-readable name for the error kind, e.g. `"AMBIGUOUS_RESUME"`. */
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
