import { expect } from "vitest";
import type { EventStore, ExpectedRevision, NewEvent, RecordedEvent } from "../event-store.js";
import { ExpectedRevisionConflictError } from "../store-errors.js";

/** `count` events of type "Numbered" whose data is `{ n }`, n counting up from `from`. */
export function numberedEvents(count: number, from = 0): NewEvent[] {
  return Array.from({ length: count }, (_, index) => ({ type: "Numbered", data: { n: from + index } }));
}

/** Appends `count` numbered events to a new stream and returns the stream's revision (count - 1). */
export async function seedStream(store: EventStore, stream: string, count: number): Promise<number> {
  const result = await store.appendToStream(stream, numberedEvents(count), { expectedRevision: "no_stream" });
  expect(result.nextExpectedRevision).toBe(count - 1);
  return result.nextExpectedRevision;
}

/** The revisions of `events`, in the order given. */
export function revisionsOf(events: readonly RecordedEvent[]): number[] {
  return events.map((event) => event.revision);
}

/** Asserts that `attempt` rejects with an {@link ExpectedRevisionConflictError} with these fields. */
export async function expectRevisionConflict(
  attempt: Promise<unknown>,
  expected: { stream: string; expectedRevision: ExpectedRevision; actualRevision: number },
): Promise<ExpectedRevisionConflictError> {
  const error: unknown = await attempt.then(
    (result) => {
      throw new Error(`expected an ExpectedRevisionConflictError, but the append succeeded: ${JSON.stringify(result)}`);
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ExpectedRevisionConflictError);
  const conflict = error as ExpectedRevisionConflictError;
  expect({
    stream: conflict.stream,
    expectedRevision: conflict.expectedRevision,
    actualRevision: conflict.actualRevision,
  }).toEqual(expected);
  return conflict;
}

/** Asserts the stream holds exactly revisions 0..count-1, in order, with distinct ids. */
export async function expectContiguousStream(store: EventStore, stream: string, count: number): Promise<RecordedEvent[]> {
  const { events, currentRevision } = await store.readStream(stream);
  expect(revisionsOf(events)).toEqual(Array.from({ length: count }, (_, index) => index));
  expect(currentRevision).toBe(count - 1);
  expect(new Set(events.map((event) => event.id)).size).toBe(count);
  return [...events];
}

/** The shape of a UUID (any version), as EventStoreDB requires event ids to be. */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
