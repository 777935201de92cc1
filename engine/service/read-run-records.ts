import type { EventStore } from "../../store/event-store.js";
import { streamNameOf } from "../thread/ids.js";
import { foldRunRecords, type RunRecord } from "../thread/run-records.js";
import { upcastThreadEvent } from "../thread/upcast-thread-event.js";

const pageSize = 1000;

/**
 * Reads a thread's stream and folds the records of its runs, in creation order.
 *
 * WARNING: this reads the whole stream on every call (fine for audits and tests; a thread with a
 * long history wants a run index, which issue 7's snapshots will bring).
 */
export async function readRunRecords(store: EventStore, threadId: string): Promise<Map<string, RunRecord>> {
  const records = new Map<string, RunRecord>();
  for (let from = 0; ; from += pageSize) {
    const { events } = await store.readStream(streamNameOf(threadId), { fromRevision: from, maxCount: pageSize });
    for (const recorded of events) {
      const at = typeof recorded.metadata["at"] === "number" ? (recorded.metadata["at"] as number) : recorded.recordedAt.getTime();
      foldRunRecords(records, upcastThreadEvent(recorded), at);
    }
    if (events.length < pageSize) return records;
  }
}
