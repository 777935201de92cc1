import { ExpectedRevisionConflictError } from "../../store/store-errors.js";
import { ConcurrentWriteError } from "../errors/run-errors.js";
import { foldNew, revisionDecidedOn, type Decision } from "../thread/decision.js";
import type { ThreadState } from "../thread/thread-state.js";
import { roundTrip } from "../serialization/round-trip.js";
import { conflictRetryPolicy } from "./conflict-retry-policy.js";
import type { Durability } from "./durability.js";
import type { ThreadActor, TimedDecision } from "./thread-actor.js";

/**
 * The thread moved before a run's deferred start was stored: nothing of the run is in the stream,
 * and the run starts again on the new state (see {@link RunWriter}).
 */
export class StartLostError extends Error {
  constructor(readonly runId: string) {
    super(
      `Run ${runId} was not started: another writer appended to the thread before the run's first step was stored, on every attempt. Retry the call, or keep other writers off this thread while it runs.`,
    );
    this.name = "StartLostError";
  }
}

/** The run was ended by another writer (cancelled, rolled back, recovered) while it executed. */
export class RunEndedElsewhere extends Error {}

/** A decision not yet appended, with how to make it again on a thread another writer moved. */
interface Pending extends TimedDecision {
  /** The state it was decided on. */
  readonly before: ThreadState;
  /** Decides it again on another state; absent for the run's start (a lost start starts the run again). */
  readonly redecide: ((state: ThreadState) => Decision) | undefined;
}

/**
 * Appends one run's decisions through its thread's actor, as its {@link Durability} says: each
 * awaited (`sync`), group-committed behind the run (`async`), or all at once when the run stops
 * (`exit`). Until a decision is stored the run plans on {@link state}, the thread as if it were,
 * while the actor (and every reader: `getState`, other processes) still sees the thread without it.
 *
 * A run without a lease (a plain `invoke()` or `stream()`) also holds its start back, in every
 * mode: the start's events go in the same append as its first step, one transaction instead of
 * two. No other process can know of a run that has no lease, so none waits on its start. If the
 * process dies before the first append, the run left nothing, as if `invoke()` were never called.
 * If another writer appends first, the combined append conflicts, nothing is stored, and
 * {@link StartLostError} lets the caller start the run again on the new state. An effect stores
 * everything held back before its body runs ({@link flush}), so an effect's record always follows
 * its run's start and steps, and its body never runs for a start that was lost.
 *
 * Held-back events are copied as the store would read them back: they share objects with the
 * state the run's nodes get, and a node that changes its state in place must not change what the
 * stream will say.
 */
export class RunWriter {
  readonly #pending: Pending[] = [];
  /** How many of {@link #pending} the append under way holds. */
  #inFlight = 0;
  #appending: Promise<void> | undefined;
  #scheduled = false;
  /** Why an append failed: {@link StartLostError}, {@link RunEndedElsewhere}, or the store's error (its outcome unknown). */
  #failure: unknown;

  constructor(
    readonly actor: ThreadActor,
    readonly runId: string,
    readonly durability: Durability = "sync",
  ) {}

  /** The thread as this run sees it: with every decision it made, stored or not. */
  get state(): ThreadState {
    return this.#pending.at(-1)?.decision.state ?? this.actor.state;
  }

  /** Holds the start's decision back, to be appended with the run's next decision. */
  defer(start: TimedDecision): void {
    this.#pending.push({ decision: copied(start.decision), at: start.at, before: this.state, redecide: undefined });
  }

  /**
   * Records `decision` (made on {@link state} by `redecide`), appending it as the durability says;
   * `final` (the run ends or pauses) appends everything held back, in every mode.
   *
   * @throws {StartLostError} when another writer got to the thread before the held-back start
   * was stored; {@link RunEndedElsewhere} when another writer ended the run; the store's error
   * when an append failed otherwise (earlier, or now).
   */
  commit(decision: Decision, at: number, redecide: (state: ThreadState) => Decision, final = false): Promise<void> {
    // Most steps in sync mode: nothing held back, nothing being stored.
    if (this.durability === "sync" && this.#pending.length === 0 && this.#failure === undefined) return this.#appendNow(decision, at, redecide);
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    const held = this.durability === "sync" ? decision : copied(decision);
    this.#pending.push({ decision: held, at, before: this.state, redecide });
    if (final || this.durability === "sync") return this.flush();
    if (this.durability === "async") this.#schedule();
    return Promise.resolve();
  }

  /** Appends everything held back, and waits for it (an effect is about to run, or the run stops). */
  async flush(): Promise<void> {
    for (;;) {
      if (this.#appending) await this.#appending.catch(() => undefined);
      else if (this.#failure === undefined && this.#pending.length > 0) this.#startAppend();
      if (this.#failure !== undefined) throw this.#failure;
      if (this.#appending === undefined && this.#pending.length === 0) return;
    }
  }

  /**
   * Folds the thread again from its stream (a node changed its input state in place, and with it
   * the state this process holds), then what is held back again from its own copy of its events.
   */
  async reload(): Promise<void> {
    if (this.#appending) await this.#appending.catch(() => undefined);
    const madeOn = this.#pending[0] && revisionDecidedOn(this.#pending[0].decision);
    await this.actor.reload();
    if (this.#pending.length === 0 || this.#failure !== undefined) return;
    // The thread moved meanwhile: what is held back was decided on a thread that is no longer there.
    if (this.actor.state.revision !== madeOn) {
      this.#failure =
        this.#pending[0]!.redecide === undefined ? new StartLostError(this.runId) : new ConcurrentWriteError(this.actor.threadId, this.actor.state.step + 1);
      return;
    }
    let state = this.actor.state;
    for (const [index, pending] of this.#pending.entries()) {
      const decision = { ...pending.decision, state: foldNew(this.actor.graph, state, pending.decision.events, pending.at) };
      this.#pending[index] = { ...pending, before: state, decision };
      state = decision.state;
    }
  }

  /** Sync mode's one append, decided again on a conflict that did not touch the run's step. */
  async #appendNow(decision: Decision, at: number, redecide: (state: ThreadState) => Decision): Promise<void> {
    let current = decision;
    for (let attempt = 1; ; attempt++) {
      const before = this.actor.state;
      try {
        return await this.actor.commit(current, at, this.runId);
      } catch (error) {
        if (!(error instanceof ExpectedRevisionConflictError)) throw error;
        current = redecide(await this.#rebase(before, attempt));
      }
    }
  }

  /** Async mode: the append starts on the next turn of the event loop, so the next step runs meanwhile and later steps join it. */
  #schedule(): void {
    if (this.#scheduled || this.#appending) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      if (!this.#appending && this.#failure === undefined && this.#pending.length > 0) this.#startAppend();
    });
  }

  #startAppend(): void {
    this.#inFlight = this.#pending.length;
    this.#appending = this.#appendHeld(1).then(
      () => {
        this.#pending.splice(0, this.#inFlight);
        this.#appending = undefined;
        // Steps decided while the append was under way go in the next one.
        if (this.#pending.length > 0 && this.durability === "async") this.#schedule();
      },
      (error: unknown) => {
        this.#failure = error;
        this.#appending = undefined;
      },
    );
  }

  /** Appends the first {@link #inFlight} held decisions in one append, deciding them again after a conflict. */
  async #appendHeld(attempt: number): Promise<void> {
    const batch = this.#pending.slice(0, this.#inFlight);
    try {
      await this.actor.commitAll(batch, this.runId);
    } catch (error) {
      if (!(error instanceof ExpectedRevisionConflictError)) throw error;
      if (batch[0]!.redecide === undefined) throw new StartLostError(this.runId);
      let state = await this.#rebase(batch[0]!.before, attempt);
      for (const [index, pending] of this.#pending.entries()) {
        const decision = copied(pending.redecide!(state));
        this.#pending[index] = { ...pending, before: state, decision };
        state = decision.state;
      }
      return this.#appendHeld(attempt + 1);
    }
  }

  /**
   * Another writer appended first (a queued run, an effect's record, a lease renewal racing one):
   * the thread as it is now, if this run still owns it and its step is untouched (what the run
   * decided can be decided again on it), as often as {@link conflictRetryPolicy} allows.
   */
  async #rebase(before: ThreadState, attempt: number): Promise<ThreadState> {
    await this.actor.catchUp();
    const now = this.actor.state;
    if (now.activeRun?.runId !== this.runId) throw new RunEndedElsewhere();
    const untouched = now.values === before.values && now.pendingStep === before.pendingStep && now.next === before.next && now.step === before.step;
    if (!untouched || attempt >= conflictRetryPolicy.attempts) throw new ConcurrentWriteError(this.actor.threadId, before.pendingStep?.step ?? before.step + 1);
    return now;
  }
}

/** A decision whose events are copies, as the store would read them back. */
function copied(decision: Decision): Decision {
  return { ...decision, events: decision.events.map(roundTrip) };
}
