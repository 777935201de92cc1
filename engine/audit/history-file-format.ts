import type { RecordedEvent } from "../../store/event-store.js";
import { eventSerializer } from "../../store/event-serializer.js";

/**
 * The history file: JSON Lines. The first line is a {@link HistoryFileHeader}; every other line is
 * one event ({@link HistoryFileEvent}), thread by thread (the thread first, then the threads of
 * its subgraphs), each in revision order. `data` and `metadata` are in superjson's `{ json, meta }`
 * form, so Dates, Maps, Sets and BigInts survive the trip.
 *
 * @example
 * {"format":"replaygraph-history","version":1,"threadId":"t1","events":2,"threads":[{"threadId":"t1","events":2}]}
 * {"thread":"t1","revision":0,"type":"ThreadCreated","id":"0b9e…","recordedAt":"2025-01-01T00:00:00.000Z","data":{"json":{…}},"metadata":{"json":{"at":1735689600000}}}
 */
export const historyFileFormat = "replaygraph-history";
export const historyFileVersion = 1;

export interface HistoryFileHeader {
  readonly format: typeof historyFileFormat;
  readonly version: typeof historyFileVersion;
  /** The thread exported. */
  readonly threadId: string;
  /** Events in the file, all threads together. */
  readonly events: number;
  /** The thread and its subgraphs' threads, with their event counts, in file order. */
  readonly threads: readonly { readonly threadId: string; readonly events: number }[];
}

/** One event line, as parsed (values still in superjson's form). */
export interface HistoryFileEvent {
  readonly thread: string;
  readonly revision: number;
  readonly type: string;
  readonly id: string;
  /** When the source store recorded the event (ISO 8601). An import cannot keep it: the target store records its own. */
  readonly recordedAt: string;
  readonly data: SuperJsonValue;
  readonly metadata: SuperJsonValue;
}

/** superjson's serialized form of a value. */
export interface SuperJsonValue {
  readonly json: unknown;
  readonly meta?: unknown;
}

/** The header line (no newline). */
export function encodeHistoryHeader(header: HistoryFileHeader): string {
  return JSON.stringify(header);
}

/** One event line (no newline). `data` and `metadata` use the stores' serializer, plain JSON fast path included. */
export function encodeHistoryEvent(threadId: string, event: RecordedEvent): string {
  return (
    `{"thread":${JSON.stringify(threadId)},"revision":${event.revision},"type":${JSON.stringify(event.type)},"id":${JSON.stringify(event.id)},` +
    `"recordedAt":"${event.recordedAt.toISOString()}","data":${eventSerializer.stringify(event.data)},"metadata":${eventSerializer.stringify(event.metadata)}}`
  );
}

/** Decodes a value from superjson's serialized form. Throws on a malformed one. */
export function decodeSuperJson(value: SuperJsonValue): unknown {
  return eventSerializer.fromParsedJson(value);
}
