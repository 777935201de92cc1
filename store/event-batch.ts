import type { RecordedEvent } from "./event-store.js";
import { eventSerializer } from "./event-serializer.js";
import { CorruptEventError } from "./store-errors.js";

/**
 * One event of an append, encoded: its id, type, and data and metadata as the serializer wrote
 * them. Without an id, the store derives one on reading (see {@link decodeEventBatch}).
 */
export interface EncodedBatchEvent {
  readonly id?: string | undefined;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** One append's events as a store keeps them: an `event_batches` row of SQLite, a batch in memory. */
export interface EventBatchRow {
  /** The revision of the batch's first event. */
  readonly revision: number;
  readonly recorded_at: number;
  readonly events: string;
}

/**
 * The text of one append's batch: `{"m":<metadata>,"e":[{"i":<id>,"t":<type>,"d":<data>}, ...]}`
 * (`"i"` left out for an event without an id).
 * The data and metadata texts are embedded as JSON values, not re-quoted as strings, so nothing is
 * escaped twice; the batch's metadata is written once, and an event whose metadata differs from
 * the first event's carries its own `"m"`.
 *
 * One row per append is what makes a step's append cheap: SQLite's cost per transaction grows
 * with the rows (and index entries) it inserts, and an append of five events as one row took
 * about half the time of five rows on the machines here (see bench/RESULTS.md, the store alone).
 */
export function encodeEventBatch(events: readonly EncodedBatchEvent[]): string {
  const shared = events[0]?.metadata ?? "{}";
  let text = `{"m":${shared},"e":[`;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (i > 0) text += ",";
    text += event.id === undefined ? `{"t":${JSON.stringify(event.type)},"d":${event.data}` : `{"i":${JSON.stringify(event.id)},"t":${JSON.stringify(event.type)},"d":${event.data}`;
    text += event.metadata === shared ? "}" : `,"m":${event.metadata}}`;
  }
  return `${text}]}`;
}

interface ParsedBatch {
  readonly m: unknown;
  readonly e: readonly { readonly i: unknown; readonly t: unknown; readonly d: unknown; readonly m?: unknown }[];
}

/**
 * The events of a stored batch, from revision `from` to `to` (inclusive). An event stored without
 * an id gets `idOf(its index in the batch)`; without `idOf`, every event must have one.
 *
 * @throws {CorruptEventError} when the row does not parse or an event in it is malformed.
 */
export function decodeEventBatch(stream: string, row: EventBatchRow, from: number, to: number, idOf?: (index: number) => string): RecordedEvent[] {
  let parsed: ParsedBatch;
  try {
    parsed = JSON.parse(row.events) as ParsedBatch;
  } catch (error) {
    throw new CorruptEventError(stream, row.revision, `its stored JSON does not parse (${String(error)})`, { cause: error });
  }
  if (parsed === null || typeof parsed !== "object" || !Array.isArray(parsed.e)) {
    throw new CorruptEventError(stream, row.revision, "its stored row is not a batch of events");
  }
  const recordedAt = new Date(row.recorded_at);
  const events: RecordedEvent[] = [];
  const first = Math.max(from, row.revision);
  const last = Math.min(to, row.revision + parsed.e.length - 1);
  for (let revision = first; revision <= last; revision++) {
    const stored = parsed.e[revision - row.revision]!;
    let data: unknown;
    let metadata: unknown;
    try {
      data = eventSerializer.fromParsedJson(stored.d);
      metadata = eventSerializer.fromParsedJson(stored.m ?? parsed.m);
    } catch (error) {
      throw new CorruptEventError(stream, revision, `its stored JSON does not decode (${String(error)})`, { cause: error });
    }
    const id = stored.i === undefined && idOf ? idOf(revision - row.revision) : stored.i;
    if (typeof id !== "string" || typeof stored.t !== "string") throw new CorruptEventError(stream, revision, "its stored id or type is not a string");
    if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) throw new CorruptEventError(stream, revision, "its stored metadata is not an object");
    events.push({ stream, revision, id, type: stored.t, data, metadata: metadata as Record<string, unknown>, recordedAt });
  }
  return events;
}
