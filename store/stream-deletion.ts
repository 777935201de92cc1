import type { EventStore } from "./event-store.js";

/**
 * An optional capability of an {@link EventStore}: removing a whole stream. The engine never
 * deletes a thread's events; it uses this only for streams that are caches by nature, such as a
 * run's chunk stream (the chunks a worker published for joiners in other processes), so they do
 * not grow the store forever.
 *
 * WARNING: a deleted stream's revisions start again at 0 when it is written again, so only delete
 * streams no writer appends to at an exact revision.
 */
export interface StreamDeletion {
  /** Removes every event of `stream`; nothing happens when it does not exist. */
  deleteStream(stream: string): Promise<void>;
}

/** Whether `store` can delete streams. */
export function isStreamDeletion(store: EventStore): store is EventStore & StreamDeletion {
  return typeof (store as Partial<StreamDeletion>).deleteStream === "function";
}
