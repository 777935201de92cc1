import type { GraphSpec } from "../graph/graph-spec.js";
import { GraphRecursionError, InvalidUpdateError } from "../errors/run-errors.js";
import type { PlannedTask, ThreadEvent } from "./events.js";
import { foldNew, type Decision } from "./decision.js";
import { hasWork } from "./evolve.js";
import { matches } from "./plan-step.js";
import { errorRecordOf, type TaskOutcome } from "./task-outcome.js";
import type { ThreadState } from "./thread-state.js";

/** The outcomes of one execution of a step's runnable tasks. */
export interface RecordStep {
  readonly type: "RecordStep";
  readonly step: number;
  readonly baseRevision: number;
  /** Set when the step is new: every task planned for it. */
  readonly newTasks?: readonly PlannedTask[];
  /** In task path order. */
  readonly outcomes: readonly TaskOutcome[];
  readonly at: number;
}

/** A decision about a step, and the error that ended the run when one did. */
export interface StepDecision extends Decision {
  /** The run ended with this error (a failed task's, or the commit's). */
  readonly error?: unknown;
  /** The run ended (succeeded, paused or failed) with this decision. */
  readonly runEnded: boolean;
}

/**
 * Records a step's outcomes and decides what follows, in one batch of events: commit when every
 * task of the step has succeeded (writes applied in path order), then pause at an
 * `interruptAfter` breakpoint, end the run, or stop at the recursion limit; or end the run paused
 * on interrupts, or failed.
 */
export function decideStep(graph: GraphSpec, state: ThreadState, command: RecordStep): StepDecision {
  const runId = state.activeRun?.runId ?? "";
  const events = outcomeEventsOf(state, command);
  const recorded = foldNew(graph, state, events, command.at);
  const end = (extra: readonly ThreadEvent[], error?: unknown): StepDecision => {
    const all = [...events, ...extra];
    return { events: all, state: foldNew(graph, recorded, extra, command.at), runEnded: true, ...(error !== undefined ? { error } : {}) };
  };

  const failed = command.outcomes.find((outcome) => outcome.kind === "failed");
  if (failed) return end([{ type: "RunFailed", v: 1, runId, error: errorRecordOf(failed.error) }], failed.error);

  const tasks = recorded.pendingStep?.tasks ?? [];
  if (tasks.some((task) => task.status !== "succeeded")) {
    return end([{ type: "RunSucceeded", v: 1, runId, pausedOn: "interrupt" }]);
  }

  const commit: ThreadEvent = { type: "StepCommitted", v: 1, step: command.step };
  let committed: ThreadState;
  try {
    committed = foldNew(graph, recorded, [commit], command.at);
  } catch (error) {
    if (!(error instanceof InvalidUpdateError)) throw error;
    return end([{ type: "RunFailed", v: 1, runId, error: errorRecordOf(error) }], error);
  }
  events.push(commit);
  const after = state.activeRun?.options.interruptAfter ?? graph.interruptAfter;
  const hit = [...new Set(tasks.filter((task) => matches(after, task.node)).map((task) => task.node))];
  const finish = (extra: readonly ThreadEvent[], error?: unknown): StepDecision => ({
    events: [...events, ...extra],
    state: foldNew(graph, committed, extra, command.at),
    runEnded: true,
    ...(error !== undefined ? { error } : {}),
  });
  if (hit.length > 0) {
    return finish([
      { type: "BreakpointHit", v: 1, step: command.step, when: "after", nodes: hit },
      { type: "RunSucceeded", v: 1, runId, pausedOn: "breakpoint" },
    ]);
  }
  if (!hasWork(committed)) return finish([{ type: "RunSucceeded", v: 1, runId }]);
  const run = committed.activeRun;
  if (run && run.stepsTaken >= run.options.recursionLimit) {
    const error = new GraphRecursionError(run.options.recursionLimit);
    return finish([{ type: "RunFailed", v: 1, runId, error: errorRecordOf(error) }], error);
  }
  return { events, state: committed, runEnded: false };
}

/** A step's record: its start (a new step), then each outcome's warnings and its task's end. */
function outcomeEventsOf(state: ThreadState, command: RecordStep): ThreadEvent[] {
  const events: ThreadEvent[] = [];
  if (command.newTasks) events.push({ type: "StepStarted", v: 1, step: command.step, baseRevision: command.baseRevision, tasks: command.newTasks });
  for (const outcome of command.outcomes) {
    const node =
      state.pendingStep?.tasks.find((task) => task.id === outcome.taskId)?.node ?? command.newTasks?.find((task) => task.id === outcome.taskId)?.node ?? "";
    for (const warning of outcome.warnings) {
      events.push({
        type: "ReplayWarningRaised",
        v: 1,
        kind: warning.kind,
        node,
        taskId: warning.taskId,
        ...(warning.index !== undefined ? { index: warning.index } : {}),
        detail: warning.detail,
      });
    }
    switch (outcome.kind) {
      case "succeeded":
        events.push({ type: "TaskSucceeded", v: 1, step: command.step, taskId: outcome.taskId, writes: outcome.writes, routes: outcome.routes });
        break;
      case "interrupted":
        events.push({ type: "TaskInterrupted", v: 1, step: command.step, taskId: outcome.taskId, interrupts: outcome.interrupts });
        break;
      case "failed":
        events.push({ type: "TaskFailed", v: 1, step: command.step, taskId: outcome.taskId, error: errorRecordOf(outcome.error), attempts: outcome.attempts });
        break;
    }
  }
  return events;
}
