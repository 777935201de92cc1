import { streamNameOf } from "../thread/ids.js";

/**
 * The stream that holds a thread's snapshots, beside the thread's own stream: `snapshot-thread-<id>`.
 * Its name does not start with `thread-`, so listing threads never shows it.
 */
export function snapshotStreamOf(threadId: string): string {
  return `snapshot-${streamNameOf(threadId)}`;
}

/** The type of the events in a snapshot stream. */
export const snapshotEventType = "SnapshotTaken";
