import { ReplayGraphError } from "./replaygraph-error.js";

/** An audit (history, state at a revision, verify, export) of a thread the store has no events for. */
export class UnknownThreadError extends ReplayGraphError {
  readonly code = "UNKNOWN_THREAD";
  readonly threadId: string;

  constructor(threadId: string) {
    super(
      `Thread '${threadId}' has no events in this store. Check the thread id (\`replaygraph threads\` lists the ` +
        `threads of a store) and that you opened the store the thread was recorded in (--store or REPLAYGRAPH_STORE).`,
    );
    this.threadId = threadId;
  }
}

/** A revision that is not one of the thread's: negative, not an integer, or past its last event. */
export class RevisionOutOfRangeError extends ReplayGraphError {
  readonly code = "REVISION_OUT_OF_RANGE";
  readonly threadId: string;
  readonly revision: number;
  readonly lastRevision: number;

  constructor(threadId: string, revision: number, lastRevision: number) {
    super(
      `Thread '${threadId}' has no revision ${String(revision)}: its revisions run from 0 to ${lastRevision}. ` +
        `Pick one of those (\`replaygraph history ${threadId}\` lists them).`,
    );
    this.threadId = threadId;
    this.revision = revision;
    this.lastRevision = lastRevision;
  }
}

/** `verify` re-executed a task that ran an effect the history has no record of. */
export class UnrecordedEffectError extends ReplayGraphError {
  readonly code = "UNRECORDED_EFFECT";

  constructor(node: string, key: string) {
    super(
      `node '${node}' ran effect('${key}'), which the recorded history has no result for. verify never runs effect ` +
        `bodies: today's code performs a side effect the recorded execution did not (a new or renamed effect key).`,
    );
  }
}
