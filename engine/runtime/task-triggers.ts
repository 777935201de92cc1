import type { BranchSpec, GraphSpec } from "../graph/graph-spec.js";
import type { PlannedTask } from "../thread/events.js";

/**
 * The channels that triggered a task, in LangGraph's names, as its `tasks`/`debug` stream events
 * show them: `__pregel_push` for a Send, the waiting edge's `join:<a>+<b>:<node>` for a node that
 * only a waiting edge (`addEdge([a, b], node)`) leads to, `branch:to:<node>` otherwise.
 * WARNING: a node reached both by a waiting edge and by another edge shows `branch:to:<node>`:
 * the plan does not record which of them fired.
 */
export function taskTriggersOf(graph: GraphSpec, task: PlannedTask): string[] {
  if (task.path.startsWith("push:")) return ["__pregel_push"];
  const joins = [...graph.joins.values()].filter((join) => join.target === task.node);
  if (joins.length === 0 || hasPlainEdgeTo(graph, task.node)) return [`branch:to:${task.node}`];
  return joins.map((join) => join.key);
}

function hasPlainEdgeTo(graph: GraphSpec, node: string): boolean {
  for (const targets of graph.edges.values()) if (targets.includes(node)) return true;
  for (const branches of graph.branches.values()) for (const branch of branches) if (branchMayGoTo(branch, node)) return true;
  return false;
}

/** A branch with a path map goes only to its targets; one without may go anywhere. */
function branchMayGoTo(branch: BranchSpec, node: string): boolean {
  return branch.pathMap === undefined || Object.values(branch.pathMap).includes(node);
}
