import type { EventStore } from "../../store/event-store.js";
import { runStreamNameOf, storedEndType, storedFrameType } from "./run-stream-log.js";
import type { SseFrame } from "./sse-frame.js";

/** Options of {@link readStoredFrames}. */
export interface StoredFramesOptions {
  /** Whether the run has ended (its recorded status); asked only while no new frame arrives. */
  readonly hasEnded: () => Promise<boolean>;
  readonly signal: AbortSignal;
  /** Between two reads of the store while the run goes on. Default 20 ms. */
  readonly pollMs?: number;
  /**
   * How long to wait for the end marker once the run's status says it ended (its writer may still
   * be appending the last frames). After that, a writer that died is assumed. Default 2 s.
   */
  readonly endGraceMs?: number;
}

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });

/**
 * A run's frames with ids above `afterId`, read from the store (where a `stream_resumable` run's
 * frames are kept, whichever process ran it), following the stream until its end marker, so a
 * join from any process that shares the store misses nothing and repeats nothing. A run whose
 * frames were not stored (not resumable) yields nothing and ends when the run does.
 */
export async function* readStoredFrames(store: EventStore, runId: string, afterId: number, options: StoredFramesOptions): AsyncGenerator<SseFrame> {
  let next = afterId + 1;
  let endedAt: number | undefined;
  let idleReads = 0;
  while (!options.signal.aborted) {
    const { events, streamExists } = await store.readStream(runStreamNameOf(runId), { fromRevision: next });
    for (const event of events) {
      if (event.type === storedEndType) return;
      if (event.type !== storedFrameType) continue;
      const { event: name, json } = event.data as { event: string; json: string };
      yield { id: event.revision, event: name, json };
      next = event.revision + 1;
    }
    if (events.length > 0) {
      idleReads = 0;
      continue;
    }
    // The run's status costs a thread read: asked on the first idle read and every 10th after.
    if (endedAt === undefined && idleReads++ % 10 === 0 && (await options.hasEnded())) endedAt = Date.now();
    // Nothing stored by an ended run: it was not resumable (or its writer died before its first frame).
    if (endedAt !== undefined && (!streamExists || Date.now() - endedAt > (options.endGraceMs ?? 2000))) return;
    await pause(options.pollMs ?? 20, options.signal);
  }
}
