import { ReplayGraphError } from "../errors/replaygraph-error.js";
import { ThreadBusyError } from "../errors/service-errors.js";
import { EmptyInputError } from "../errors/run-errors.js";
import { assertHistoryRoom } from "./decide-runs.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import {
  AmbiguousResumeError,
  NoPendingInterruptError,
  ThreadNotFoundError,
  UnknownInterruptError,
  UpdateWhileInterruptedError,
} from "../errors/resume-errors.js";
import type { ForkedState, RequestedInput, Routes, RunInput, RunOptions, ThreadEvent, Writes } from "./events.js";
import { queuedRunsOf } from "./lifecycle-machine.js";
import { foldNew, type Decision } from "./decision.js";
import { hasWork } from "./evolve.js";
import { errorRecordOf } from "./task-outcome.js";
import { isRunnable, openBreakpointsOf, pendingInterruptsOf } from "./pending-interrupts.js";
import type { ThreadState } from "./thread-state.js";
import { threadForkedOf, type Fork } from "./forked-state.js";

/** How the run starts: what the caller asked, with the routing from START of new input. */
export type StartInput =
  | Exclude<RequestedInput, { kind: "input" }>
  | { readonly kind: "input"; readonly values: Writes; readonly routes: Routes; readonly fromInputCheckpoint?: true };

/** The command that starts a run on a thread. */
export interface StartRun {
  readonly type: "StartRun";
  readonly runId: string;
  readonly graphName: string;
  readonly input: StartInput;
  readonly options: RunOptions;
  /** Fork first: restart from this past checkpoint's state. */
  readonly fork?: Fork;
  /** For a subgraph's thread: the task that runs it. */
  readonly parent?: { readonly threadId: string; readonly taskId: string };
  /** For a subgraph's run: the checkpoints the steps above it were planned from, the root's first (see RunStarted). */
  readonly parentCheckpoints?: readonly number[];
  /** Set when the run was queued (runs.create): it starts only if still queued and nothing else runs. */
  readonly queued?: boolean;
  /** Epoch ms until which this process holds the run. */
  readonly leaseExpiresAt?: number;
  readonly at: number;
}

/**
 * Decides the events that start a run, or throws the named error that refuses it (nothing is
 * written then). A decision with no events means there is nothing to run.
 */
export function decideStartRun(graph: GraphSpec, state: ThreadState, command: StartRun): Decision {
  if (!command.queued) return decideStart(graph, state, command);
  try {
    return decideStart(graph, state, command);
  } catch (error) {
    // A queued run refused when its turn comes (its interrupt was answered by another writer, an
    // unknown id, nothing pending) leaves the queue with status error; the refusal is thrown
    // after it is recorded, so a dispatcher never retries it.
    const stillQueued = queuedRunsOf(state.lifecycle).some((run) => run.runId === command.runId);
    if (!(error instanceof ReplayGraphError) || !stillQueued) throw error;
    const reason = `it was refused when its turn came: ${error.message}`;
    const events: ThreadEvent[] = [{ type: "RunCancelled", v: 1, runId: command.runId, action: "interrupt", reason, error: errorRecordOf(error) }];
    return { events, state: foldNew(graph, state, events, command.at), refused: error };
  }
}

function decideStart(graph: GraphSpec, state: ThreadState, command: StartRun): Decision {
  assertHistoryRoom(graph, state);
  if (command.queued) {
    const stillQueued = queuedRunsOf(state.lifecycle).some((run) => run.runId === command.runId);
    if (!stillQueued || state.activeRun) return { events: [], state };
  }
  const { events, base, folded } = openingOf(graph, state, command);
  const start = startEventsOf(base, command);
  if (start === undefined) {
    if (!command.queued) return { events: [], state };
    // A queued run with nothing to run still leaves the queue: it starts and ends at once, with the state as it is.
    events.push(startedOf(command, { kind: "continue" }), { type: "RunSucceeded", v: 1, runId: command.runId });
    return { events, state: foldNew(graph, base, events.slice(folded), command.at) };
  }
  events.push(...start);
  return { events, state: foldNew(graph, base, events.slice(folded), command.at) };
}

/**
 * What comes before a run's start: the thread's creation (a new thread), its fork (a run from a
 * past checkpoint), the end of a run that never ended. `base` is the state with them folded in,
 * `folded` how many of `events` that is.
 */
function openingOf(graph: GraphSpec, state: ThreadState, command: StartRun): { events: ThreadEvent[]; base: ThreadState; folded: number } {
  const events: ThreadEvent[] = [];
  if (state.revision === -1) {
    if (command.input.kind === "command" && command.input.resume) throw new ThreadNotFoundError(state.threadId);
    if (command.input.kind === "continue" && !command.fork) throw new EmptyInputError(state.threadId);
    events.push({
      type: "ThreadCreated",
      v: 1,
      threadId: state.threadId,
      graph: command.graphName,
      reducerFirstWrite: "taken",
      ...(command.parent ? { parent: command.parent } : {}),
    });
  }
  if (command.fork) events.push(threadForkedOf(command.fork));
  let base = events.length ? foldNew(graph, state, events, command.at) : state;
  if (!base.activeRun) return { events, base, folded: events.length };
  // A run that never ended. While its lease holds, another process is running it: refuse.
  const lease = base.activeRun.leaseExpiresAt;
  if (lease !== undefined && lease > command.at) throw new ThreadBusyError(state.threadId, [base.activeRun.runId], "invoke");
  // Without a lease, or past it, its process died (or a writer we cannot see still runs it; then
  // that writer's next append conflicts with ours and it stops). Either way it is over.
  events.push({
    type: "RunFailed",
    v: 1,
    runId: base.activeRun.runId,
    error: errorRecordOf(new Error("The run was abandoned: a new run started on its thread before it ended.")),
  });
  base = foldNew(graph, base, events.slice(-1), command.at);
  return { events, base, folded: events.length };
}

/** The run's `RunStarted` (and `InterruptResumed` for an answer) on `base`; undefined when there is nothing to run. */
function startEventsOf(base: ThreadState, command: StartRun): ThreadEvent[] | undefined {
  const input = command.input;
  switch (input.kind) {
    case "input":
      return [
        startedOf(command, {
          kind: "input",
          values: input.values,
          routes: input.routes,
          ...(input.fromInputCheckpoint ? { fromInputCheckpoint: true as const } : {}),
        }),
      ];
    case "continue": {
      // Waiting at a breakpoint (its own, or a subgraph's) counts as work: continuing passes it (and may just end the run).
      const runnable = base.pendingStep
        ? base.pendingStep.tasks.some((task) => isRunnable(task) || openBreakpointsOf(task).length > 0)
        : hasWork(base) || base.breakpoint !== undefined;
      if (!runnable && !command.fork) return undefined;
      return [startedOf(command, { kind: "continue" })];
    }
    case "command":
      return commandStartOf(base, command, input);
  }
}

/** A Command's start: an update or goto (refused while interrupts wait), or an answer to the pending interrupts. */
function commandStartOf(base: ThreadState, command: StartRun, input: Extract<StartRun["input"], { kind: "command" }>): ThreadEvent[] {
  const pending = pendingInterruptsOf(base);
  const runInput: RunInput = {
    kind: "command",
    ...(input.update !== undefined ? { update: input.update } : {}),
    ...(input.goto?.length ? { goto: input.goto } : {}),
    ...(input.resume ? { resume: true } : {}),
  };
  if (!input.resume) {
    if (pending.length > 0) throw new UpdateWhileInterruptedError(pending);
    return [startedOf(command, runInput)];
  }
  if (input.resume.kind === "map") assertPending(base, input.resume.answers, pending);
  if (pending.length === 0) {
    throw new NoPendingInterruptError(
      base.threadId,
      base.breakpoint
        ? `It waits at a static breakpoint (${base.breakpoint.when} ${base.breakpoint.nodes.join(", ")}), not at an interrupt: continue with invoke(null, config).`
        : undefined,
    );
  }
  return [startedOf(command, runInput), { type: "InterruptResumed", v: 1, runId: command.runId, answers: bindAnswers(base, input.resume, pending) }];
}

/** The `RunStarted` event of `command`'s run. */
function startedOf(command: StartRun, runInput: RunInput): ThreadEvent {
  return {
    type: "RunStarted",
    v: 1,
    runId: command.runId,
    input: runInput,
    options: command.options,
    ...(command.fork ? { fromCheckpoint: command.fork.fromRevision } : {}),
    ...(command.parentCheckpoints !== undefined ? { parentCheckpoints: command.parentCheckpoints } : {}),
    ...(command.leaseExpiresAt !== undefined ? { leaseExpiresAt: command.leaseExpiresAt } : {}),
  };
}

function bindAnswers(
  state: ThreadState,
  resume: NonNullable<Extract<RequestedInput, { kind: "command" }>["resume"]>,
  pending: ReturnType<typeof pendingInterruptsOf>,
): { taskId: string; interruptId: string; value: unknown }[] {
  if (resume.kind === "value") {
    if (pending.length > 1) throw new AmbiguousResumeError(pending);
    const only = pending[0]!;
    return [{ taskId: only.taskId, interruptId: only.id, value: resume.value }];
  }
  return Object.entries(resume.answers).map(([interruptId, value]) => {
    const match = pending.find((interrupt) => interrupt.id === interruptId)!;
    return { taskId: match.taskId, interruptId, value };
  });
}

/** Throws {@link UnknownInterruptError} for the first id of a resume map that is not pending. */
function assertPending(state: ThreadState, answers: Readonly<Record<string, unknown>>, pending: ReturnType<typeof pendingInterruptsOf>): void {
  for (const interruptId of Object.keys(answers)) {
    if (pending.some((interrupt) => interrupt.id === interruptId)) continue;
    throw new UnknownInterruptError(interruptId, state.answered.includes(interruptId) ? "already_answered" : "unknown", pending);
  }
}
