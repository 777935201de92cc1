import { INTERRUPT } from "../graph/constants.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { updatesShownOf } from "../graph/multiple-writes.js";
import { valuesWithPendingWrites } from "../thread/evolve.js";
import { isWaiting, pendingInterruptsOf } from "../thread/pending-interrupts.js";
import { inputSnapshotOf } from "../thread/state-snapshot.js";
import { errorRecordOf, type TaskOutcome } from "../thread/task-outcome.js";
import type { ThreadState } from "../thread/thread-state.js";
import { emitCheckpoint, emitTaskResult } from "./progress-chunks.js";
import type { RunEnvironment } from "./run-thread.js";
import type { RunSink } from "./run-sink.js";
import { streamedCheckpointOf } from "./streamed-checkpoint.js";
import type { ThreadActor } from "./thread-actor.js";

/**
 * A static breakpoint surfaces as an empty interrupt list, in both modes. A subgraph's shows only
 * on the graph the caller runs (LangGraph's nested graphs pause their caller without a chunk).
 */
export function emitBreakpoint(env: RunEnvironment): void {
  if ((env.scope?.namespace.length ?? 0) > 0) return;
  // As LangGraph: a run from a subgraph's checkpoint reports its pause under that subgraph's namespace, when it streams subgraphs.
  const deepest = env.scope?.replay?.deepest;
  const sink = deepest !== undefined && env.scope?.sinkFor ? env.scope.sinkFor(deepest) : env.sink;
  sink?.emit("updates", { [INTERRUPT]: [] });
  sink?.emit("values", { [INTERRUPT]: [] });
}

/**
 * As LangGraph, when the graph the caller runs pauses in a step: the state with its finished
 * tasks' writes (if they wrote), then `{ __interrupt__: [] }` when it waits only on subgraphs'
 * breakpoints (questions were reported as their tasks raised them).
 */
export function emitPause(env: RunEnvironment, graph: GraphSpec, before: ThreadState, outcomes: readonly TaskOutcome[], paused: ThreadState): void {
  const sink = env.sink;
  if (!sink) return;
  if (stepWrote(before, outcomes)) sink.emit("values", valuesWithPendingWrites(graph, paused));
  if (pendingInterruptsOf(paused).length === 0 && isWaiting(paused)) emitBreakpoint(env);
}

/** As LangGraph: a run that picks up a pending step first reports what its finished tasks wrote, marked cached. */
export function emitCachedUpdates(sink: RunSink, state: ThreadState): void {
  for (const task of state.pendingStep?.tasks ?? []) {
    if (task.status === "succeeded") sink.emit("updates", { [task.node]: task.writes ?? {}, __metadata__: { cached: true } });
  }
}

/** Reports a task's outcome as it ends: its updates or questions, and (`step` set) its `tasks` chunk. */
export function reportOutcome(sink: RunSink, node: string, outcome: TaskOutcome, step: number | undefined, now: () => number): void {
  if (outcome.kind === "succeeded")
    sink.emit("updates", { [node]: updatesShownOf(outcome.returned ?? outcome.writes), ...(outcome.cached ? { __metadata__: { cached: true } } : {}) });
  if (outcome.kind === "interrupted") {
    // A subgraph waiting at a breakpoint is not a question: the pause shows as `[]` when the run ends (emitPause).
    const interrupts = outcome.interrupts.filter((interrupt) => interrupt.breakpoint !== true).map(({ id, value }) => ({ id, value }));
    if (interrupts.length > 0) {
      sink.emit("updates", { [INTERRUPT]: interrupts });
      sink.emit("values", { [INTERRUPT]: interrupts });
    }
  }
  if (step === undefined) return;
  emitTaskResult(
    sink,
    step,
    {
      id: outcome.taskId,
      name: node,
      result: outcome.kind === "succeeded" ? (outcome.returned ?? outcome.writes) : {},
      interrupts:
        outcome.kind === "interrupted" ? outcome.interrupts.filter((interrupt) => interrupt.breakpoint !== true).map(({ id, value }) => ({ id, value })) : [],
      error: outcome.kind === "failed" ? errorRecordOf(outcome.error) : null,
    },
    now(),
  );
}

/** The input checkpoint LangGraph reports before the checkpoint a run's new input made. */
export async function emitInputCheckpoint(env: RunEnvironment, actor: ThreadActor, before: ThreadState, started: ThreadState): Promise<void> {
  const checkpoint = started.checkpoint;
  if (!env.sink || !checkpoint?.input || checkpoint.revision === before.checkpoint?.revision) return;
  emitCheckpoint(env.sink, await streamedCheckpointOf(actor.graph, actor.store, actor.threadId, inputSnapshotOf(before, started), env.scope), env.now());
}

/** Reports the questions a paused thread waits on, as LangGraph does when a run pauses. */
export function emitInterrupts(sink: RunSink | undefined, state: ThreadState): void {
  if (!sink) return;
  const interrupts = pendingInterruptsOf(state).map(({ id, value }) => ({ id, value }));
  if (interrupts.length === 0) return;
  sink.emit("updates", { [INTERRUPT]: interrupts });
  sink.emit("values", { [INTERRUPT]: interrupts });
}

/** Whether a step's finished tasks (this execution's, and siblings finished before a pause) wrote any channel. */
export function stepWrote(state: ThreadState, outcomes: readonly TaskOutcome[]): boolean {
  const wrote = (writes: object | undefined) => writes !== undefined && Object.keys(writes).length > 0;
  return (
    outcomes.some((outcome) => outcome.kind === "succeeded" && wrote(outcome.writes)) ||
    (state.pendingStep?.tasks.some((task) => task.status === "succeeded" && wrote(task.writes)) ?? false)
  );
}
