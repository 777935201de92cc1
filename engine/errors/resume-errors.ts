import { ReplayGraphError } from "./replaygraph-error.js";

/** What a pending interrupt looks like in an error message or field. */
export interface PendingInterruptSummary {
  readonly id: string;
  readonly node: string;
  readonly value: unknown;
}

function describe(pending: readonly PendingInterruptSummary[]): string {
  return pending.map((p) => `${p.id} (node '${p.node}')`).join(", ");
}

/** `Command({ resume: value })` with a bare value while several interrupts are pending. */
export class AmbiguousResumeError extends ReplayGraphError {
  readonly code = "AMBIGUOUS_RESUME";
  readonly pending: readonly PendingInterruptSummary[];

  constructor(pending: readonly PendingInterruptSummary[]) {
    super(
      `${pending.length} interrupts are pending, so a bare resume value is ambiguous. Answer by id: ` +
        `new Command({ resume: { [interruptId]: value, ... } }). Pending: ${describe(pending)}.`,
    );
    this.pending = pending;
  }
}

/** A resume names an interrupt id that is not pending (unknown, stale or already answered). */
export class UnknownInterruptError extends ReplayGraphError {
  readonly code = "UNKNOWN_INTERRUPT";
  readonly interruptId: string;
  readonly reason: "unknown" | "already_answered";
  readonly pending: readonly PendingInterruptSummary[];

  constructor(interruptId: string, reason: "unknown" | "already_answered", pending: readonly PendingInterruptSummary[]) {
    super(
      `Interrupt ${interruptId} ${reason === "already_answered" ? "was already answered" : "is not pending on this thread"}; ` +
        `nothing was written. ${pending.length ? `Pending now: ${describe(pending)}.` : "Nothing is pending now."} ` +
        `Read the current interrupts with getState(config).tasks and answer those.`,
    );
    this.interruptId = interruptId;
    this.reason = reason;
    this.pending = pending;
  }
}

/** A resume on a thread that has no pending interrupt. */
export class NoPendingInterruptError extends ReplayGraphError {
  readonly code = "NO_PENDING_INTERRUPT";
  readonly threadId: string;

  constructor(threadId: string, detail?: string) {
    super(
      `Thread '${threadId}' has no pending interrupt to resume; nothing was written. ` +
        (detail ?? `Start a run with invoke(input, config), or check the thread_id.`),
    );
    this.threadId = threadId;
  }
}

/** A resume sent to a thread that has never run (not a kind of {@link NoPendingInterruptError}: there is no thread at all). */
export class ThreadNotFoundError extends ReplayGraphError {
  readonly code = "THREAD_NOT_FOUND";
  readonly threadId: string;

  constructor(threadId: string) {
    super(
      `Thread '${threadId}' has no pending interrupt to resume; nothing was written. The thread has no history at all: a new ` +
        `thread_id starts a new, empty thread. Resume with the thread_id the interrupt came from, or start this thread with invoke(input, config).`,
    );
    this.threadId = threadId;
  }
}

/** A resume value that is not an answer (`undefined`). */
export class InvalidResumeError extends ReplayGraphError {
  readonly code = "INVALID_RESUME";

  constructor(detail: string) {
    super(detail);
  }
}

/** `Command({ update })` without `resume` while an interrupt is pending. */
export class UpdateWhileInterruptedError extends ReplayGraphError {
  readonly code = "UPDATE_WHILE_INTERRUPTED";
  readonly pending: readonly PendingInterruptSummary[];

  constructor(pending: readonly PendingInterruptSummary[]) {
    super(
      `Command({ update }) does not answer the pending interrupt (${describe(pending)}); nothing was written. ` +
        `To answer it, use new Command({ resume: value }) (optionally with update). ` +
        `To change the state without answering, use graph.updateState(config, values).`,
    );
    this.pending = pending;
  }
}

/** A resume that names a checkpoint which is not the thread's latest. */
export class StaleCheckpointError extends ReplayGraphError {
  readonly code = "STALE_CHECKPOINT";

  constructor(checkpointId: string, headId: string | undefined) {
    super(
      `Checkpoint ${checkpointId} is not the thread's latest (${headId ?? "none"}), so its interrupts cannot be ` +
        `answered any more. To answer again from there, fork: invoke(null, { configurable: { thread_id, checkpoint_id } }) ` +
        `re-raises its interrupts with new ids; then resume those.`,
    );
  }
}

/** A `checkpoint_id` that does not belong to the thread. */
export class UnknownCheckpointError extends ReplayGraphError {
  readonly code = "UNKNOWN_CHECKPOINT";

  constructor(checkpointId: string, threadId: string) {
    super(
      `Checkpoint '${checkpointId}' is not a checkpoint of thread '${threadId}'. ` +
        `List the thread's checkpoints with getStateHistory(config) and use one of their config.configurable.checkpoint_id.`,
    );
  }
}
