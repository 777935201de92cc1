import { ExpectedRevisionConflictError } from "../../store/store-errors.js";
import { foldNew, revisionDecidedOn, type Decision } from "../thread/decision.js";
import type { ThreadState } from "../thread/thread-state.js";
import { roundTrip } from "../serialization/round-trip.js";
import type { ThreadActor, TimedDecision } from "./thread-actor.js";

/**
 * The thread moved before a run's deferred start was stored: nothing of the run is in the stream,
 * and the run starts again on the new state (see {@link RunWriter}).
 */
export class StartLostError extends Error {
  constructor(readonly runId: string) {
    super(`Run ${runId} was not started: another writer appended to the thread before the run's first step was stored, on every attempt. Retry the call, or keep other writers off this thread while it runs.`);
    this.name = "StartLostError";
  }
}

/**
 * Appends one run's decisions through its thread's actor. A run without a lease (a plain
 * `invoke()` or `stream()`) may hold its start back: the start's events then go in the same
 * append as its first step, one transaction instead of two. Until then the run plans on
 * {@link state}, the thread as if the start were stored, while the actor (and every reader)
 * still sees the thread without it.
 *
 * What deferring changes, and why it is safe: no other process can know of a run that has no
 * lease, so none waits on its start. If the process dies before the first step's append, the
 * run left nothing, as if `invoke()` were never called (an eager start would leave a run that
 * recovery marks abandoned). If another writer appends first, the combined append conflicts,
 * nothing is stored, and {@link StartLostError} lets the caller start the run again on the new
 * state. An effect stores the start before its body runs ({@link storeStart}), so an effect's
 * record always follows its run's start and its body never runs for a start that was lost.
 */
export class RunWriter {
  #deferred: TimedDecision | undefined;
  #storing: Promise<void> | undefined;
  /** Why the held-back start could not be stored: {@link StartLostError}, or the store's error (its outcome unknown). */
  #failure: unknown;

  constructor(
    readonly actor: ThreadActor,
    readonly runId: string,
  ) {}

  /** The thread as this run sees it: with its start, even while that is held back. */
  get state(): ThreadState {
    return this.#deferred?.decision.state ?? this.actor.state;
  }

  /**
   * Holds the start's decision back, to be appended with the run's next decision. Its events are
   * copied now, as the store would read them back: they share objects with the state the run's
   * nodes get (the input, the answers), and a node that changes its state in place must not
   * change what the stream says the run was started with.
   */
  defer(start: TimedDecision): void {
    this.#deferred = { decision: { ...start.decision, events: start.decision.events.map(roundTrip) }, at: start.at };
  }

  /**
   * Appends `decision` (made on {@link state}), with the held-back start before it if there is one.
   *
   * @throws {StartLostError} when another writer got to the thread before the held-back start
   * was stored; the store's error when storing it failed otherwise (earlier, or now).
   */
  commit(decision: Decision, at: number): Promise<void> {
    // Most steps: no start held back, none being stored.
    if (this.#deferred === undefined && this.#storing === undefined && this.#failure === undefined) return this.actor.commit(decision, at, this.runId);
    return this.#commitAfterStart(decision, at);
  }

  async #commitAfterStart(decision: Decision, at: number): Promise<void> {
    if (this.#storing) await this.#storing.catch(() => undefined);
    if (this.#failure !== undefined) throw this.#failure;
    const deferred = this.#deferred;
    if (!deferred) return this.actor.commit(decision, at, this.runId);
    this.#deferred = undefined;
    return this.#appendWithStart(deferred, decision, at);
  }

  /**
   * Folds the thread again from its stream (a node changed its input state in place, and with it
   * the state this process holds), and the held-back start again from its own copy of its events.
   */
  async reload(): Promise<void> {
    const deferred = this.#deferred;
    const madeOn = deferred && revisionDecidedOn(deferred.decision);
    await this.actor.reload();
    if (!deferred || this.#deferred !== deferred) return;
    // The thread moved meanwhile: the start was decided on a thread that is no longer there.
    if (this.actor.state.revision !== madeOn) {
      this.#failure = new StartLostError(this.runId);
      return;
    }
    this.#deferred = { decision: { ...deferred.decision, state: foldNew(this.actor.graph, this.actor.state, deferred.decision.events, deferred.at) }, at: deferred.at };
  }

  /** Appends the held-back start now, alone (an effect is about to run). */
  storeStart(): Promise<void> {
    if (this.#storing) return this.#storing;
    const deferred = this.#deferred;
    if (!deferred) return Promise.resolve();
    this.#deferred = undefined;
    this.#storing = this.#appendWithStart(deferred, undefined, deferred.at);
    return this.#storing;
  }

  async #appendWithStart(start: TimedDecision, decision: Decision | undefined, at: number): Promise<void> {
    try {
      await this.actor.commitAll(decision ? [start, { decision, at }] : [start], this.runId);
    } catch (error) {
      // The run keeps seeing itself started (its later decisions fail with this error too).
      this.#deferred = start;
      this.#failure = error instanceof ExpectedRevisionConflictError ? new StartLostError(this.runId) : error;
      throw this.#failure;
    }
  }
}
