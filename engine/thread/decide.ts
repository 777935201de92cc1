import type { GraphSpec } from "../graph/graph-spec.js";
import { decideStartRun, type StartRun } from "./decide-start-run.js";
import { decideEffect, type EffectDecision, type RecordEffect } from "./decide-effect.js";
import { decideStep, type RecordStep, type StepDecision } from "./decide-step.js";
import { decideUpdateState, type UpdateState } from "./decide-update-state.js";
import {
  decideCancelRun,
  decideCreateThread,
  decideQueueRun,
  decideRecoverRun,
  endActiveRun,
  type CancelRun,
  type CreateThread,
  type QueueRun,
  type RecoverRun,
} from "./decide-runs.js";
import { foldNew, type Decision } from "./decision.js";
import type { ErrorRecord, PlannedTask } from "./events.js";
import type { ThreadState } from "./thread-state.js";

/** Pause before a step whose tasks include an `interruptBefore` node. */
export interface PauseBeforeStep {
  readonly type: "PauseBeforeStep";
  readonly step: number;
  readonly baseRevision: number;
  readonly tasks: readonly PlannedTask[];
  readonly nodes: readonly string[];
  readonly at: number;
}

/** End the active run without a step: nothing to do, waiting on answers, over its limit, or cancelled. */
export interface EndRun {
  readonly type: "EndRun";
  readonly outcome: "done" | "paused" | { readonly error: ErrorRecord } | { readonly cancelled: "interrupt" | "rollback"; readonly reason: string };
  readonly at: number;
}

/** The process running the active run still holds it. */
export interface RenewLease {
  readonly type: "RenewLease";
  readonly expiresAt: number;
  readonly at: number;
}

/** Everything that can be asked of a thread. */
export type ThreadCommand =
  StartRun | RecordStep | RecordEffect | PauseBeforeStep | EndRun | UpdateState | QueueRun | CancelRun | RecoverRun | RenewLease | CreateThread;

/**
 * The thread's decider: validates a command against the state and returns the events to append
 * (and the state they lead to), or throws a named error and nothing is written. Pure.
 */
export function decide(graph: GraphSpec, state: ThreadState, command: StartRun): Decision;
export function decide(graph: GraphSpec, state: ThreadState, command: RecordStep): StepDecision;
export function decide(graph: GraphSpec, state: ThreadState, command: RecordEffect): EffectDecision;
export function decide(graph: GraphSpec, state: ThreadState, command: ThreadCommand): Decision;
export function decide(graph: GraphSpec, state: ThreadState, command: ThreadCommand): Decision {
  switch (command.type) {
    case "StartRun":
      return decideStartRun(graph, state, command);
    case "RecordStep":
      return decideStep(graph, state, command);
    case "RecordEffect":
      return decideEffect(graph, state, command);
    case "UpdateState":
      return decideUpdateState(graph, state, command);
    case "PauseBeforeStep": {
      const runId = state.activeRun?.runId ?? "";
      return decision(graph, state, command.at, [
        { type: "StepStarted", v: 1, step: command.step, baseRevision: command.baseRevision, tasks: command.tasks },
        { type: "BreakpointHit", v: 1, step: command.step, when: "before", nodes: command.nodes },
        { type: "RunSucceeded", v: 1, runId, pausedOn: "breakpoint" },
      ]);
    }
    case "EndRun": {
      const runId = state.activeRun?.runId ?? "";
      const outcome = command.outcome;
      if (typeof outcome === "object" && "cancelled" in outcome)
        return decision(graph, state, command.at, endActiveRun(state, outcome.cancelled, outcome.reason));
      return decision(graph, state, command.at, [
        outcome === "done"
          ? { type: "RunSucceeded", v: 1, runId }
          : outcome === "paused"
            ? { type: "RunSucceeded", v: 1, runId, pausedOn: "interrupt" }
            : { type: "RunFailed", v: 1, runId, error: outcome.error },
      ]);
    }
    case "QueueRun":
      return decideQueueRun(graph, state, command);
    case "CancelRun":
      return decideCancelRun(graph, state, command);
    case "RecoverRun":
      return decideRecoverRun(graph, state, command);
    case "CreateThread":
      return decideCreateThread(graph, state, command);
    case "RenewLease":
      return decision(
        graph,
        state,
        command.at,
        state.activeRun ? [{ type: "RunLeaseRenewed", v: 1, runId: state.activeRun.runId, expiresAt: command.expiresAt }] : [],
      );
  }
}

function decision(graph: GraphSpec, state: ThreadState, at: number, events: Decision["events"]): Decision {
  return { events, state: foldNew(graph, state, events, at) };
}
