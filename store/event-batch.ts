import type { BatchValue } from "./batch-value.js";
import type { RecordedEvent } from "./event-store.js";
import { eventSerializer } from "./event-serializer.js";
import { CorruptEventError, LangChainCoreMissingError } from "./store-errors.js";

/**
 * One event of an append, encoded: its id, type, and data and metadata as {@link encodeBatchValue}
 * made them. Without an id, the event's id is derived on reading (see {@link decodeEventBatch}).
 */
export interface EncodedBatchEvent {
  readonly id?: string | undefined;
  readonly type: string;
  readonly data: BatchValue;
  readonly metadata: BatchValue;
}

/** One append's events as a store keeps them: an `event_batches` row of SQLite, a batch in memory. */
export interface EventBatchRow {
  /** The revision of the batch's first event. */
  readonly revision: number;
  readonly recorded_at: number;
  readonly events: string;
}

/** The batch format this version writes; batches without `"v"` are 0.1.0's (format 1). */
export const eventBatchFormat = 2;

/**
 * The text of one append's batch, format 2:
 * `{"v":2,"m":<metadata>,"p":<base id>,"e":[{"i":<id>,"t":<type>,"d":<data>}, ...]}`.
 * Data and metadata are embedded as JSON values, not re-quoted as strings, so nothing is escaped
 * twice. A plain JSON value is stored as it is, under `"d"` (data) or `"m"` (metadata); any other
 * value in superjson's `{ json, meta }` form, under `"s"` or `"n"` instead. Metadata is written
 * once per run of events that share it: the batch's is the first event's, and an event whose
 * metadata differs from the event's before it carries its own, which the events after it share.
 *
 * Format 1 (0.1.0) had no `"v"`, held every value in superjson's form under `"d"` and `"m"` (a
 * plain value as `{"json":<value>}`), and an event without `"m"` had the batch's metadata;
 * {@link decodeEventBatch} reads both.
 *
 * Ids: an event given one keeps it in `"i"`. The others have none stored: with `baseId` (a random
 * UUID), the batch stores it once in `"p"` and the k-th event's id is that UUID plus k in its last
 * 12 hex digits (see {@link batchEventId}); without one, the store that reads the batch derives them
 * itself (the memory store, from its sequence numbers). A random UUID per event was a fifth of a
 * chain step's row.
 *
 * One row per append is what makes a step's append cheap: SQLite's cost per transaction grows
 * with the rows (and index entries) it inserts, and an append of five events as one row took
 * about half the time of five rows on the machines here (see bench/RESULTS.md, the store alone).
 */
export function encodeEventBatch(events: readonly EncodedBatchEvent[], baseId?: string): string {
  let shared = events[0]?.metadata ?? emptyMetadata;
  let text = `{"v":2,${shared.superjson ? '"n"' : '"m"'}:${shared.text}`;
  if (baseId !== undefined) text += `,"p":${JSON.stringify(baseId)}`;
  text += ',"e":[';
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    if (i > 0) text += ",";
    text += event.id === undefined ? "{" : `{"i":${JSON.stringify(event.id)},`;
    text += `"t":${JSON.stringify(event.type)},${event.data.superjson ? '"s"' : '"d"'}:${event.data.text}`;
    if (event.metadata === shared || (event.metadata.text === shared.text && event.metadata.superjson === shared.superjson)) {
      text += "}";
    } else {
      text += `,${event.metadata.superjson ? '"n"' : '"m"'}:${event.metadata.text}}`;
      shared = event.metadata;
    }
  }
  return `${text}]}`;
}

const emptyMetadata: BatchValue = { text: "{}", superjson: false };

/**
 * The id of the event at `index` of a batch whose base id is `baseId` (a UUID): the base with
 * `index` added to its last 12 hex digits (modulo 16^12), so the ids of one batch are distinct and
 * two batches' ids meet only if their random bases agree in the first 74 random bits.
 */
export function batchEventId(baseId: string, index: number): string {
  if (index === 0) return baseId;
  const node = (Number.parseInt(baseId.slice(24), 16) + index) % 2 ** 48;
  return `${baseId.slice(0, 24)}${node.toString(16).padStart(12, "0")}`;
}

interface ParsedBatch {
  readonly v?: unknown;
  readonly m?: unknown;
  readonly n?: unknown;
  readonly p?: unknown;
  readonly e: readonly ParsedBatchEvent[];
}

interface ParsedBatchEvent {
  readonly i?: unknown;
  readonly t: unknown;
  readonly d?: unknown;
  readonly s?: unknown;
  readonly m?: unknown;
  readonly n?: unknown;
}

/**
 * The events of a stored batch, from revision `from` to `to` (inclusive). An event stored without
 * an id gets `idOf(its index in the batch)`, or else its id from the batch's base id; one of the
 * three must give every event an id.
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
  if (parsed === null || typeof parsed !== "object" || !Array.isArray(parsed.e) || (parsed.v !== undefined && parsed.v !== eventBatchFormat)) {
    throw new CorruptEventError(stream, row.revision, "its stored row is not a batch of events");
  }
  const recordedAt = new Date(row.recorded_at);
  const events: RecordedEvent[] = [];
  const first = Math.max(from, row.revision);
  const last = Math.min(to, row.revision + parsed.e.length - 1);
  const v2 = parsed.v === eventBatchFormat;
  // Format 2: an event without metadata has the metadata of the event before it (the batch's for the first).
  let sharedMetadata: unknown;
  let metadataDecoded = false;
  for (let revision = first; revision <= last; revision++) {
    const stored = parsed.e[revision - row.revision]!;
    let data: unknown;
    let metadata: unknown;
    try {
      if (v2) {
        data = "d" in stored ? stored.d : eventSerializer.fromParsedJson(stored.s);
        if (stored.m !== undefined) sharedMetadata = stored.m;
        else if (stored.n !== undefined) sharedMetadata = eventSerializer.fromParsedJson(stored.n);
        else if (!metadataDecoded) sharedMetadata = batchMetadataBefore(parsed, revision - row.revision);
        metadataDecoded = true;
        metadata = sharedMetadata;
      } else {
        data = eventSerializer.fromParsedJson(stored.d);
        metadata = eventSerializer.fromParsedJson(stored.m ?? parsed.m);
      }
    } catch (error) {
      // A missing optional dependency is not corruption: its error says what to install.
      if (error instanceof LangChainCoreMissingError) throw error;
      throw new CorruptEventError(stream, revision, `its stored JSON does not decode (${String(error)})`, { cause: error });
    }
    const index = revision - row.revision;
    const id =
      stored.i !== undefined
        ? stored.i
        : idOf
          ? idOf(index)
          : typeof parsed.p === "string" && parsed.p.length === 36
            ? batchEventId(parsed.p, index)
            : undefined;
    if (typeof id !== "string" || typeof stored.t !== "string") throw new CorruptEventError(stream, revision, "its stored id or type is not a string");
    if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata))
      throw new CorruptEventError(stream, revision, "its stored metadata is not an object");
    events.push({ stream, revision, id, type: stored.t, data, metadata: metadata as Record<string, unknown>, recordedAt });
  }
  return events;
}

/** The metadata, decoded, in force at event `index` of a format 2 batch that has none of its own. */
function batchMetadataBefore(parsed: ParsedBatch, index: number): unknown {
  for (let i = index - 1; i >= 0; i--) {
    const stored = parsed.e[i];
    if (stored?.m !== undefined) return stored.m;
    if (stored?.n !== undefined) return eventSerializer.fromParsedJson(stored.n);
  }
  return parsed.m !== undefined ? parsed.m : eventSerializer.fromParsedJson(parsed.n);
}
