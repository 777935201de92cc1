import type { GraphSpec } from "../graph/graph-spec.js";
import type { PlannedTask } from "./events.js";
import { pullPathOf, pushPathOf, taskIdOf } from "./ids.js";
import { isRunnable, isWaiting } from "./pending-interrupts.js";
import type { ThreadState } from "./thread-state.js";

/** What the runtime should do next for the active run. */
export type StepPlan =
  /** Run `run` (all of a new step's tasks, or the runnable tasks of the pending step). */
  | {
      readonly kind: "run";
      readonly step: number;
      readonly baseRevision: number;
      readonly isNew: boolean;
      readonly tasks: readonly PlannedTask[];
      readonly run: readonly PlannedTask[];
    }
  /** A new step would run a node listed in `interruptBefore`: record it and pause. */
  | {
      readonly kind: "breakpoint";
      readonly step: number;
      readonly baseRevision: number;
      readonly tasks: readonly PlannedTask[];
      readonly nodes: readonly string[];
    }
  /** The pending step waits for answers only. */
  | { readonly kind: "paused" }
  /** Nothing is triggered: the run is complete. */
  | { readonly kind: "done" }
  /** The run has taken `recursionLimit` steps and more are triggered. */
  | { readonly kind: "recursion-limit"; readonly limit: number };

/**
 * Plans the next superstep from a thread's state; pure. The nodes triggered by the last step's
 * writes become tasks with deterministic ids; a pending step (paused or failed) is continued
 * with only the tasks that can make progress.
 */
export function planStep(graph: GraphSpec, state: ThreadState): StepPlan {
  const pending = state.pendingStep;
  if (pending) {
    const run = pending.tasks.filter(isRunnable);
    if (run.length > 0) return { kind: "run", step: pending.step, baseRevision: pending.baseRevision, isNew: false, tasks: pending.tasks, run };
    return isWaiting(state) ? { kind: "paused" } : { kind: "done" };
  }
  const tasks = plannedTasksOf(state, graph);
  if (tasks.length === 0) return { kind: "done" };
  const run = state.activeRun;
  if (run && run.stepsTaken >= run.options.recursionLimit) return { kind: "recursion-limit", limit: run.options.recursionLimit };
  const step = state.step + 1;
  const baseRevision = state.checkpoint?.revision ?? -1;
  // A run that continues the thread passes the breakpoints of the step it starts with: after
  // updateState() at a breakpoint, invoke(null) runs the paused node, as in LangGraph.
  const passing = run !== undefined && run.resumedAtStep === state.step;
  const before = passing ? [] : (run?.options.interruptBefore ?? graph.interruptBefore);
  const hit = tasks.filter((task) => matches(before, task.node)).map((task) => task.node);
  if (hit.length > 0) return { kind: "breakpoint", step, baseRevision, tasks, nodes: [...new Set(hit)] };
  return { kind: "run", step, baseRevision, isNew: true, tasks, run: tasks };
}

/**
 * The tasks a new step would run now (also what `getState().next` shows between steps). A
 * deferred node waits while any other node is triggered (Sends do not hold it back), as in
 * LangGraph; it stays in `next` until then.
 */
export function plannedTasksOf(state: ThreadState, graph?: GraphSpec): PlannedTask[] {
  const step = state.step + 1;
  const baseRevision = state.checkpoint?.revision ?? -1;
  const pulls = runnableNodesOf(state.next.nodes, graph).map((node) => {
    const path = pullPathOf(node);
    return { id: taskIdOf(state.threadId, baseRevision, step, path), node, path };
  });
  const pushes = state.next.sends.map((send, index) => {
    const path = pushPathOf(index);
    return { id: taskIdOf(state.threadId, baseRevision, step, path), node: send.node, path, args: send.args };
  });
  return [...pulls, ...pushes];
}

/** The triggered nodes that run now: all of them, or all but the deferred ones while others are triggered. */
export function runnableNodesOf(nodes: readonly string[], graph: GraphSpec | undefined): readonly string[] {
  if (graph === undefined || !nodes.some((node) => graph.nodes.get(node)?.defer)) return nodes;
  const now = nodes.filter((node) => !graph.nodes.get(node)?.defer);
  return now.length > 0 ? now : nodes;
}

/** Whether a breakpoint list (`"*"` or node names) covers `node`. */
export function matches(list: readonly string[] | "*", node: string): boolean {
  return list === "*" || list.includes(node);
}
