import type { ExpectedRevision } from "./event-store.js";
import { ExpectedRevisionConflictError } from "./store-errors.js";

/**
 * Throws {@link ExpectedRevisionConflictError} unless a stream at `currentRevision` (-1: no
 * stream) satisfies `expected`. Shared by the adapters that check revisions themselves.
 */
export function assertExpectedRevision(stream: string, expected: ExpectedRevision, currentRevision: number): void {
  const ok =
    expected === "any" ||
    (expected === "no_stream" && currentRevision === -1) ||
    (expected === "stream_exists" && currentRevision !== -1) ||
    expected === currentRevision;
  if (!ok) throw new ExpectedRevisionConflictError(stream, expected, currentRevision);
}

/** Throws a TypeError naming the problem unless `expected` is a valid expected revision. */
export function assertValidExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  if (expected === "any" || expected === "no_stream" || expected === "stream_exists") return;
  if (typeof expected === "number" && Number.isSafeInteger(expected) && expected >= 0) return;
  throw new TypeError(`expectedRevision must be a non-negative integer, "no_stream", "stream_exists" or "any"; got ${String(expected)}.`);
}
