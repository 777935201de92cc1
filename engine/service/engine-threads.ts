import { UnknownCheckpointError } from "../errors/resume-errors.js";
import { historyOf } from "../runtime/thread-history.js";
import { updateThreadState } from "../runtime/update-thread-state.js";
import { updateWritesOf } from "../runtime/update-writes-of.js";
import { snapshotOf, type CheckpointConfig, type StateSnapshot } from "../thread/state-snapshot.js";
import type { EngineCore } from "./engine-core.js";
import { threadViewOf, type ThreadView } from "./engine-views.js";

/** The engine's threads, shaped like the LangGraph SDK client's `threads`. */
export interface EngineThreads {
  /** Creates an empty thread (a random id unless one is given). */
  create(params?: { threadId?: string; metadata?: Record<string, unknown>; ifExists?: "raise" | "do_nothing"; graphId?: string }): Promise<ThreadView>;
  /** The thread as the SDK shows it: id, status, values, metadata. */
  get(threadId: string): Promise<ThreadView>;
  /** The thread's current state, or its state at a checkpoint. */
  getState(threadId: string, checkpointId?: string): Promise<StateSnapshot>;
  /** Every checkpoint of the thread, newest first. */
  getHistory(threadId: string, params?: { limit?: number }): Promise<StateSnapshot[]>;
  /** Writes values to the thread as `asNode` (or forks from `checkpointId`), as LangGraph's `updateState`. */
  updateState(threadId: string, params: { values: Record<string, unknown> | null; asNode?: string; checkpointId?: string }): Promise<CheckpointConfig>;
  /** Threads in creation order (subgraph threads excluded), optionally by status. */
  list(params?: { limit?: number; offset?: number; status?: ThreadView["status"] }): Promise<ThreadView[]>;
}

/** The engine's `threads`, on its shared core. */
export function createEngineThreads(core: EngineCore): EngineThreads {
  const { store, actorOf } = core;
  return {
    async create(params = {}) {
      const threadId = params.threadId ?? crypto.randomUUID();
      const graphId = params.graphId ?? core.graphIds[0]!;
      core.threadGraphs.set(threadId, graphId);
      const { actor, runtime } = await actorOf(threadId, graphId);
      if (actor.state.revision !== -1 && params.ifExists === "do_nothing") return threadViewOf(runtime.spec, actor.state);
      await core.commit(actor, runtime, { type: "CreateThread", graphName: graphId, metadata: params.metadata ?? {}, at: 0 });
      return threadViewOf(runtime.spec, actor.state);
    },
    get: core.threadView,
    async getState(threadId, checkpointId) {
      const { actor, runtime } = await actorOf(threadId);
      if (checkpointId === undefined) return snapshotOf(runtime.spec, actor.state, true);
      const found = (await historyOf(runtime.spec, store, threadId)).find((s) => s.config.configurable.checkpoint_id === checkpointId);
      if (!found) throw new UnknownCheckpointError(checkpointId, threadId);
      return found;
    },
    async getHistory(threadId, params = {}) {
      const { runtime } = await actorOf(threadId);
      const all = await historyOf(runtime.spec, store, threadId);
      return all.slice(0, params.limit ?? all.length);
    },
    async updateState(threadId, params) {
      const { actor, runtime } = await actorOf(threadId);
      return updateThreadState(actor, {
        // Checked as the graph's updateState checks them: known channels, storable values, a node of the graph.
        writes: updateWritesOf(runtime.spec, params.values, params.asNode),
        ...(params.asNode !== undefined ? { asNode: params.asNode } : {}),
        checkpointId: params.checkpointId,
        config: {},
        now: runtime.now,
      });
    },
    async list(params = {}) {
      const { streams } = await store.listStreams({ prefix: "thread-" });
      const ids = streams.map((stream) => stream.slice("thread-".length)).filter((id) => !id.includes("/"));
      const views = await Promise.all(ids.map((id) => core.threadView(id)));
      const matching = views.filter((view) => params.status === undefined || view.status === params.status);
      return matching.slice(params.offset ?? 0, (params.offset ?? 0) + (params.limit ?? matching.length));
    },
  };
}
