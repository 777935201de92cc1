import type { PlannedTask } from "../thread/events.js";

/**
 * What LangGraph adds to a node's `config.metadata` for a task (and so to the metadata of every
 * chat model, tool and chunk the node reports): its step, node, triggers, path and checkpoint
 * namespace. `step` is numbered as LangGraph numbers it (the input is step 0). The namespace is
 * the task's whole path, as LangGraph's: a subgraph's task is `parent:<task>|node:<task>`
 * (`graphNamespace` names the subgraph, `[]` at the root).
 */
export function taskMetadataOf(task: Pick<PlannedTask, "node" | "id" | "path">, step: number, graphNamespace: readonly string[] = []): Record<string, unknown> {
  const push = task.path.startsWith("push:");
  const namespace = [...graphNamespace, `${task.node}:${task.id}`].join("|");
  return {
    langgraph_step: step,
    langgraph_node: task.node,
    langgraph_triggers: [push ? "__pregel_push" : `branch:to:${task.node}`],
    langgraph_path: push ? ["__pregel_push", Number(task.path.slice("push:".length))] : ["__pregel_pull", task.node],
    langgraph_checkpoint_ns: namespace,
    checkpoint_ns: namespace,
  };
}

/** The configurable keys LangGraph copies into a run's metadata (when the metadata has no such key). */
const propagated = ["thread_id", "checkpoint_id", "checkpoint_ns", "task_id", "run_id", "assistant_id", "graph_id"] as const;

/**
 * A run's metadata as LangGraph makes it: `ls_integration: "langgraph"`, the caller's metadata,
 * then the thread id (and the other keys LangGraph propagates) from `configurable`.
 */
export function runMetadataOf(
  metadata: Readonly<Record<string, unknown>> | undefined,
  configurable: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ls_integration: "langgraph", ...metadata };
  for (const key of propagated) {
    if (key in result) continue;
    const value = configurable?.[key];
    if (value !== undefined) result[key] = value;
  }
  return result;
}
