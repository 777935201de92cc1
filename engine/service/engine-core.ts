import type { EventStore } from "../../store/event-store.js";
import { isStreamWatch } from "../../store/stream-watch.js";
import { ThreadNotFoundError } from "../errors/resume-errors.js";
import { RunNotFoundError, UnknownGraphError } from "../errors/service-errors.js";
import { graphRuntimeOf, type GraphRuntime } from "../runtime/graph-runtime.js";
import { assertValidThreadId } from "../runtime/run-config.js";
import type { ThreadActor } from "../runtime/thread-actor.js";
import { decide, type ThreadCommand } from "../thread/decide.js";
import { queuedRunsOf } from "../thread/lifecycle-machine.js";
import { streamNameOf } from "../thread/ids.js";
import type { EngineOptions } from "./create-engine.js";
import { engineThreadWork } from "./engine-thread-work.js";
import { runViewOf, threadViewOf, type RunView, type ThreadView } from "./engine-views.js";
import { readRunRecords } from "./read-run-records.js";
import { defaultChunkRetentionMs, deleteEndedChunkStreams, RunChunkPublisher } from "./run-chunk-stream.js";
import { RunSupervisor } from "./run-supervisor.js";
import { RunWorker } from "./run-worker.js";

/** A thread's actor, with the graph it runs. */
export interface ThreadAt {
  readonly actor: ThreadActor;
  readonly runtime: GraphRuntime;
  readonly graphId: string;
}

/** What the engine's `threads` and `runs` share: the store, the graphs, the runs executing here. */
export interface EngineCore {
  readonly store: EventStore;
  readonly graphIds: readonly string[];
  /** Which graph each thread known to this process runs. */
  readonly threadGraphs: Map<string, string>;
  readonly supervisor: RunSupervisor;
  /** Set when runs execute as a worker among processes (see {@link EngineOptions.worker}). */
  readonly worker: RunWorker | undefined;
  /** The worker's start; absent without a worker. */
  readonly started: Promise<void> | undefined;
  /** The thread's actor, caught up, its crashed run recovered (`graphId`: for a thread not yet stored). */
  actorOf(threadId: string, graphId?: string): Promise<ThreadAt>;
  /** Appends a control decision (queue, cancel, recover, create) without waiting for a running run. */
  commit(actor: ThreadActor, runtime: GraphRuntime, command: ThreadCommand): Promise<void>;
  /** Has the thread's next queued run executed: here, or by whichever worker claims it. */
  dispatch(threadId: string, runtime: GraphRuntime, actor: ThreadActor): void;
  threadView(threadId: string): Promise<ThreadView>;
  /** @throws {RunNotFoundError} when the thread has no such run. */
  runView(threadId: string, runId: string): Promise<RunView>;
  /** Resolves when the run's recorded status says it ended. */
  waitForEnd(threadId: string, runId: string): Promise<void>;
}

/** The engine's shared part, for {@link createEngine}'s `threads` and `runs`. */
export function createEngineCore(options: EngineOptions): EngineCore {
  const { store } = options;
  const graphIds = Object.keys(options.graphs);
  const runtimes = new Map<string, GraphRuntime>(graphIds.map((id) => [id, graphRuntimeOf(options.graphs[id]!)]));
  // With workers, a run's chunks reach its joiners in any process through the store.
  const supervisor = new RunSupervisor(
    options.leaseMs ?? 30_000,
    options.worker ? (runId) => new RunChunkPublisher(store, runId, options.onWorkerError ?? (() => undefined)) : undefined,
  );
  const threadGraphs = new Map<string, string>();
  const { runtimeOf, graphOfThread } = graphLookup(store, runtimes, threadGraphs);
  // Control decisions (queue, cancel, recover, create) never wait for a running run: they append
  // optimistically, and a running run re-decides around them.
  const commit = (actor: ThreadActor, runtime: GraphRuntime, command: ThreadCommand): Promise<void> =>
    actor.commitOptimistically((state) => decide(runtime.spec, state, { ...command, at: runtime.now() } as ThreadCommand), runtime.now);
  const recover = (actor: ThreadActor, runtime: GraphRuntime) =>
    commit(actor, runtime, { type: "RecoverRun", policy: options.crashedRuns ?? "error", at: runtime.now() });
  const actorOf = async (threadId: string, graphId?: string): Promise<ThreadAt> => {
    assertValidThreadId(threadId);
    const id = graphId ?? (await graphOfThread(threadId));
    const runtime = runtimeOf(id);
    const actor = runtime.registry.actorFor(store, threadId);
    if (!actor.busy) await actor.catchUp();
    if (supervisor.activeRunOn(threadId) === undefined) await recover(actor, runtime);
    return { actor, runtime, graphId: id };
  };
  const worker = options.worker ? createWorker(options, supervisor, recover, { graphOfThread, runtimeOf, threadGraphs }) : undefined;
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
  const core: EngineCore = {
    store,
    graphIds,
    threadGraphs,
    supervisor,
    worker,
    started,
    actorOf,
    commit,
    dispatch,
    threadView: async (threadId) => {
      const { actor, runtime } = await actorOf(threadId);
      return threadViewOf(runtime.spec, actor.state);
    },
    runView: (threadId, runId) => runViewIn(core, threadId, runId),
    waitForEnd: (threadId, runId) => waitForRunEnd(core, threadId, runId),
  };
  return core;
}

/** Finds a graph by id, and the graph a thread runs (the only graph, or the one its latest run named, else its first event's). */
function graphLookup(store: EventStore, runtimes: ReadonlyMap<string, GraphRuntime>, threadGraphs: Map<string, string>) {
  const graphIds = [...runtimes.keys()];
  const runtimeOf = (graphId: string): GraphRuntime => {
    const runtime = runtimes.get(graphId);
    if (!runtime) throw new UnknownGraphError(graphId, graphIds);
    return runtime;
  };
  const graphOfThread = async (threadId: string): Promise<string> => {
    const known = threadGraphs.get(threadId);
    if (known) return known;
    const { events } = await store.readStream(streamNameOf(threadId), { maxCount: 1 });
    const ranLast = graphIds.length > 1 && events.length > 0 ? await graphOfLatestRun(store, threadId) : undefined;
    const named = ranLast && runtimes.has(ranLast) ? ranLast : (events[0]?.data as { graph?: string } | undefined)?.graph;
    const graphId = named && runtimes.has(named) ? named : graphIds.length === 1 ? graphIds[0]! : undefined;
    if (!graphId) throw events.length === 0 ? new ThreadNotFoundError(threadId) : new UnknownGraphError(named ?? "", graphIds);
    threadGraphs.set(threadId, graphId);
    return graphId;
  };
  return { runtimeOf, graphOfThread };
}

/** How far back from a thread's head {@link graphOfLatestRun} looks for a run. */
const latestRunLookback = 200;

/**
 * The graph the thread's latest run named (`runs.create`'s assistant), which may not be the one
 * it was created with; undefined when none of its last events queued a run.
 */
async function graphOfLatestRun(store: EventStore, threadId: string): Promise<string | undefined> {
  const { events } = await store.readStream(streamNameOf(threadId), { direction: "backwards", maxCount: latestRunLookback });
  const queued = events.find((event) => event.type === "RunQueued");
  const graphId = (queued?.data as { metadata?: Record<string, unknown> } | undefined)?.metadata?.["graph_id"];
  return typeof graphId === "string" ? graphId : undefined;
}

/** The worker that executes queued runs of any process on the store, and tidies ended runs' chunk streams. */
function createWorker(
  options: EngineOptions,
  supervisor: RunSupervisor,
  recover: (actor: ThreadActor, runtime: GraphRuntime) => Promise<void>,
  { graphOfThread, runtimeOf, threadGraphs }: ReturnType<typeof graphLookup> & { readonly threadGraphs: Map<string, string> },
): RunWorker {
  const { store } = options;
  const work = engineThreadWork({
    supervisor,
    recover,
    actorOf: async (threadId) => {
      const graphId = await graphOfThread(threadId).catch(() => undefined);
      if (graphId === undefined) return undefined;
      const at = (id: string) => {
        const runtime = runtimeOf(id);
        return { actor: runtime.registry.actorFor(store, threadId), runtime };
      };
      const found = at(graphId);
      if (!found.actor.busy) await found.actor.catchUp();
      // The next run names its graph (the assistant of runs.create), which need not be the one the
      // thread was created with; the process that queued it knows, this one learns it here.
      const named = queuedRunsOf(found.actor.state.lifecycle)[0]?.metadata["graph_id"];
      if (typeof named !== "string" || named === graphId || !options.graphs[named]) return found;
      threadGraphs.set(threadId, named);
      return at(named);
    },
  });
  const tidy = async () => void (await deleteEndedChunkStreams(store, options.worker?.chunkRetentionMs ?? defaultChunkRetentionMs));
  return new RunWorker(store, { ...work, tidy }, options.worker!, options.onWorkerError);
}

async function runViewIn(core: EngineCore, threadId: string, runId: string): Promise<RunView> {
  // Loading the thread first recognises a run whose process died (its lease expired).
  const { graphId } = await core.actorOf(threadId);
  const record = (await readRunRecords(core.store, threadId)).get(runId);
  if (!record) throw new RunNotFoundError(threadId, runId);
  return runViewOf(record, threadId, graphId);
}

/**
 * The recorded status decides when a run has ended: a run cancelled while queued never starts,
 * and one run by another process has no broadcaster here. Its streams are closed then.
 */
async function waitForRunEnd(core: EngineCore, threadId: string, runId: string): Promise<void> {
  for (;;) {
    const status = (await core.runView(threadId, runId)).status;
    const broadcaster = core.supervisor.existingBroadcaster(runId);
    if (status !== "pending" && status !== "running") {
      broadcaster?.finish();
      return;
    }
    // With a worker, the run is some worker's to start (this process's joins only read).
    if (!core.worker) {
      const { actor, runtime } = await core.actorOf(threadId);
      core.dispatch(threadId, runtime, actor);
    }
    await Promise.race([broadcaster?.done, new Promise((resolve) => setTimeout(resolve, core.worker ? 100 : 25))]);
  }
}
