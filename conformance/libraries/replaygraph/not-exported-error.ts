/**
 * Thrown when an upstream LangGraph test uses a name that replaygraph's public entry points do not
 * export. It fails the case that touched the name, not the whole file.
 */
export class NotExportedError extends Error {
  override readonly name = "NotExportedError";
  readonly code = "NOT_EXPORTED";

  constructor(readonly exportName: string) {
    super(`replaygraph does not export ${exportName}\n(export it from replaygraph's entry points, or exclude the case in conformance/excluded.json)`);
  }
}
