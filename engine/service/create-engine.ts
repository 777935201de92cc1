import type { EventStore } from "../../store/event-store.js";
import { ThreadNotFoundError, UnknownCheckpointError } from "../errors/resume-errors.js";
import { RunNotFoundError, UnknownGraphError } from "../errors/service-errors.js";
import { Command, type CommandParams } from "../graph/command.js";
import type { StreamMode } from "../runtime/run-sink.js";
import { graphRuntimeOf, type GraphRuntime } from "../runtime/graph-runtime.js";
import { durabilityOf, type Durability } from "../runtime/durability.js";
import { invokeOutputOf } from "../runtime/invoke-output.js";
import { parseRunInput } from "../runtime/parse-run-input.js";
import { recursionLimitOf, assertValidThreadId } from "../runtime/run-config.js";
import type { ThreadActor } from "../runtime/thread-actor.js";
import { historyOf } from "../runtime/thread-history.js";
import { updateThreadState } from "../runtime/update-thread-state.js";
import { decide, type ThreadCommand } from "../thread/decide.js";
import type { MultitaskStrategy } from "../thread/events.js";
import { streamNameOf } from "../thread/ids.js";
import { snapshotOf, type CheckpointConfig, type StateSnapshot } from "../thread/state-snapshot.js";
import type { RunChunk } from "./run-broadcaster.js";
import { readRunRecords } from "./read-run-records.js";
import { RunSupervisor } from "./run-supervisor.js";
import { RunWorker, type WorkerOptions } from "./run-worker.js";
import { engineThreadWork } from "./engine-thread-work.js";
import { isStreamWatch } from "../../store/stream-watch.js";
import { defaultChunkRetentionMs, deleteEndedChunkStreams, readRunChunks, RunChunkPublisher } from "./run-chunk-stream.js";
import { runViewOf, threadViewOf, type RunView, type ThreadView } from "./engine-views.js";

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
  /**
   * When the run's steps are appended (LangGraph's `durability`): `"sync"`, `"async"` or `"exit"`.
   * Recorded with the run, so the worker that executes it honours it. Default: the graph's
   * `compile({ durability })`, else `"sync"`.
   */
  readonly durability?: Durability;
  /** For runs.stream: also stream the chunks of subgraphs, each naming its `namespace` (LangGraph's `subgraphs: true`). */
  readonly streamSubgraphs?: boolean;
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
export function createEngine(options: EngineOptions) {
  const { store } = options;
  const graphIds = Object.keys(options.graphs);
  const runtimes = new Map<string, GraphRuntime>(graphIds.map((id) => [id, graphRuntimeOf(options.graphs[id]!)]));
  // With workers, a run's chunks reach its joiners in any process through the store.
  const supervisor = new RunSupervisor(
    options.leaseMs ?? 30_000,
    options.worker ? (runId) => new RunChunkPublisher(store, runId, options.onWorkerError ?? (() => undefined)) : undefined,
  );
  const threadGraphs = new Map<string, string>();

  const runtimeOf = (graphId: string): GraphRuntime => {
    const runtime = runtimes.get(graphId);
    if (!runtime) throw new UnknownGraphError(graphId, graphIds);
    return runtime;
  };
  const graphOfThread = async (threadId: string): Promise<string> => {
    const known = threadGraphs.get(threadId);
    if (known) return known;
    const { events } = await store.readStream(streamNameOf(threadId), { maxCount: 1 });
    const named = (events[0]?.data as { graph?: string } | undefined)?.graph;
    const graphId = named && runtimes.has(named) ? named : graphIds.length === 1 ? graphIds[0]! : undefined;
    if (!graphId) throw events.length === 0 ? new ThreadNotFoundError(threadId) : new UnknownGraphError(named ?? "", graphIds);
    threadGraphs.set(threadId, graphId);
    return graphId;
  };
  const actorOf = async (threadId: string, graphId?: string): Promise<{ actor: ThreadActor; runtime: GraphRuntime; graphId: string }> => {
    assertValidThreadId(threadId);
    const id = graphId ?? (await graphOfThread(threadId));
    const runtime = runtimeOf(id);
    const actor = runtime.registry.actorFor(store, threadId);
    if (!actor.busy) await actor.catchUp();
    if (supervisor.activeRunOn(threadId) === undefined) await recover(actor, runtime);
    return { actor, runtime, graphId: id };
  };
  // Control decisions (queue, cancel, recover, create) never wait for a running run: they append
  // optimistically, and a running run re-decides around them.
  const recover = (actor: ThreadActor, runtime: GraphRuntime) => commit(actor, runtime, { type: "RecoverRun", policy: options.crashedRuns ?? "error", at: runtime.now() });
  const worker = options.worker
    ? new RunWorker(
        store,
        {
          ...engineThreadWork({
            supervisor,
            recover,
            actorOf: async (threadId) => {
              const graphId = await graphOfThread(threadId).catch(() => undefined);
              if (graphId === undefined) return undefined;
              const runtime = runtimeOf(graphId);
              return { actor: runtime.registry.actorFor(store, threadId), runtime };
            },
          }),
          tidy: async () => void (await deleteEndedChunkStreams(store, options.worker?.chunkRetentionMs ?? defaultChunkRetentionMs)),
        },
        options.worker,
        options.onWorkerError,
      )
    : undefined;
  const started = worker?.start().catch(options.onWorkerError ?? (() => undefined));
  // With a worker, runs execute where the worker claims them (here or in another process);
  // other processes' workers hear of the change through the store.
  const dispatch = (threadId: string, runtime: GraphRuntime, actor: ThreadActor): void => {
    if (!worker) {
      void supervisor.dispatch(threadId, runtime, actor).catch(() => undefined);
      return;
    }
    worker.poke(threadId);
    if (isStreamWatch(store)) void store.signalStreams([streamNameOf(threadId)]).catch(options.onWorkerError ?? (() => undefined));
  };
  const commit = (actor: ThreadActor, runtime: GraphRuntime, command: ThreadCommand): Promise<void> =>
    actor.commitOptimistically((state) => decide(runtime.spec, state, { ...command, at: runtime.now() } as ThreadCommand), runtime.now);
  const threadView = async (threadId: string): Promise<ThreadView> => {
    const { actor, runtime } = await actorOf(threadId);
    return threadViewOf(runtime.spec, actor.state);
  };
  const runView = async (threadId: string, runId: string): Promise<RunView> => {
    // Loading the thread first recognises a run whose process died (its lease expired).
    const { graphId } = await actorOf(threadId);
    const record = (await readRunRecords(store, threadId)).get(runId);
    if (!record) throw new RunNotFoundError(threadId, runId);
    return runViewOf(record, threadId, graphId);
  };
  // The recorded status decides when a run has ended: a run cancelled while queued never starts,
  // and one run by another process has no broadcaster here. Its streams are closed then.
  const waitForEnd = async (threadId: string, runId: string): Promise<void> => {
    for (;;) {
      const status = (await runView(threadId, runId)).status;
      const broadcaster = supervisor.existingBroadcaster(runId);
      if (status !== "pending" && status !== "running") {
        broadcaster?.finish();
        return;
      }
      // With a worker, the run is some worker's to start (this process's joins only read).
      if (!worker) {
        const { actor, runtime } = await actorOf(threadId);
        dispatch(threadId, runtime, actor);
      }
      await Promise.race([broadcaster?.done, new Promise((resolve) => setTimeout(resolve, worker ? 100 : 25))]);
    }
  };

  const threads = {
    /** Creates an empty thread (a random id unless one is given). */
    async create(params: { threadId?: string; metadata?: Record<string, unknown>; ifExists?: "raise" | "do_nothing"; graphId?: string } = {}): Promise<ThreadView> {
      const threadId = params.threadId ?? crypto.randomUUID();
      const graphId = params.graphId ?? graphIds[0]!;
      threadGraphs.set(threadId, graphId);
      const { actor, runtime } = await actorOf(threadId, graphId);
      if (actor.state.revision !== -1 && params.ifExists === "do_nothing") return threadViewOf(runtime.spec, actor.state);
      await commit(actor, runtime, { type: "CreateThread", graphName: graphId, metadata: params.metadata ?? {}, at: 0 });
      return threadViewOf(runtime.spec, actor.state);
    },
    get: threadView,
    /** The thread's current state, or its state at a checkpoint. */
    async getState(threadId: string, checkpointId?: string): Promise<StateSnapshot> {
      const { actor, runtime } = await actorOf(threadId);
      if (checkpointId === undefined) return snapshotOf(runtime.spec, actor.state, true);
      const found = (await historyOf(runtime.spec, store, threadId)).find((s) => s.config.configurable.checkpoint_id === checkpointId);
      if (!found) throw new UnknownCheckpointError(checkpointId, threadId);
      return found;
    },
    /** Every checkpoint of the thread, newest first. */
    async getHistory(threadId: string, params: { limit?: number } = {}): Promise<StateSnapshot[]> {
      const { runtime } = await actorOf(threadId);
      const all = await historyOf(runtime.spec, store, threadId);
      return all.slice(0, params.limit ?? all.length);
    },
    async updateState(threadId: string, params: { values: Record<string, unknown> | null; asNode?: string; checkpointId?: string }): Promise<CheckpointConfig> {
      const { actor, runtime } = await actorOf(threadId);
      return updateThreadState(actor, {
        writes: params.values ?? {},
        ...(params.asNode !== undefined ? { asNode: params.asNode } : {}),
        checkpointId: params.checkpointId,
        config: {},
        now: runtime.now,
      });
    },
    /** Threads in creation order (subgraph threads excluded), optionally by status. */
    async list(params: { limit?: number; offset?: number; status?: ThreadView["status"] } = {}): Promise<ThreadView[]> {
      const { streams } = await store.listStreams({ prefix: "thread-" });
      const ids = streams.map((stream) => stream.slice("thread-".length)).filter((id) => !id.includes("/"));
      const views = await Promise.all(ids.map((id) => threadView(id)));
      const matching = views.filter((view) => params.status === undefined || view.status === params.status);
      return matching.slice(params.offset ?? 0, (params.offset ?? 0) + (params.limit ?? matching.length));
    },
  };

  const runs = {
    /** Creates a run on a thread; it starts now or after the thread's earlier runs, per its strategy. */
    async create(threadId: string, graphId: string, params: RunCreateOptions = {}): Promise<RunView> {
      const { actor, runtime } = await actorOf(threadId, graphId);
      if (actor.state.revision === -1 && params.ifNotExists !== "create") throw new ThreadNotFoundError(threadId);
      threadGraphs.set(threadId, graphId);
      const strategy = params.multitaskStrategy ?? "enqueue";
      const durability = durabilityOf(params.durability, "runs.create()'s");
      const runId = runtime.newId();
      const input = parseRunInput(runtime.spec, params.command ? new Command(params.command) : (params.input ?? null), runId);
      const modes = typeof params.streamMode === "string" ? [params.streamMode] : (params.streamMode ?? []);
      supervisor.broadcasterFor(runId, { debug: modes.includes("debug"), messages: modes.includes("messages"), subgraphs: params.streamSubgraphs === true });
      if (strategy === "interrupt" || strategy === "rollback") {
        supervisor.cancelLocal(threadId, undefined, { action: strategy, reason: `double text: run ${runId} was created with multitaskStrategy "${strategy}"` });
      }
      await commit(actor, runtime, {
        type: "QueueRun",
        runId,
        graphName: graphId,
        input,
        options: {
          recursionLimit: recursionLimitOf(params.config),
          interruptBefore: params.interruptBefore ?? runtime.spec.interruptBefore,
          interruptAfter: params.interruptAfter ?? runtime.spec.interruptAfter,
          strict: runtime.spec.strict,
          ...(durability !== undefined ? { durability } : {}),
        },
        multitaskStrategy: strategy,
        metadata: { ...params.metadata, graph_id: graphId, ...(params.timeoutMs !== undefined ? { timeout_ms: params.timeoutMs } : {}) },
        ...(params.config?.configurable ? { configurable: params.config.configurable } : {}),
        at: 0,
      });
      dispatch(threadId, runtime, actor);
      return runView(threadId, runId);
    },
    /** Creates a run and waits for it: the thread's values when it ends (with `__interrupt__` when paused). */
    async wait(threadId: string, graphId: string, params: RunCreateOptions = {}): Promise<Record<string, unknown>> {
      const run = await runs.create(threadId, graphId, params);
      return runs.join(threadId, run.run_id);
    },
    /** Waits for a run to end and returns the thread's values then. */
    async join(threadId: string, runId: string): Promise<Record<string, unknown>> {
      await waitForEnd(threadId, runId);
      const { actor, runtime } = await actorOf(threadId);
      return invokeOutputOf(runtime.spec, actor.state, []);
    },
    get: runView,
    /** The thread's runs, oldest first. */
    async list(threadId: string): Promise<RunView[]> {
      const { graphId } = await actorOf(threadId);
      return [...(await readRunRecords(store, threadId)).values()].map((record) => runViewOf(record, threadId, graphId));
    },
    /**
     * Cancels a run: `interrupt` (default) keeps the steps it committed, `rollback` drops them. A
     * queued run just leaves the queue. Resolves once the cancel is recorded.
     */
    async cancel(threadId: string, runId: string, params: { action?: "interrupt" | "rollback" } = {}): Promise<void> {
      const action = params.action ?? "interrupt";
      const { actor, runtime } = await actorOf(threadId);
      if (supervisor.cancelLocal(threadId, runId, { action, reason: "cancelled by runs.cancel()" })) {
        await waitForEnd(threadId, runId);
        return;
      }
      await commit(actor, runtime, { type: "CancelRun", runId, action, reason: "cancelled by runs.cancel()", at: 0 });
      dispatch(threadId, runtime, actor);
    },
    /** Creates a run and streams its chunks: `{ event: "metadata" }` first, then the asked modes. */
    async stream(threadId: string, graphId: string, params: RunCreateOptions = {}): Promise<AsyncIterableIterator<RunChunk>> {
      const run = await runs.create(threadId, graphId, params);
      return runs.joinStream(threadId, run.run_id, params);
    },
    /**
     * Streams a run's chunks from its first one, live until it ends (every joiner gets every chunk).
     * With a worker, from the store, wherever the run executes; `afterChunk` (a chunk's index, as
     * SSE's Last-Event-ID) resumes after it.
     */
    async joinStream(threadId: string, runId: string, params: { streamMode?: StreamMode | readonly StreamMode[]; afterChunk?: number } = {}): Promise<AsyncIterableIterator<RunChunk>> {
      const modes = typeof params.streamMode === "string" ? [params.streamMode] : (params.streamMode ?? ["values"]);
      if (worker) {
        await runView(threadId, runId);
        const hasEnded = async () => !["pending", "running"].includes((await runView(threadId, runId)).status);
        return readRunChunks(store, runId, modes, hasEnded, params.afterChunk);
      }
      const broadcaster = supervisor.existingBroadcaster(runId);
      if (!broadcaster) throw new RunNotFoundError(threadId, runId, "this process holds no stream of it (it ran elsewhere or long ago); use runs.join()");
      return broadcaster.subscribe(modes);
    },
  };

  return {
    threads,
    runs,
    /**
     * Stops this engine's worker, if it has one: it takes no new runs and resolves when the runs
     * it executes have ended. The store is the caller's to close.
     */
    async close(): Promise<void> {
      await started?.catch(() => undefined);
      await worker?.stop();
    },
  };
}

/** The engine made by {@link createEngine}. */
export type Engine = ReturnType<typeof createEngine>;
