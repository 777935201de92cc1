import type { ErrorClass } from "./error-category.js";

const badInput: ErrorClass = { category: "bad_input", retryable: false };
const notFound: ErrorClass = { category: "not_found", retryable: false };
const conflict: ErrorClass = { category: "conflict", retryable: true };
const refused: ErrorClass = { category: "conflict", retryable: false };
const unavailable: ErrorClass = { category: "unavailable", retryable: true };
const internal: ErrorClass = { category: "internal", retryable: false };

/**
 * The class of every named error, by its `code`: one table, so the whole taxonomy reads at once
 * (the README's error table is checked against it). A `conflict` is retryable when the same call
 * made again on the thread as it now is may succeed; `refused` conflicts need a different call.
 */
export const errorTaxonomy: Readonly<Record<string, ErrorClass>> = {
  // Graph definitions and calls.
  INVALID_GRAPH: badInput,
  UNKNOWN_NODE: badInput,
  UNREACHABLE_NODE: badInput,
  MISSING_ENTRY_POINT: badInput,
  RESERVED_NAME: badInput,
  GRAPH_VALUE: badInput,
  MISSING_CHECKPOINTER: badInput,
  INVALID_CONFIG: badInput,
  INVALID_THREAD_ID: badInput,
  INVALID_INPUT: badInput,
  EMPTY_INPUT: badInput,
  INVALID_UPDATE: badInput,
  INVALID_RESUME: badInput,
  AMBIGUOUS_RESUME: badInput,
  NOT_SERIALIZABLE: badInput,
  PAYLOAD_TOO_LARGE: badInput,
  EVENT_TOO_LARGE: badInput,
  HISTORY_TOO_LONG: badInput,
  GRAPH_RECURSION: badInput,
  NON_DETERMINISM: badInput,
  PARENT_COMMAND: badInput,
  INVALID_ANSWER_SCHEMA: badInput,
  REPLAY_WARNING: badInput,
  TASK_RESULT_CHANGED: badInput,
  UNRECORDED_EFFECT: badInput,
  OUTSIDE_NODE: badInput,
  INTERRUPT_OUTSIDE_NODE: badInput,
  EFFECT_OUTSIDE_NODE: badInput,
  STORE_OUTSIDE_NODE: badInput,
  TASK_OUTSIDE_ENTRYPOINT: badInput,
  GENERATOR_NOT_ALLOWED: badInput,
  INVALID_EFFECT_KEY: badInput,
  DUPLICATE_EFFECT_KEY: badInput,
  INTERRUPT_INSIDE_EFFECT: badInput,
  NOT_SUPPORTED: badInput,
  UNSUPPORTED_REQUEST: badInput,
  API_KEY_REQUIRED: badInput,
  MISSING_PEER_DEPENDENCY: badInput,
  LANGCHAIN_CORE_MISSING: badInput,
  INVALID_EXPORT: badInput,
  TRUNCATED_EXPORT: badInput,
  INVALID_NAMESPACE: badInput,
  INVALID_INDEX_CONFIG: badInput,
  NOT_A_SQLITE_DATABASE: badInput,
  // The command line.
  USAGE: badInput,
  INVALID_STORE: badInput,
  GRAPH_MODULE: badInput,
  GRAPH_REQUIRED: badInput,
  MISSING_DEPENDENCY: badInput,
  INVALID_LANGGRAPH_JSON: badInput,
  FILE_NOT_FOUND: notFound,
  // Things that are not there.
  THREAD_NOT_FOUND: notFound,
  THREAD_HIDDEN: notFound,
  RUN_DELETED: notFound,
  ASSISTANT_NOT_FOUND: notFound,
  ASSISTANT_VERSION_NOT_FOUND: notFound,
  ASSISTANT_ALREADY_EXISTS: refused,
  RUN_STILL_ACTIVE: refused,
  AUTH_FORBIDDEN: badInput,
  AUTH_REJECTED: badInput,
  AUTH_MODULE_INVALID: badInput,
  AUTH_HANDLER_RESULT: badInput,
  UNKNOWN_THREAD: notFound,
  RUN_NOT_FOUND: notFound,
  UNKNOWN_GRAPH: notFound,
  UNKNOWN_CHECKPOINT: notFound,
  UNKNOWN_INTERRUPT: notFound,
  REVISION_OUT_OF_RANGE: notFound,
  // Another writer or run got there first.
  EXPECTED_REVISION_CONFLICT: conflict,
  CONCURRENT_WRITE: conflict,
  THREAD_BUSY: conflict,
  NO_PENDING_INTERRUPT: refused,
  UPDATE_WHILE_INTERRUPTED: refused,
  STALE_CHECKPOINT: refused,
  THREAD_ALREADY_EXISTS: refused,
  IMPORT_TARGET_EXISTS: refused,
  RUN_CANCELLED: refused,
  // A run that stopped before its end; a new run continues from its stored steps.
  RUN_TIMEOUT: { category: "unavailable", retryable: true },
  RUN_LEASE_EXPIRED: unavailable,
  STORE_UNAVAILABLE: unavailable,
  SERVER_SHUTTING_DOWN: unavailable,
  // Stored data this version cannot read.
  CORRUPT_EVENT: internal,
  UNREADABLE_LANGCHAIN_VALUE: internal,
  SQLITE_SCHEMA_TOO_NEW: internal,
  POSTGRES_SCHEMA_TOO_NEW: internal,
  POSTGRES_SCHEMA_MISMATCH: internal,
};

/** The class of an error code; a code the table does not know is `internal`, not retryable. */
export function errorClassOf(code: string): ErrorClass {
  return errorTaxonomy[code] ?? internal;
}
