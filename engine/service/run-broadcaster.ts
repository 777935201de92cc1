import { AsyncQueue } from "../runtime/async-queue.js";
import type { RunSink, SinkMode, StreamMode } from "../runtime/run-sink.js";

/** One chunk of a run's stream, in the LangGraph SDK's shape: `{ event, data }`. */
export interface RunChunk {
  readonly event: "metadata" | SinkMode | "error";
  readonly data: unknown;
  /** Set on a chunk from inside a subgraph (only with `subgraphs`): LangGraph's namespace, `["<node>:<task id>", ...]`. */
  readonly namespace?: readonly string[];
}

/** What a run's broadcaster reports beside the modes every run reports. */
export interface BroadcastOptions {
  /** `debug` chunks (made only when asked: they carry every checkpoint). */
  readonly debug?: boolean;
  /** `messages` chunks: tokens of the chat models nodes call (needs LangChain callbacks). */
  readonly messages?: boolean;
  /** Chunks from inside subgraphs, each naming its namespace. */
  readonly subgraphs?: boolean;
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
  /** Whether the run streams chat model tokens (`messages`). */
  readonly streamsMessages: boolean;
  /** Whether the run streams its subgraphs' chunks (see {@link at}). */
  readonly streamsSubgraphs: boolean;
  #finished = false;
  #resolveDone!: () => void;
  /** Settles when the run ends, however it ends. */
  readonly done: Promise<void> = new Promise((resolve) => (this.#resolveDone = resolve));

  constructor(runId: string, options: boolean | BroadcastOptions = false) {
    const { debug = false, messages = false, subgraphs = false } = typeof options === "boolean" ? { debug: options } : options;
    this.#debug = debug;
    this.streamsMessages = messages;
    this.streamsSubgraphs = subgraphs;
    this.#chunks.push({ event: "metadata", data: { run_id: runId, attempt: 1 } });
  }

  wants(mode: SinkMode): boolean {
    return mode !== "debug" || this.#debug;
  }

  emit(mode: SinkMode, data: unknown): void {
    this.#push({ event: mode, data });
  }

  /** Where a subgraph at `namespace` reports: its chunks name the namespace. */
  at(namespace: readonly string[]): RunSink {
    return {
      wants: (mode) => this.wants(mode),
      emit: (mode, data) => this.#push(namespace.length > 0 ? { event: mode, data, namespace } : { event: mode, data }),
    };
  }

  /** Ends every stream; with an error, after an `error` chunk. */
  finish(error?: unknown): void {
    if (this.#finished) return;
    if (error !== undefined) {
      this.#push({
        event: "error",
        data: { error: error instanceof Error ? error.name : "Error", message: error instanceof Error ? error.message : String(error) },
      });
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
