import type { EventStore } from "../../store/event-store.js";
import { streamNameOf } from "../thread/ids.js";
import { foldRunRecords, type RunRecord } from "../thread/run-records.js";
import { upcastThreadEvent } from "../thread/upcast-thread-event.js";

const pageSize = 1000;
const cachedThreads = 1000;

/** A thread's run records folded up to (not including) revision `next`. */
interface Folded {
  readonly next: number;
  readonly records: ReadonlyMap<string, RunRecord>;
}

// Per store, the last fold of recently read threads: streams are append-only, so a later read
// folds only the events appended since.
const folds = new WeakMap<EventStore, Map<string, Folded>>();

/**
 * Reads a thread's stream and folds the records of its runs, in creation order. The fold of the
 * threads read last is kept per store, so a read reads only the events appended since the
 * previous one (by any process: the stream is the truth, the fold a prefix of it).
 *
 * CONCURRENCY: each call folds into its own copy and keeps it only if it got further than the
 * kept one, so concurrent reads never move a thread's records back.
 */
export async function readRunRecords(store: EventStore, threadId: string): Promise<Map<string, RunRecord>> {
  let kept = folds.get(store);
  if (!kept) folds.set(store, (kept = new Map()));
  const previous = kept.get(threadId);
  const records = new Map(previous?.records);
  let from = previous?.next ?? 0;
  for (;;) {
    const { events } = await store.readStream(streamNameOf(threadId), { fromRevision: from, maxCount: pageSize });
    for (const recorded of events) {
      const at = typeof recorded.metadata["at"] === "number" ? (recorded.metadata["at"] as number) : recorded.recordedAt.getTime();
      foldRunRecords(records, upcastThreadEvent(recorded), at);
      from = recorded.revision + 1;
    }
    if (events.length < pageSize) break;
  }
  const latest = kept.get(threadId);
  if (!latest || latest.next < from) {
    kept.delete(threadId);
    kept.set(threadId, { next: from, records: new Map(records) });
    for (const [id] of kept) {
      if (kept.size <= cachedThreads) break;
      kept.delete(id);
    }
  }
  return records;
}
