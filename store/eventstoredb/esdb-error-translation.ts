import {
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from "@eventstore/db-client";
import type { ExpectedRevision } from "../event-store.js";
import { EventTooLargeError, ExpectedRevisionConflictError, StoreUnavailableError } from "../store-errors.js";
import { fromEsdbCurrentRevision } from "./esdb-expected-revision.js";

/** What the adapter was doing when the client failed, to name it in the translated error. */
export interface EsdbErrorContext {
  readonly stream: string;
  /** The append's expected revision, for a conflict. */
  readonly expectedRevision?: ExpectedRevision;
  /** The append's size in bytes, for a refusal over the server's `MaxAppendSize`. */
  readonly size?: number;
  /** What failed; an append is retried differently (same events, same expected revision). Default "read". */
  readonly operation?: "append" | "read" | "list" | "delete";
}

/**
 * gRPC status codes that mean the node could not be reached or gave up: CANCELLED (1, by the
 * server), DEADLINE_EXCEEDED (4), ABORTED (10, EventStoreDB's timeout), UNAVAILABLE (14). The
 * client leaves some of them untranslated (its ServerFeatures probe), so both forms are checked.
 */
const RETRYABLE_GRPC_CODES = new Set([1, 4, 10, 14]);

/**
 * The port error for an error of `@eventstore/db-client`: a conflict, a refusal over the size
 * limit, or an unreachable node become the port's named errors; anything else is returned as is.
 */
export function translateEsdbError(error: unknown, context: EsdbErrorContext): unknown {
  if (error instanceof WrongExpectedVersionError) {
    return new ExpectedRevisionConflictError(context.stream, context.expectedRevision ?? "any", fromEsdbCurrentRevision(error.actualVersion));
  }
  if (error instanceof MaxAppendSizeExceededError) {
    return new EventTooLargeError(context.stream, context.size ?? Number.NaN, error.maxAppendSize);
  }
  if (isUnavailable(error)) {
    // grpc-js ends some messages with an empty "Resolution note: " of its own; it says nothing.
    const detail = (error instanceof Error ? error.message : String(error)).replace(/\.?\s*Resolution note:\s*$/, "");
    const retry = context.operation === "append" ? "then retry the append with the same events and expected revision" : "then retry";
    const target = context.operation === "list" ? "to list streams" : `for stream '${context.stream}'`;
    return new StoreUnavailableError(
      `EventStoreDB could not be reached ${target} (${detail}). Check that the node is up and the connection string is right, ${retry}.`,
      { cause: error },
    );
  }
  return error;
}

function isUnavailable(error: unknown): boolean {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError ||
    error instanceof TimeoutError
  ) {
    return true;
  }
  const code = typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
  return typeof code === "number" && RETRYABLE_GRPC_CODES.has(code);
}
