import type { EventStore } from "../../store/event-store.js";
import { UnknownCheckpointError } from "../errors/resume-errors.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import type { Writes } from "../thread/events.js";
import type { CheckpointConfig } from "../thread/state-snapshot.js";
import { graphRuntimeOf } from "./graph-runtime.js";
import type { RunConfig } from "./run-config.js";
import { resolveNamespace } from "./subgraph-state.js";
import { updateThreadState } from "./update-thread-state.js";
import { updateWritesOf } from "./update-writes-of.js";

/**
 * LangGraph's updateState of a subgraph (a config with `checkpoint_ns`, from getState of the
 * subgraph): the update is appended to the subgraph's own thread, forking it when
 * `checkpoint_id` is a past checkpoint of it. Returns the subgraph's new checkpoint config, whose
 * `checkpoint_map` keeps the given one's parent checkpoints: invoking it runs the parent from
 * there and the subgraph from the new checkpoint.
 */
export async function updateSubgraphState(
  rootSpec: GraphSpec,
  store: EventStore,
  rootThreadId: string,
  config: RunConfig,
  values: Writes | null,
  asNode: string | undefined,
): Promise<CheckpointConfig> {
  const checkpointNs = config.configurable!.checkpoint_ns!;
  const resolved = resolveNamespace(rootSpec, rootThreadId, checkpointNs);
  if (!resolved) throw new UnknownCheckpointError(config.configurable?.checkpoint_id ?? checkpointNs, `${rootThreadId} (checkpoint_ns '${checkpointNs}')`);
  const runtime = graphRuntimeOf(resolved.graph);
  const writes = updateWritesOf(runtime.spec, values, asNode);
  const actor = runtime.registry.actorFor(store, resolved.threadId);
  const own = await updateThreadState(actor, {
    writes,
    ...(asNode !== undefined ? { asNode } : {}),
    checkpointId: config.configurable?.checkpoint_id,
    config,
    now: runtime.now,
  });
  const given = (config.configurable as { checkpoint_map?: Readonly<Record<string, string>> }).checkpoint_map ?? {};
  const id = own.configurable.checkpoint_id!;
  return {
    configurable: { thread_id: rootThreadId, checkpoint_ns: checkpointNs, checkpoint_id: id, checkpoint_map: { ...given, [checkpointNs]: id } },
  } as CheckpointConfig;
}
