import { ReplayGraphError } from "../../engine/errors/replaygraph-error.js";
/**
 * A namespace given to a long-term memory store (`put`, `get`, `search`, `listNamespaces`...) is
 * not a list of labels the store can keep. The message names the label and what to change.
 * Named as LangGraph's `InvalidNamespaceError`, so code that checks `error.name` keeps working.
 */
export class InvalidNamespaceError extends ReplayGraphError {
  override readonly name = "InvalidNamespaceError";
  readonly code = "INVALID_NAMESPACE";
  /** The namespace as it was given. */
  readonly namespace: unknown;

  constructor(namespace: unknown, problem: string) {
    super(
      `Invalid namespace ${describe(namespace)}: ${problem}. A namespace is a non-empty array of non-empty string labels ` +
        `without '.', ':' or NUL, e.g. ["memories", userId].`,
    );
    this.namespace = namespace;
  }
}

function describe(namespace: unknown): string {
  try {
    return JSON.stringify(namespace) ?? String(namespace);
  } catch {
    return String(namespace);
  }
}
