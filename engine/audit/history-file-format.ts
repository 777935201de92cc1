import type { RecordedEvent } from "../../store/event-store.js";
import { encodeBatchValue } from "../../store/batch-value.js";
import { eventSerializer } from "../../store/event-serializer.js";

/**
 * The history file: JSON Lines. The first line is a {@link HistoryFileHeader}; every other line is
 * one event ({@link HistoryFileEvent}), thread by thread (the thread first, then the threads of
 * its subgraphs), each in revision order. Version 2: `data` and `metadata` are the event's stored
 * data and metadata as they are when they are plain JSON; a value that is not (a Date, a Map, a
 * LangChain message) is in superjson's `{ json, meta }` form under `dataSuperjson` or
 * `metadataSuperjson` instead, so it survives the trip. Version 1 (0.1.0's files) held both in
 * superjson's form, always, under `data` and `metadata`; such files still import.
 *
 * @example
 * {"format":"replaygraph-history","version":2,"threadId":"t1","events":2,"threads":[{"threadId":"t1","events":2}]}
 * {"thread":"t1","revision":0,"type":"ThreadCreated","id":"0b9e…","recordedAt":"2025-01-01T00:00:00.000Z","data":{"graph":"graph"},"metadata":{"at":1735689600000}}
 */
export const historyFileFormat = "replaygraph-history";
/** The version this replaygraph writes. */
export const historyFileVersion = 2;
/** The versions this replaygraph reads. */
export const readableHistoryFileVersions: readonly number[] = [1, 2];

export interface HistoryFileHeader {
  readonly format: typeof historyFileFormat;
  readonly version: number;
  /** The thread exported. */
  readonly threadId: string;
  /** Events in the file, all threads together. */
  readonly events: number;
  /** The thread and its subgraphs' threads, with their event counts, in file order. */
  readonly threads: readonly { readonly threadId: string; readonly events: number }[];
}

/** One event line of a version 1 file, as parsed (values still in superjson's form). */
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

/** One event line of a version 2 file (no newline). */
export function encodeHistoryEvent(threadId: string, event: RecordedEvent): string {
  const data = encodeBatchValue(event.data);
  const metadata = encodeBatchValue(event.metadata);
  return (
    `{"thread":${JSON.stringify(threadId)},"revision":${event.revision},"type":${JSON.stringify(event.type)},"id":${JSON.stringify(event.id)},` +
    `"recordedAt":"${event.recordedAt.toISOString()}",${data.superjson ? '"dataSuperjson"' : '"data"'}:${data.text},${metadata.superjson ? '"metadataSuperjson"' : '"metadata"'}:${metadata.text}}`
  );
}

/** Decodes a value from superjson's serialized form. Throws on a malformed one. */
export function decodeSuperJson(value: SuperJsonValue): unknown {
  return eventSerializer.fromParsedJson(value);
}
