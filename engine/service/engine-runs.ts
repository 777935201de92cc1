import { ThreadNotFoundError } from "../errors/resume-errors.js";
import { RunNotFoundError } from "../errors/service-errors.js";
import { Command } from "../graph/command.js";
import { invokeOutputOf } from "../runtime/invoke-output.js";
import { parseRunInput } from "../runtime/parse-run-input.js";
import { recursionLimitOf } from "../runtime/run-config.js";
import { durabilityOf } from "../runtime/durability.js";
import type { StreamMode } from "../runtime/run-sink.js";
import type { RunCreateOptions } from "./create-engine.js";
import type { EngineCore, ThreadAt } from "./engine-core.js";
import { runViewOf, type RunView } from "./engine-views.js";
import { readRunRecords } from "./read-run-records.js";
import type { RunStreams } from "../thread/events.js";
import type { RunChunk } from "./run-broadcaster.js";
import { readRunChunks } from "./run-chunk-stream.js";

/** The engine's runs, shaped like the LangGraph SDK client's `runs`. */
export interface EngineRuns {
  /** Creates a run on a thread; it starts now or after the thread's earlier runs, per its strategy. */
  create(threadId: string, graphId: string, params?: RunCreateOptions): Promise<RunView>;
  /** Creates a run and waits for it: the thread's values when it ends (with `__interrupt__` when paused). */
  wait(threadId: string, graphId: string, params?: RunCreateOptions): Promise<Record<string, unknown>>;
  /** Waits for a run to end and returns the thread's values then. */
  join(threadId: string, runId: string): Promise<Record<string, unknown>>;
  /** The run as the SDK shows it: id, status, metadata. */
  get(threadId: string, runId: string): Promise<RunView>;
  /** The thread's runs, oldest first. */
  list(threadId: string): Promise<RunView[]>;
  /**
   * Cancels a run: `interrupt` (default) keeps the steps it committed, `rollback` drops them. A
   * queued run just leaves the queue. Resolves once the cancel is recorded.
   */
  cancel(threadId: string, runId: string, params?: { action?: "interrupt" | "rollback" }): Promise<void>;
  /** Creates a run and streams its chunks: `{ event: "metadata" }` first, then the asked modes. */
  stream(threadId: string, graphId: string, params?: RunCreateOptions): Promise<AsyncIterableIterator<RunChunk>>;
  /**
   * Streams a run's chunks from its first one, live until it ends (every joiner gets every chunk).
   * With a worker, from the store, wherever the run executes; `afterChunk` (a chunk's index, as
   * SSE's Last-Event-ID) resumes after it.
   */
  joinStream(
    threadId: string,
    runId: string,
    params?: { streamMode?: StreamMode | readonly StreamMode[]; afterChunk?: number },
  ): Promise<AsyncIterableIterator<RunChunk>>;
}

/** The engine's `runs`, on its shared core. */
export function createEngineRuns(core: EngineCore): EngineRuns {
  const { store, supervisor, worker, actorOf } = core;
  const runs: EngineRuns = {
    create: (threadId, graphId, params = {}) => createRun(core, threadId, graphId, params),
    async wait(threadId, graphId, params = {}) {
      const run = await runs.create(threadId, graphId, params);
      return runs.join(threadId, run.run_id);
    },
    async join(threadId, runId) {
      await core.waitForEnd(threadId, runId);
      const { actor, runtime } = await actorOf(threadId);
      return invokeOutputOf(runtime.spec, actor.state, []);
    },
    get: core.runView,
    async list(threadId) {
      const { graphId } = await actorOf(threadId);
      return [...(await readRunRecords(store, threadId)).values()].map((record) => runViewOf(record, threadId, graphId));
    },
    async cancel(threadId, runId, params = {}) {
      const action = params.action ?? "interrupt";
      const { actor, runtime } = await actorOf(threadId);
      if (supervisor.cancelLocal(threadId, runId, { action, reason: "cancelled by runs.cancel()" })) {
        await core.waitForEnd(threadId, runId);
        return;
      }
      await core.commit(actor, runtime, { type: "CancelRun", runId, action, reason: "cancelled by runs.cancel()", at: 0 });
      core.dispatch(threadId, runtime, actor);
    },
    async stream(threadId, graphId, params = {}) {
      const run = await runs.create(threadId, graphId, params);
      return runs.joinStream(threadId, run.run_id, params);
    },
    async joinStream(threadId, runId, params = {}) {
      const modes = typeof params.streamMode === "string" ? [params.streamMode] : (params.streamMode ?? ["values"]);
      if (worker) {
        await core.runView(threadId, runId);
        const hasEnded = async () => !["pending", "running"].includes((await core.runView(threadId, runId)).status);
        return readRunChunks(store, runId, modes, hasEnded, params.afterChunk);
      }
      const broadcaster = supervisor.existingBroadcaster(runId);
      if (!broadcaster) throw new RunNotFoundError(threadId, runId, "this process holds no stream of it (it ran elsewhere or long ago); use runs.join()");
      return broadcaster.subscribe(modes);
    },
  };
  return runs;
}

/** `runs.create`: queues the run (cancelling the running one first, for `interrupt`/`rollback`) and dispatches it. */
async function createRun(core: EngineCore, threadId: string, graphId: string, params: RunCreateOptions): Promise<RunView> {
  const { actor, runtime }: ThreadAt = await core.actorOf(threadId, graphId);
  if (actor.state.revision === -1 && params.ifNotExists !== "create") throw new ThreadNotFoundError(threadId);
  core.threadGraphs.set(threadId, graphId);
  const strategy = params.multitaskStrategy ?? "enqueue";
  const durability = durabilityOf(params.durability, "runs.create()'s");
  const runId = runtime.newId();
  const input = parseRunInput(runtime.spec, params.command ? new Command(params.command) : (params.input ?? null), runId);
  const streams = runStreamsOf(params);
  core.supervisor.broadcasterFor(runId, streams ?? {});
  if (strategy === "interrupt" || strategy === "rollback") {
    core.supervisor.cancelLocal(threadId, undefined, {
      action: strategy,
      reason: `double text: run ${runId} was created with multitaskStrategy "${strategy}"`,
    });
  }
  await core.commit(actor, runtime, {
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
      ...(streams ? { streams } : {}),
    },
    multitaskStrategy: strategy,
    metadata: { ...params.metadata, graph_id: graphId, ...(params.timeoutMs !== undefined ? { timeout_ms: params.timeoutMs } : {}) },
    ...(params.config?.configurable ? { configurable: params.config.configurable } : {}),
    at: 0,
  });
  core.dispatch(threadId, runtime, actor);
  return core.runView(threadId, runId);
}

/** The streams a run's creator asked for beyond the engine's own chunks (recorded with the run); undefined for none. */
function runStreamsOf(params: RunCreateOptions): RunStreams | undefined {
  const modes: readonly string[] = typeof params.streamMode === "string" ? [params.streamMode] : (params.streamMode ?? []);
  const streams: { -readonly [K in keyof RunStreams]: RunStreams[K] } = {};
  if (modes.includes("messages")) streams.messages = true;
  if (modes.includes("debug")) streams.debug = true;
  if (params.streamSubgraphs === true) streams.subgraphs = true;
  return Object.keys(streams).length > 0 ? streams : undefined;
}
