/**
 * The CLI's exit codes. Every named error maps to one, by its `code`; anything else is a bug (70).
 *
 * | code | meaning |
 * |---|---|
 * | 0 | done |
 * | 1 | `verify` found a divergence, `fuzz` found a violation |
 * | 2 | usage: unknown command or flag, missing argument, bad --store, graph needed, optional package missing, malformed langgraph.json |
 * | 3 | not found: thread, revision, graph module, a file to read or the folder of a file to write |
 * | 4 | bad data: invalid or truncated history file, corrupt stored event, not a SQLite file, not replaygraph's PostgreSQL tables |
 * | 5 | conflict: the import target exists, another writer appended first |
 * | 6 | store unavailable (retry), or written by a newer replaygraph |
 * | 10 | another named replaygraph error (its name and code are printed) |
 * | 74 | a file could not be read or written (permissions, a full disk) |
 * | 70 | an unexpected error (a bug: please report it with the printed stack) |
 */
export const exitCodes = {
  ok: 0,
  failed: 1,
  usage: 2,
  notFound: 3,
  badData: 4,
  conflict: 5,
  storeUnavailable: 6,
  namedError: 10,
  internal: 70,
  io: 74,
} as const;

const byErrorCode: Readonly<Record<string, number>> = {
  USAGE: exitCodes.usage,
  INVALID_STORE: exitCodes.usage,
  GRAPH_REQUIRED: exitCodes.usage,
  API_KEY_REQUIRED: exitCodes.usage,
  MISSING_DEPENDENCY: exitCodes.usage,
  MISSING_PEER_DEPENDENCY: exitCodes.usage,
  INVALID_LANGGRAPH_JSON: exitCodes.usage,
  INVALID_ANSWER_SCHEMA: exitCodes.usage,
  FILE_NOT_FOUND: exitCodes.notFound,
  UNKNOWN_THREAD: exitCodes.notFound,
  REVISION_OUT_OF_RANGE: exitCodes.notFound,
  GRAPH_MODULE: exitCodes.notFound,
  INVALID_EXPORT: exitCodes.badData,
  TRUNCATED_EXPORT: exitCodes.badData,
  CORRUPT_EVENT: exitCodes.badData,
  NOT_A_SQLITE_DATABASE: exitCodes.badData,
  POSTGRES_SCHEMA_MISMATCH: exitCodes.badData,
  IMPORT_TARGET_EXISTS: exitCodes.conflict,
  EXPECTED_REVISION_CONFLICT: exitCodes.conflict,
  STORE_UNAVAILABLE: exitCodes.storeUnavailable,
  SQLITE_SCHEMA_TOO_NEW: exitCodes.storeUnavailable,
  POSTGRES_SCHEMA_TOO_NEW: exitCodes.storeUnavailable,
};

/** The stable code of a named error (replaygraph's and the stores'), or undefined for any other error. */
export function errorCodeOf(error: unknown): string | undefined {
  if (!(error instanceof Error) || isSystemError(error)) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^[A-Z][A-Z0-9_]*$/.test(code) ? code : undefined;
}

/** The exit code for an error that ended a command. */
export function exitCodeOf(error: unknown): number {
  if (isSystemError(error)) return error.code === "ENOENT" || error.code === "ENOTDIR" ? exitCodes.notFound : exitCodes.io;
  const code = errorCodeOf(error);
  if (code === undefined) return exitCodes.internal;
  return byErrorCode[code] ?? exitCodes.namedError;
}

/** An error of a Node system call (a file not found, a permission refused). */
export function isSystemError(error: unknown): error is Error & { readonly code: string; readonly syscall: string } {
  return error instanceof Error && typeof (error as { syscall?: unknown }).syscall === "string" && typeof (error as { code?: unknown }).code === "string";
}
