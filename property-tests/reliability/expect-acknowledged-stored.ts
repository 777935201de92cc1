import { expect } from "vitest";
import type { EventStore } from "replaygraph";
import type { AcknowledgedAppend } from "../../store/testing/recording-event-store.js";

/** Every acknowledged append is in its stream at the revisions it was acknowledged at, with its event ids: no acknowledged write was lost. */
export async function expectAcknowledgedStored(store: EventStore, acks: readonly AcknowledgedAppend[]): Promise<void> {
  for (const ack of acks) {
    const { events } = await store.readStream(ack.stream, { fromRevision: ack.firstRevision, maxCount: ack.events.length });
    expect(
      events.map((event) => [event.revision, event.id, event.type]),
      `acknowledged append to ${ack.stream} at ${ack.firstRevision}`,
    ).toEqual(ack.events.map((event, index) => [ack.firstRevision + index, event.id, event.type]));
  }
}
