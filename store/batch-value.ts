import { eventSerializer } from "./event-serializer.js";
import { isPlainJson } from "./plain-json.js";

/**
 * An event's data or metadata as a batch of format v2 stores it: plain JSON as it is, with no
 * wrapper (`superjson: false`); anything else (a Date, a Map, a LangChain message, undefined) in
 * superjson's `{ json, meta }` form (`superjson: true`). The batch's key says which (see
 * encodeEventBatch), so the stored text needs no marker inside the value.
 */
export interface BatchValue {
  /** The value's JSON text. */
  readonly text: string;
  readonly superjson: boolean;
}

const emptyObject: BatchValue = { text: "{}", superjson: false };

/** Encodes `value` for a batch: see {@link BatchValue}. */
export function encodeBatchValue(value: unknown): BatchValue {
  if (isPlainJson(value)) return { text: JSON.stringify(value), superjson: false };
  return { text: eventSerializer.stringify(value), superjson: true };
}

/** {@link encodeBatchValue} of an event's metadata (`{}` when absent). */
export function encodeBatchMetadata(metadata: Readonly<Record<string, unknown>> | undefined): BatchValue {
  return metadata === undefined ? emptyObject : encodeBatchValue(metadata);
}
