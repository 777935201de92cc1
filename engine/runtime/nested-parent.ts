import type { RunConfig } from "./run-config.js";
import { currentTask, type TaskContext } from "./task-context.js";

/**
 * The task a graph called here runs nested in: the node running here, unless the call names
 * another thread (then it is a run of its own). Undefined outside a node.
 */
export function nestedParentOf(config: RunConfig | undefined): TaskContext | undefined {
  const parent = currentTask();
  if (!parent) return undefined;
  const threadId = config?.configurable?.thread_id;
  return threadId === undefined || threadId === parent.threadId || threadId === parent.scope?.rootThreadId ? parent : undefined;
}
