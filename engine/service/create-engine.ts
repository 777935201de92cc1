import type { EventStore } from "../../store/event-store.js";
import type { CommandParams } from "../graph/command.js";
import type { StreamMode } from "../runtime/run-sink.js";
import type { MultitaskStrategy } from "../thread/events.js";
import { createEngineCore } from "./engine-core.js";
import { createEngineRuns, type EngineRuns } from "./engine-runs.js";
import { createEngineThreads, type EngineThreads } from "./engine-threads.js";
import type { WorkerOptions } from "./run-worker.js";
import type { Durability } from "../runtime/durability.js";

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /** Where every thread of every graph lives. */
  readonly store: EventStore;
  /** The graphs runs may use, by graph id (LangGraph's assistant id). */
  readonly graphs: Readonly<Record<string, object>>;
  /** How long a run's lease lasts before another process may treat it as dead (ms). Default 30 s. */
  readonly leaseMs?: number;
  /** What happens to a run whose process died: it ends as `error` (default) or is re-queued. */
  readonly crashedRuns?: "error" | "requeue";
  /**
   * Execute runs as a worker among many processes on one store: queued runs of any process are
   * found through the store (see {@link RunWorker}) and at most `concurrency` threads run here at
   * once; `concurrency: 0` makes a front end that queues runs and executes none. Absent: runs
   * execute in the process that creates them (or next touches their thread), as with one process.
   */
  readonly worker?: WorkerOptions;
  /** Where a worker reports errors it cannot hand to a caller (a lost store connection). Default: ignored. */
  readonly onWorkerError?: (error: unknown) => void;
}

/** What `runs.create` takes (the LangGraph SDK's run payload). */
export interface RunCreateOptions {
  readonly input?: Record<string, unknown> | null;
  readonly command?: CommandParams;
  /** What to do when the thread already has a run. Default "enqueue". */
  readonly multitaskStrategy?: MultitaskStrategy;
  readonly interruptBefore?: readonly string[] | "*";
  readonly interruptAfter?: readonly string[] | "*";
  readonly config?: { readonly recursionLimit?: number; readonly configurable?: Readonly<Record<string, unknown>> };
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** "create" makes the thread when it does not exist; default "reject". */
  readonly ifNotExists?: "create" | "reject";
  /** The longest the run may execute (ms); it then ends with status `timeout`, keeping its committed steps. */
  readonly timeoutMs?: number;
  /** For runs.stream: the modes to stream. Default ["values"]. */
  readonly streamMode?: StreamMode | readonly StreamMode[];
  /** For runs.stream: also stream the chunks of subgraphs, each naming its `namespace` (LangGraph's `subgraphs: true`). */
  readonly streamSubgraphs?: boolean;
  /**
   * When the run's steps are appended (LangGraph's `durability`): `"sync"`, `"async"` or `"exit"`.
   * Recorded with the run, so the worker that executes it honours it. Default: the graph's
   * `compile({ durability })`, else `"sync"`.
   */
  readonly durability?: Durability;
}

/**
 * The service-facing engine, shaped like the LangGraph SDK client: threads and runs, double
 * texting by multitask strategy, joins, cancels, streams. Every thread is an event stream in
 * `store`; runs are queued, executed one at a time per thread, and hold a lease while they run.
 *
 * @example
 * const engine = createEngine({ store: new SqliteEventStore("./threads.db"), graphs: { agent: graph } });
 * const thread = await engine.threads.create();
 * const first = await engine.runs.create(thread.thread_id, "agent", { input: { messages: ["sf?"] } });
 * const second = await engine.runs.create(thread.thread_id, "agent", { input: { messages: ["nyc?"] }, multitaskStrategy: "interrupt" });
 * await engine.runs.join(thread.thread_id, second.run_id);
 * (await engine.runs.get(thread.thread_id, first.run_id)).status; // "interrupted"
 */
export function createEngine(options: EngineOptions): Engine {
  const core = createEngineCore(options);
  return {
    threads: createEngineThreads(core),
    runs: createEngineRuns(core),
    async close() {
      await core.started?.catch(() => undefined);
      await core.worker?.stop();
    },
  };
}

/** The engine made by {@link createEngine}: threads and runs, as the LangGraph SDK client has them. */
export interface Engine {
  readonly threads: EngineThreads;
  readonly runs: EngineRuns;
  /**
   * Stops this engine's worker, if it has one: it takes no new runs and resolves when the runs
   * it executes have ended. The store is the caller's to close.
   */
  close(): Promise<void>;
}
