import { AsyncQueue } from "../runtime/async-queue.js";
import type { RunSink, StreamMode } from "../runtime/run-sink.js";

/** One chunk of a run's stream, in the LangGraph SDK's shape: `{ event, data }`. */
export interface RunChunk {
  readonly event: "metadata" | StreamMode | "error";
  readonly data: unknown;
}

/**
 * Keeps every chunk a run reports and hands them to any number of joiners: each receives every
 * chunk from the start (the `metadata` chunk first), then live ones, then the end. A failed run
 * ends its streams with an `error` chunk.
 */
export class RunBroadcaster implements RunSink {
  readonly #chunks: RunChunk[] = [];
  readonly #listeners = new Set<{ modes: readonly string[]; queue: AsyncQueue<RunChunk> }>();
  readonly #debug: boolean;
  #finished = false;
  #resolveDone!: () => void;
  /** Settles when the run ends, however it ends. */
  readonly done: Promise<void> = new Promise((resolve) => (this.#resolveDone = resolve));

  constructor(runId: string, debug = false) {
    this.#debug = debug;
    this.#chunks.push({ event: "metadata", data: { run_id: runId, attempt: 1 } });
  }

  wants(mode: StreamMode): boolean {
    return mode !== "debug" || this.#debug;
  }

  emit(mode: StreamMode, data: unknown): void {
    this.#push({ event: mode, data });
  }

  /** Ends every stream; with an error, after an `error` chunk. */
  finish(error?: unknown): void {
    if (this.#finished) return;
    if (error !== undefined) {
      this.#push({ event: "error", data: { error: error instanceof Error ? error.name : "Error", message: error instanceof Error ? error.message : String(error) } });
    }
    this.#finished = true;
    for (const listener of this.#listeners) listener.queue.close();
    this.#listeners.clear();
    this.#resolveDone();
  }

  /** The run's chunks of these modes (metadata and errors always), from the first. */
  subscribe(modes: readonly StreamMode[]): AsyncIterableIterator<RunChunk> {
    const listener = { modes: ["metadata", "error", ...modes], queue: new AsyncQueue<RunChunk>() };
    for (const chunk of this.#chunks) if (listener.modes.includes(chunk.event)) listener.queue.push(chunk);
    if (this.#finished) listener.queue.close();
    else this.#listeners.add(listener);
    return listener.queue;
  }

  #push(chunk: RunChunk): void {
    if (this.#finished) return;
    this.#chunks.push(chunk);
    for (const listener of this.#listeners) if (listener.modes.includes(chunk.event)) listener.queue.push(chunk);
  }
}
