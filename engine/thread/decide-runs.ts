import { HistoryTooLongError } from "../errors/limit-errors.js";
import { RunNotFoundError, ThreadAlreadyExistsError, ThreadBusyError } from "../errors/service-errors.js";
import { RunLeaseExpiredError } from "../errors/run-lease-expired-error.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import type { MultitaskStrategy, RequestedInput, RunOptions, ThreadEvent } from "./events.js";
import { foldNew, type Decision } from "./decision.js";
import { queuedRunsOf } from "./lifecycle-machine.js";
import { errorRecordOf } from "./task-outcome.js";
import type { ThreadState } from "./thread-state.js";

/** `runs.create`: put a run in the thread's queue, applying its multitask strategy. */
export interface QueueRun {
  readonly type: "QueueRun";
  readonly runId: string;
  readonly graphName: string;
  readonly input: RequestedInput;
  readonly options: RunOptions;
  readonly multitaskStrategy: MultitaskStrategy;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly configurable?: Readonly<Record<string, unknown>>;
  readonly at: number;
}

/** `threads.create`: a thread with no run yet. */
export interface CreateThread {
  readonly type: "CreateThread";
  readonly graphName: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly at: number;
}

/** `runs.cancel`: stop a queued run, or a run another process executes (or left behind). */
export interface CancelRun {
  readonly type: "CancelRun";
  readonly runId: string;
  readonly action: "interrupt" | "rollback";
  readonly reason: string;
  readonly at: number;
}

/** A run whose lease expired: its process died. End it, or put it back in the queue. */
export interface RecoverRun {
  readonly type: "RecoverRun";
  readonly policy: "error" | "requeue";
  readonly at: number;
}

/**
 * Decides the events of a new run. On a busy thread: `reject` refuses with
 * {@link ThreadBusyError}; `enqueue` waits its turn; `interrupt` and `rollback` cancel the queued
 * runs and the active one (which keeps, or drops, what it committed) before queueing.
 *
 * The active run must not be executing in this process: the engine stops it first, and it
 * records its own end.
 */
export function decideQueueRun(graph: GraphSpec, state: ThreadState, command: QueueRun): Decision {
  const events: ThreadEvent[] = [];
  assertHistoryRoom(graph, state);
  if (state.revision === -1) events.push({ type: "ThreadCreated", v: 1, threadId: state.threadId, graph: command.graphName, reducerFirstWrite: "taken" });
  const queued = queuedRunsOf(state.lifecycle);
  const busyWith = [...(state.activeRun ? [state.activeRun.runId] : []), ...queued.map((run) => run.runId)];
  if (busyWith.length > 0) {
    if (command.multitaskStrategy === "reject") throw new ThreadBusyError(state.threadId, busyWith);
    if (command.multitaskStrategy === "interrupt" || command.multitaskStrategy === "rollback") {
      const reason = `double text: run ${command.runId} was created with multitaskStrategy "${command.multitaskStrategy}"`;
      for (const run of queued) events.push({ type: "RunCancelled", v: 1, runId: run.runId, action: command.multitaskStrategy, reason });
      if (state.activeRun) events.push(...endActiveRun(state, command.multitaskStrategy, reason));
    }
  }
  events.push({
    type: "RunQueued",
    v: 1,
    runId: command.runId,
    input: command.input,
    options: command.options,
    multitaskStrategy: command.multitaskStrategy,
    metadata: command.metadata,
    ...(command.configurable ? { configurable: command.configurable } : {}),
  });
  return { events, state: foldNew(graph, state, events, command.at) };
}

/** Decides the event of a new, empty thread; throws {@link ThreadAlreadyExistsError} if it has events. */
export function decideCreateThread(graph: GraphSpec, state: ThreadState, command: CreateThread): Decision {
  if (state.revision !== -1) throw new ThreadAlreadyExistsError(state.threadId);
  const events: ThreadEvent[] = [
    { type: "ThreadCreated", v: 1, threadId: state.threadId, graph: command.graphName, reducerFirstWrite: "taken", metadata: command.metadata },
  ];
  return { events, state: foldNew(graph, state, events, command.at) };
}

/** Decides the events that cancel a queued run, or an active run not executing in this process. */
export function decideCancelRun(graph: GraphSpec, state: ThreadState, command: CancelRun): Decision {
  let events: ThreadEvent[];
  if (queuedRunsOf(state.lifecycle).some((run) => run.runId === command.runId)) {
    events = [{ type: "RunCancelled", v: 1, runId: command.runId, action: command.action, reason: command.reason }];
  } else if (state.activeRun?.runId === command.runId) {
    events = endActiveRun(state, command.action, command.reason);
  } else {
    throw new RunNotFoundError(state.threadId, command.runId, "it is neither queued nor running (it may have ended already)");
  }
  return { events, state: foldNew(graph, state, events, command.at) };
}

/**
 * Decides what happens to an active run whose lease expired (its process died mid-run): it ends
 * as `error`, or is re-queued to continue from its last committed step. No events when the lease
 * holds.
 */
export function decideRecoverRun(graph: GraphSpec, state: ThreadState, command: RecoverRun): Decision {
  const run = state.activeRun;
  if (!run || run.leaseExpiresAt === undefined || run.leaseExpiresAt > command.at) return { events: [], state };
  const detail = `its lease expired at ${new Date(run.leaseExpiresAt).toISOString()}: the process running it stopped`;
  const events: ThreadEvent[] =
    command.policy === "error"
      ? [{ type: "RunFailed", v: 1, runId: run.runId, error: errorRecordOf(new RunLeaseExpiredError(run.runId, detail)) }]
      : [
          { type: "RunCancelled", v: 1, runId: run.runId, action: "interrupt", reason: `${detail}; re-queued to continue from its last committed step` },
          {
            type: "RunQueued",
            v: 1,
            runId: run.runId,
            input: { kind: "continue" },
            options: run.options,
            multitaskStrategy: "enqueue",
            metadata: { requeued: true },
            ahead: true,
          },
        ];
  return { events, state: foldNew(graph, state, events, command.at) };
}

/** The events that end the active run as cancelled: kept (`interrupt`) or dropped (`rollback`). */
export function endActiveRun(state: ThreadState, action: "interrupt" | "rollback", reason: string): ThreadEvent[] {
  const run = state.activeRun!;
  return action === "interrupt"
    ? [{ type: "RunCancelled", v: 1, runId: run.runId, action, reason }]
    : [{ type: "RunRolledBack", v: 1, runId: run.runId, reason, restored: run.before }];
}

/** Refuses a new run on a thread whose history reached the graph's limit. */
export function assertHistoryRoom(graph: GraphSpec, state: ThreadState): void {
  const events = state.revision + 1;
  if (events >= graph.limits.maxHistoryEvents) throw new HistoryTooLongError(state.threadId, events, graph.limits.maxHistoryEvents);
}
