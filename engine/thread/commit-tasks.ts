import type { GraphSpec } from "../graph/graph-spec.js";
import { applyWrites } from "./apply-writes.js";
import type { PlannedTask, Writes } from "./events.js";
import { noTriggers, type PendingStep, type TaskRecord, type ThreadState, type Triggers } from "./thread-state.js";
import { addRoutes, mergeTriggers } from "./triggers.js";

/** A pending step's tasks that succeeded. */
export function succeededTasksOf(pending: PendingStep): readonly TaskRecord[] {
  // One task that succeeded (a linear step) is the common case: no filtered copy.
  if (pending.tasks.length === 1 && pending.tasks[0]!.status === "succeeded") return pending.tasks;
  return pending.tasks.filter((task) => task.status === "succeeded");
}

/** What committing tasks changes: channel values, triggers and fan-in progress. */
export interface Committed {
  readonly values: Writes;
  readonly next: Triggers;
  readonly barriers: Readonly<Record<string, readonly string[]>>;
}

/** Applies finished tasks' writes (in path order) and routes, including fan-in barriers. */
export function commitTasks(graph: GraphSpec, state: ThreadState, tasks: readonly TaskRecord[]): Committed {
  const values = applyWrites(
    graph,
    state.values,
    tasks.map((task) => task.writes ?? {}),
    state.firstWriteReduced,
  );
  let next: Triggers = state.next;
  let barriers = state.barriers;
  for (const task of tasks) {
    if (!task.routes) continue;
    next = addRoutes(next, task.routes);
    if (task.routes.joins.length === 0) continue;
    const updated: Record<string, readonly string[]> = { ...barriers };
    for (const key of task.routes.joins) {
      const join = graph.joins.get(key);
      const seen = [...new Set([...(updated[key] ?? []), task.node])].sort();
      if (join && join.sources.every((source) => seen.includes(source))) {
        updated[key] = [];
        next = mergeTriggers(next, { nodes: [join.target], sends: [] });
      } else updated[key] = seen;
    }
    barriers = updated;
  }
  return { values, next, barriers };
}

/**
 * A state update while a step is pending: finished tasks keep their writes; unfinished ones are
 * dropped, their nodes triggered again (unless the update speaks for that node).
 */
export function settlePendingStep(graph: GraphSpec, state: ThreadState, pending: PendingStep, asNode: string | undefined): Committed {
  const committed = commitTasks(graph, state, succeededTasksOf(pending));
  let next = mergeTriggers(committed.next, pending.goto);
  for (const task of pending.tasks) {
    if (task.status === "succeeded" || task.node === asNode) continue;
    next = task.path.startsWith("push:")
      ? mergeTriggers(next, { nodes: [], sends: [{ node: task.node, args: task.args }] })
      : mergeTriggers(next, { nodes: [task.node], sends: [] });
  }
  return { ...committed, next };
}

/** The deferred nodes a step leaves triggered (they wait for the other branches to finish). */
export function deferredLeftOf(graph: GraphSpec, next: Triggers, tasks: readonly PlannedTask[]): Triggers {
  if (!next.nodes.some((node) => graph.nodes.get(node)?.defer)) return noTriggers;
  const nodes = next.nodes.filter((node) => graph.nodes.get(node)?.defer && !tasks.some((task) => task.node === node && !task.path.startsWith("push:")));
  return nodes.length > 0 ? { nodes, sends: [] } : noTriggers;
}
