import type { GraphSpec } from "../graph/graph-spec.js";
import type { Writes } from "./events.js";
import { valuesWithPendingWrites } from "./evolve.js";
import { checkpointIdOf } from "./ids.js";
import { unansweredOf } from "./pending-interrupts.js";
import { plannedTasksOf } from "./plan-step.js";
import type { ThreadState } from "./thread-state.js";

/** The config that names a thread, and optionally one of its checkpoints. */
export interface CheckpointConfig {
  readonly configurable: { readonly thread_id: string; readonly checkpoint_ns: string; readonly checkpoint_id?: string };
}

/** A task of the step that follows a checkpoint, as `getState` shows it. */
export interface SnapshotTask {
  readonly id: string;
  readonly name: string;
  readonly path: readonly [string, string];
  readonly interrupts: readonly { readonly id: string; readonly value: unknown }[];
  readonly error?: { readonly name: string; readonly message: string };
  /** The task's writes, when it finished. */
  readonly result?: Writes;
}

export interface CheckpointMetadata {
  readonly source: "input" | "loop" | "update" | "fork";
  readonly step: number;
  readonly parents: Readonly<Record<string, string>>;
  readonly thread_id: string;
  /** The stream revision the checkpoint stands for. */
  readonly revision: number;
}

/** A thread's state at a checkpoint, in LangGraph's `StateSnapshot` shape. */
export interface StateSnapshot<TValues = Record<string, unknown>> {
  readonly values: TValues;
  /** The nodes that run next (paused ones included). */
  readonly next: readonly string[];
  readonly tasks: readonly SnapshotTask[];
  readonly config: CheckpointConfig;
  readonly metadata: CheckpointMetadata | undefined;
  readonly createdAt: string | undefined;
  readonly parentConfig: CheckpointConfig | undefined;
}

/**
 * Projects a thread's state into a {@link StateSnapshot}. With `applyPending`, the values include
 * the writes of tasks that finished in a step that has not committed (what `getState` shows
 * without a `checkpoint_id`).
 */
export function snapshotOf(graph: GraphSpec, state: ThreadState, applyPending: boolean): StateSnapshot {
  const checkpoint = state.checkpoint;
  const configOf = (revision: number | undefined): CheckpointConfig => ({
    configurable: {
      thread_id: state.threadId,
      checkpoint_ns: "",
      ...(revision !== undefined ? { checkpoint_id: checkpointIdOf(state.threadId, revision) } : {}),
    },
  });
  const pending = state.pendingStep;
  const tasks: SnapshotTask[] = pending
    ? pending.tasks.map((task) => ({
        id: task.id,
        name: task.node,
        path: pathOf(task.path),
        interrupts: unansweredOf(task).map(({ id, value }) => ({ id, value })),
        ...(task.error ? { error: { name: task.error.name, message: task.error.message } } : {}),
        ...(task.status === "succeeded" && task.writes ? { result: task.writes } : {}),
      }))
    : plannedTasksOf(state, graph).map((task) => ({ id: task.id, name: task.node, path: pathOf(task.path), interrupts: [] }));
  // The current state hides finished siblings from `next`; a history entry lists the whole step.
  const next = pending && applyPending ? pending.tasks.filter((task) => task.status !== "succeeded").map((task) => task.node) : tasks.map((task) => task.name);
  return {
    values: { ...(applyPending ? valuesWithPendingWrites(graph, state) : state.values) },
    next: [...new Set(next)],
    tasks,
    config: configOf(checkpoint?.revision),
    metadata: checkpoint && { source: checkpoint.source, step: checkpoint.step, parents: {}, thread_id: state.threadId, revision: checkpoint.revision },
    createdAt: checkpoint && new Date(checkpoint.at).toISOString(),
    parentConfig: checkpoint?.parentRevision !== undefined ? configOf(checkpoint.parentRevision) : undefined,
  };
}

function pathOf(path: string): readonly [string, string] {
  const [kind, rest] = [path.slice(0, 4), path.slice(5)];
  return kind === "pull" ? ["__pregel_pull", rest] : ["__pregel_push", String(Number(rest))];
}
