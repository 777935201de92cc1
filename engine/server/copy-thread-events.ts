import type { EventStore } from "../../store/event-store.js";
import { ThreadHiddenError } from "../errors/resource-errors.js";
import { streamNameOf } from "../thread/ids.js";

/**
 * Copies a thread's history into a new thread (`POST /threads/{id}/copy`): every event of its
 * stream, in one append, with the new id and metadata in `ThreadCreated`. The copy has the same
 * checkpoints (so the same state, history and pending interrupts) and, as its history holds them,
 * the same past runs (the caller hides them, as the Agent Server's copy has none).
 */
export async function copyThreadEvents(
  store: EventStore,
  fromThreadId: string,
  toThreadId: string,
  metadata: Readonly<Record<string, unknown>>,
): Promise<void> {
  const { events } = await store.readStream(streamNameOf(fromThreadId));
  if (events.length === 0) throw new ThreadHiddenError(fromThreadId);
  await store.appendToStream(
    streamNameOf(toThreadId),
    events.map((event) => ({
      type: event.type,
      data: event.type === "ThreadCreated" ? { ...(event.data as object), threadId: toThreadId, metadata } : event.data,
      metadata: event.metadata,
    })),
    { expectedRevision: "no_stream" },
  );
}
