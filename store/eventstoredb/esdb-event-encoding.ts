import { randomUUID } from "node:crypto";
import { jsonEvent, type EventData, type JSONType } from "@eventstore/db-client";
import type { ExpectedRevision, NewEvent } from "../event-store.js";
import { deterministicEventId, eventSerializer } from "../event-serializer.js";
import { EventTooLargeError } from "../store-errors.js";

/** The size limits an append is checked against before it is sent. */
export interface EsdbAppendLimits {
  /** The most bytes one append may carry (the server's `MaxAppendSize`). */
  readonly maxAppendSize: number;
  /** The most bytes one event may carry (the server's largest log record). */
  readonly maxEventSize: number;
}

/** An append ready for the client, with the bytes it carries. */
export interface EncodedAppend {
  readonly events: EventData[];
  /** Data, metadata and type bytes of all events, as EventStoreDB counts them. */
  readonly size: number;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Encodes `events` as JSON events whose data is superjson's `{ json, meta }` form of the body, and
 * whose metadata is superjson's form of the caller's metadata beside `$correlationId` and
 * `$causationId`, the keys EventStoreDB's projections read.
 *
 * Event ids: the caller's, else a deterministic UUID of (stream, revision, type, data) when the
 * expected revision fixes where the events land (a number or `"no_stream"`), so a retried append
 * carries the same ids and the server stores it once. Under `"any"`/`"stream_exists"` the revision
 * is unknown, and equal ids would make the server drop a second identical event as a duplicate,
 * so those events get random ids.
 *
 * @throws {EventTooLargeError} when an event or the append is over `limits`; nothing is sent.
 */
export function encodeAppend(stream: string, events: readonly NewEvent[], expected: ExpectedRevision, limits: EsdbAppendLimits): EncodedAppend {
  const firstRevision = typeof expected === "number" ? expected + 1 : expected === "no_stream" ? 0 : undefined;
  const encoded: EventData[] = [];
  let size = 0;
  let previousId: string | undefined;
  for (const [index, event] of events.entries()) {
    const dataText = eventSerializer.stringify(event.data);
    const id = event.id ?? (firstRevision === undefined ? randomUUID() : deterministicEventId(stream, firstRevision + index, event.type, dataText));
    if (!UUID_PATTERN.test(id)) {
      throw new TypeError(`Event id '${id}' is not a UUID; EventStoreDB requires UUID event ids. Pass a UUID or omit the id.`);
    }
    const superjsonMetadata = JSON.parse(eventSerializer.stringify(event.metadata ?? {})) as object;
    const metadata = { ...correlationOf(event.metadata ?? {}, previousId), ...superjsonMetadata };
    const eventSize = Buffer.byteLength(dataText) + Buffer.byteLength(JSON.stringify(metadata)) + Buffer.byteLength(event.type);
    if (eventSize > limits.maxEventSize) throw new EventTooLargeError(stream, eventSize, limits.maxEventSize, `event '${event.type}'`);
    size += eventSize;
    encoded.push(jsonEvent({ id, type: event.type, data: JSON.parse(dataText) as JSONType, metadata: metadata as JSONType }));
    previousId = id;
  }
  if (size > limits.maxAppendSize) throw new EventTooLargeError(stream, size, limits.maxAppendSize);
  return { events: encoded, size };
}

/**
 * `$correlationId`: the caller's (`$correlationId` or `correlationId`), else the run id. `$causationId`:
 * the caller's (`$causationId` or `causationId`), else the id of the event before it in this append.
 */
function correlationOf(metadata: Readonly<Record<string, unknown>>, previousId: string | undefined): Record<string, string> {
  const correlationId = firstString(metadata["$correlationId"], metadata["correlationId"], metadata["runId"]);
  const causationId = firstString(metadata["$causationId"], metadata["causationId"], previousId);
  return {
    ...(correlationId === undefined ? {} : { $correlationId: correlationId }),
    ...(causationId === undefined ? {} : { $causationId: causationId }),
  };
}

function firstString(...candidates: unknown[]): string | undefined {
  return candidates.find((candidate): candidate is string => typeof candidate === "string");
}
