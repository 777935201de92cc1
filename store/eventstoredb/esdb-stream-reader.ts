import { BACKWARDS, END, FORWARDS, StreamNotFoundError, type EventStoreDBClient, type ReadRevision, type ResolvedEvent } from "@eventstore/db-client";
import type { ReadStreamResult } from "../event-store.js";
import { decodeRecordedEvent } from "./esdb-event-decoding.js";
import { translateEsdbError } from "./esdb-error-translation.js";

const NOT_FOUND: ReadStreamResult = { events: [], streamExists: false, currentRevision: -1 };

/**
 * Reads `stream` forwards from `fromRevision`. The stream's current revision comes from the read
 * itself when it ran to the end of the stream, else from a second read of its last event (so it
 * may be newer than the events returned when another writer appends in between).
 */
export async function readForwards(client: EventStoreDBClient, stream: string, fromRevision: number, maxCount: number): Promise<ReadStreamResult> {
  if (maxCount === 0) return resultWithoutEvents(await readLastEvent(client, stream));
  const page = await readRaw(client, stream, BigInt(fromRevision), false, maxCount);
  if (page === undefined) return NOT_FOUND;
  const events = page.map(decodeRecordedEvent);
  const last = events.at(-1);
  if (last !== undefined && events.length < maxCount) return { events, streamExists: true, currentRevision: last.revision };
  const current = await readLastEvent(client, stream);
  return { events, streamExists: current !== undefined, currentRevision: revisionOf(current) };
}

/**
 * Reads `stream` backwards from `fromRevision` (default: its last event). The last event is read
 * first, which gives the current revision and clamps a `fromRevision` past the end to it.
 */
export async function readBackwards(client: EventStoreDBClient, stream: string, fromRevision: number | undefined, maxCount: number): Promise<ReadStreamResult> {
  const lastEvent = await readLastEvent(client, stream);
  if (lastEvent === undefined) return NOT_FOUND;
  const currentRevision = revisionOf(lastEvent);
  const from = Math.min(fromRevision ?? currentRevision, currentRevision);
  if (maxCount === 0 || from < 0) return { events: [], streamExists: true, currentRevision };
  if (from === currentRevision && maxCount === 1) return { events: [decodeRecordedEvent(lastEvent)], streamExists: true, currentRevision };
  const page = await readRaw(client, stream, BigInt(from), true, maxCount);
  if (page === undefined) return NOT_FOUND;
  return { events: page.map(decodeRecordedEvent), streamExists: true, currentRevision };
}

/** The last event of `stream` (a backwards read of one from END), or undefined when there is none. */
export async function readLastEvent(client: EventStoreDBClient, stream: string): Promise<ResolvedEvent | undefined> {
  const page = await readRaw(client, stream, END, true, 1);
  return page?.[0];
}

/** The revision of a stream whose last event is `lastEvent`; -1 when there is none. */
export function revisionOf(lastEvent: ResolvedEvent | undefined): number {
  return lastEvent?.event === undefined ? -1 : Number(lastEvent.event.revision);
}

function resultWithoutEvents(lastEvent: ResolvedEvent | undefined): ReadStreamResult {
  return lastEvent === undefined ? NOT_FOUND : { events: [], streamExists: true, currentRevision: revisionOf(lastEvent) };
}

/** One read of `stream` into memory; undefined when the server answers StreamNotFound. */
async function readRaw(
  client: EventStoreDBClient,
  stream: string,
  fromRevision: ReadRevision,
  backwards: boolean,
  maxCount: number,
): Promise<ResolvedEvent[] | undefined> {
  const events: ResolvedEvent[] = [];
  try {
    const read = client.readStream(stream, {
      fromRevision,
      direction: backwards ? BACKWARDS : FORWARDS,
      resolveLinkTos: false,
      ...(Number.isSafeInteger(maxCount) ? { maxCount } : {}),
    });
    for await (const resolved of read) events.push(resolved);
    return events;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw translateEsdbError(error, { stream });
  }
}
