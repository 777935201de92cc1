import type { GraphSpec } from "../graph/graph-spec.js";
import type { Writes } from "./events.js";
import { valuesWithPendingWrites } from "./evolve.js";
import { START } from "../graph/constants.js";
import { shownWritesOf } from "../graph/multiple-writes.js";
import { checkpointIdOf, inputCheckpointIdOf, pullPathOf, taskIdOf } from "./ids.js";
import { unansweredOf } from "./pending-interrupts.js";
import { plannedTasksOf } from "./plan-step.js";
import type { CheckpointInfo, TaskRecord, ThreadState } from "./thread-state.js";

/** The config that names a thread, and optionally one of its checkpoints. */
export interface CheckpointConfig {
  readonly configurable: { readonly thread_id: string; readonly checkpoint_ns: string; readonly checkpoint_id?: string };
}

/** A task of the step that follows a checkpoint, as `getState` shows it. */
export interface SnapshotTask {
  readonly id: string;
  readonly name: string;
  /** LangGraph's task path: `["__pregel_pull", node]`, or `["__pregel_push", index]` for a Send. */
  readonly path: readonly [string, string] | readonly [string, number];
  readonly interrupts: readonly { readonly id: string; readonly value: unknown }[];
  readonly error?: { readonly name: string; readonly message: string };
  /** The task's writes, when it finished. */
  readonly result?: Writes;
  /** For a task of a subgraph node: the config naming the subgraph's state, or (getState's `subgraphs: true`) that state. */
  readonly state?: CheckpointConfig | StateSnapshot;
}

export interface CheckpointMetadata {
  readonly source: "input" | "loop" | "update" | "fork";
  readonly step: number;
  /** Checkpoint ids of the enclosing graphs, by namespace (empty: subgraph namespaces are not kept). */
  readonly parents: Readonly<Record<string, string>>;
  readonly thread_id: string;
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
  const pending = state.pendingStep;
  const planned: SnapshotTask[] = pending
    ? pending.tasks.map((task) => ({
        id: task.id,
        name: task.node,
        path: pathOf(task.path),
        interrupts: applyPending ? unansweredOf(task).map(({ id, value }) => ({ id, value })) : interruptsShownOf(task),
        ...(task.error ? { error: { name: task.error.name, message: task.error.message } } : {}),
        // As LangGraph: a finished task that wrote nothing shows no result.
        ...(task.status === "succeeded" && task.writes && Object.keys(task.writes).length > 0 ? { result: shownWritesOf(task.writes) } : {}),
      }))
    : [
        ...pendingInputTasksOf(state),
        ...plannedTasksOf(state, graph).map((task) => ({ id: task.id, name: task.node, path: pathOf(task.path), interrupts: [] })),
      ];
  // Listed as LangGraph lists a step's tasks: a Send's tasks first, then the edges' (each group in path order).
  const tasks = [...planned.filter((task) => task.path[0] === pushPath), ...planned.filter((task) => task.path[0] !== pushPath)];
  // The current state hides finished siblings from `next`; a history entry lists the whole step.
  const next = pending && applyPending ? pending.tasks.filter((task) => task.status !== "succeeded").map((task) => task.node) : tasks.map((task) => task.name);
  return {
    values: { ...(applyPending ? valuesWithPendingWrites(graph, state) : state.values) },
    // As LangGraph: one name per task, so a node that several Sends run is listed once per Send.
    next,
    tasks,
    config: configOf(state.threadId, checkpoint && checkpointIdOf(state.threadId, checkpoint.revision)),
    metadata: checkpoint && checkpointMetadataOf(state.threadId, checkpoint),
    createdAt: checkpoint && new Date(checkpoint.at).toISOString(),
    parentConfig: checkpoint && parentConfigOf(state.threadId, checkpoint),
  };
}

/** The `__start__` task of an input checkpoint an update as `"__input__"` made (it writes the input when a run continues). */
function pendingInputTasksOf(state: ThreadState): SnapshotTask[] {
  const checkpoint = state.checkpoint;
  if (checkpoint?.pendingInput === undefined) return [];
  const path = pullPathOf(START);
  return [{ id: taskIdOf(state.threadId, checkpoint.revision, state.step + 1, path), name: START, path: ["__pregel_pull", START], interrupts: [] }];
}

/**
 * The input checkpoint LangGraph shows before the checkpoint a run's new input made (`after`):
 * the values before the input (`before`), next `__start__`, whose one task wrote the input.
 */
export function inputSnapshotOf(before: ThreadState, after: ThreadState): StateSnapshot {
  const checkpoint = after.checkpoint!;
  return {
    values: { ...before.values },
    next: [START],
    tasks: [
      {
        // From the checkpoint the input builds on, as other tasks' ids are: the same however many
        // attempts it took to record the input.
        id: taskIdOf(after.threadId, checkpoint.parentRevision ?? -1, checkpoint.step - 1, pullPathOf(START)),
        name: START,
        path: ["__pregel_pull", START],
        interrupts: [],
        // LangGraph shows a result only for a task that wrote something.
        ...(Object.keys(checkpoint.input!).length > 0 ? { result: checkpoint.input! } : {}),
      },
    ],
    config: configOf(after.threadId, inputCheckpointIdOf(after.threadId, checkpoint.revision)),
    metadata: inputMetadataOf(after.threadId, checkpoint),
    createdAt: new Date(checkpoint.at).toISOString(),
    parentConfig: checkpoint.parentRevision === undefined ? undefined : configOf(after.threadId, checkpointIdOf(after.threadId, checkpoint.parentRevision)),
  };
}

/** A checkpoint's metadata, as LangGraph records it. */
export function checkpointMetadataOf(threadId: string, checkpoint: CheckpointInfo): CheckpointMetadata {
  return { source: checkpoint.input ? "loop" : checkpoint.source, step: checkpoint.step, parents: {}, thread_id: threadId };
}

/** The metadata of the input checkpoint before a checkpoint that took a run's new input. */
export function inputMetadataOf(threadId: string, checkpoint: CheckpointInfo): CheckpointMetadata {
  return { source: "input", step: checkpoint.step - 1, parents: {}, thread_id: threadId };
}

function parentConfigOf(threadId: string, checkpoint: CheckpointInfo): CheckpointConfig | undefined {
  if (checkpoint.input) return configOf(threadId, inputCheckpointIdOf(threadId, checkpoint.revision));
  return checkpoint.parentRevision === undefined ? undefined : configOf(threadId, checkpointIdOf(threadId, checkpoint.parentRevision));
}

function configOf(threadId: string, checkpointId: string | undefined): CheckpointConfig {
  return { configurable: { thread_id: threadId, checkpoint_ns: "", ...(checkpointId !== undefined ? { checkpoint_id: checkpointId } : {}) } };
}

/**
 * The interrupts a task shows in history, as LangGraph shows them: those it is paused on, and once
 * it has finished, the last one it raised (an answered question stays visible on its checkpoint).
 * The current state (`applyPending`) shows only the questions still waiting for an answer.
 */
function interruptsShownOf(task: TaskRecord): SnapshotTask["interrupts"] {
  const raised = task.raised.length > 0 ? task.raised : task.lastChildRaised !== undefined ? [task.lastChildRaised] : task.raised;
  const shown = task.status === "interrupted" ? task.pending.filter((interrupt) => interrupt.breakpoint !== true) : raised.slice(-1);
  return shown.map(({ id, value }) => ({ id, value }));
}

const pushPath = "__pregel_push";

function pathOf(path: string): readonly [string, string] | readonly [string, number] {
  const [kind, rest] = [path.slice(0, 4), path.slice(5)];
  return kind === "pull" ? ["__pregel_pull", rest] : ["__pregel_push", Number(rest)];
}
