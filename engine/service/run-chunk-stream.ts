import type { EventStore } from "../../store/event-store.js";
import { isStreamDeletion } from "../../store/stream-deletion.js";
import type { RunSink, SinkMode, StreamMode } from "../runtime/run-sink.js";
import type { RunChunk } from "./run-broadcaster.js";

/** The store stream that carries a run's chunks to other processes. */
export function chunkStreamOf(runId: string): string {
  return `chunks-${runId}`;
}

const flushMs = 20;

/**
 * Publishes the chunks of a run executing in this process to its chunk stream in the store, in
 * batches (one append per `flushMs` at most), so a client joined through another process (the
 * front end) gets every chunk, `custom`, `messages` and subgraph ones included. {@link finish}
 * appends the end marker.
 *
 * Chunk streams are a cache, not history: workers delete them a while after their run ended (see
 * {@link deleteEndedChunkStreams}). `debug` chunks are not published.
 */
export class RunChunkPublisher implements RunSink {
  #pending: RunChunk[] = [];
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();
  #begun = false;

  constructor(
    private readonly store: EventStore,
    private readonly runId: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  wants(mode: SinkMode): boolean {
    return mode !== "debug";
  }

  emit(mode: SinkMode, data: unknown): void {
    if (mode !== "debug") this.#push({ event: mode, data });
  }

  /** Where a subgraph at `namespace` reports: its chunks name the namespace (as the broadcaster's, see RunBroadcaster.at). */
  at(namespace: readonly string[]): RunSink {
    return {
      wants: (mode) => this.wants(mode),
      emit: (mode, data) => {
        if (mode !== "debug") this.#push(namespace.length > 0 ? { event: mode, data, namespace } : { event: mode, data });
      },
    };
  }

  /**
   * Appends what is left and the end marker (after an `error` chunk when the run failed); resolves
   * when stored. A run that did not start here (another process took it) publishes nothing.
   */
  finish(started: boolean, error?: unknown): Promise<void> {
    if (!started && !this.#begun) return this.#writing;
    this.#begin();
    if (error !== undefined)
      this.#pending.push({
        event: "error",
        data: { error: error instanceof Error ? error.name : "Error", message: error instanceof Error ? error.message : String(error) },
      });
    this.#pending.push({ event: "end" as RunChunk["event"], data: null });
    clearTimeout(this.#timer);
    return this.#flush();
  }

  /** The metadata chunk goes first, once the run reports anything (so only once it started here). */
  #begin(): void {
    if (this.#begun) return;
    this.#begun = true;
    this.#pending.unshift({ event: "metadata", data: { run_id: this.runId, attempt: 1 } });
  }

  #push(chunk: RunChunk): void {
    this.#begin();
    this.#pending.push(chunk);
    this.#timer ??= setTimeout(() => void this.#flush(), flushMs);
  }

  #flush(): Promise<void> {
    this.#timer = undefined;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return this.#writing;
    this.#writing = this.#writing.then(() =>
      this.store
        .appendToStream(
          chunkStreamOf(this.runId),
          batch.map((chunk) => ({ type: "RunChunk", data: chunk })),
          { expectedRevision: "any" },
        )
        .then(() => undefined, this.onError),
    );
    return this.#writing;
  }
}

/** How long a reader waits for the end marker after the run's status says it ended (its last batch may still be on the way). */
const endGraceMs = 1_000;
const pollMs = 50;

/**
 * Reads a run's chunks from its chunk stream, whichever process executes it: from the first (or
 * after `afterChunk`, for a client resuming with Last-Event-ID), live until the end marker. A run
 * that ended without one (cancelled while queued, or its last worker died after its end was
 * recorded) ends the stream a moment after `hasEnded` says so. Only the first `metadata` chunk is
 * given (a run taken over by another worker publishes a second one).
 */
export async function* readRunChunks(
  store: EventStore,
  runId: string,
  modes: readonly StreamMode[],
  hasEnded: () => Promise<boolean>,
  afterChunk = -1,
): AsyncGenerator<RunChunk> {
  const wanted = new Set<string>(["metadata", "error", ...modes]);
  let next = afterChunk + 1;
  let metadataSeen = false;
  let endedAt: number | undefined;
  for (;;) {
    const { events } = await store.readStream(chunkStreamOf(runId), { fromRevision: next });
    for (const event of events) {
      next = event.revision + 1;
      const chunk = event.data as RunChunk;
      if ((chunk.event as string) === "end") return;
      if (chunk.event === "metadata") {
        if (metadataSeen || event.revision <= afterChunk) continue;
        metadataSeen = true;
      }
      if (wanted.has(chunk.event)) yield chunk;
    }
    if (events.length === 0) {
      if (endedAt === undefined && (await hasEnded())) endedAt = Date.now();
      if (endedAt !== undefined && Date.now() - endedAt > endGraceMs) return;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}

/** How long a run's chunk stream is kept after its end marker, by default (ms): joins that come later get no chunks. */
export const defaultChunkRetentionMs = 10 * 60_000;

/**
 * Deletes the chunk streams of runs that ended more than `retentionMs` ago (their end marker is
 * older), and those without an end marker whose last chunk is older than ten times that (a worker
 * died and the run was ended by another process, which publishes no marker for it). Every worker's
 * sweep calls it; two workers deleting one stream is harmless. On a store that cannot delete
 * streams (see StreamDeletion) chunk streams stay; returns how many were deleted.
 */
export async function deleteEndedChunkStreams(store: EventStore, retentionMs: number, now = Date.now()): Promise<number> {
  if (!isStreamDeletion(store)) return 0;
  const names: string[] = [];
  for (let after: string | undefined; ;) {
    const { streams } = await store.listStreams({ prefix: "chunks-", maxCount: 500, ...(after !== undefined ? { after } : {}) });
    names.push(...streams);
    if (streams.length < 500) break;
    after = streams.at(-1);
  }
  let deleted = 0;
  for (const name of names) {
    const last = (await store.readStream(name, { direction: "backwards", maxCount: 1 })).events[0];
    if (!last) continue;
    const ended = (last.data as RunChunk).event === ("end" as RunChunk["event"]);
    if (now - last.recordedAt.getTime() > (ended ? retentionMs : 10 * retentionMs)) {
      await store.deleteStream(name);
      deleted++;
    }
  }
  return deleted;
}
