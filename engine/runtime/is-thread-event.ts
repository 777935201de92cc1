import type { ThreadEventType } from "../thread/events.js";

const knownTypes: { readonly [TType in ThreadEventType]: 1 } = {
  ThreadCreated: 1,
  RunStarted: 1,
  StepStarted: 1,
  TaskSucceeded: 1,
  TaskInterrupted: 1,
  TaskFailed: 1,
  StepCommitted: 1,
  InterruptResumed: 1,
  StateUpdated: 1,
  ThreadForked: 1,
  BreakpointHit: 1,
  ReplayWarningRaised: 1,
  EffectRecorded: 1,
  RunSucceeded: 1,
  RunFailed: 1,
  RunQueued: 1,
  RunCancelled: 1,
  RunRolledBack: 1,
  RunLeaseRenewed: 1,
};

/** True for a stored value shaped like a thread event of a known type and version. */
export function isThreadEvent(value: unknown): value is { readonly type: ThreadEventType; readonly v: 1 } {
  if (typeof value !== "object" || value === null) return false;
  const { type, v } = value as { type?: unknown; v?: unknown };
  return typeof type === "string" && Object.prototype.hasOwnProperty.call(knownTypes, type) && v === 1;
}

/** True for the name of a thread event type this version knows. */
export function isThreadEventType(type: unknown): type is ThreadEventType {
  return typeof type === "string" && Object.prototype.hasOwnProperty.call(knownTypes, type);
}
