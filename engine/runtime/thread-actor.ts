import type { EventStore, NewEvent, RecordedEvent } from "../../store/event-store.js";
import { retryOnConflict } from "./conflict-retry-policy.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { initialValues } from "../thread/apply-writes.js";
import { revisionDecidedOn, type Decision } from "../thread/decision.js";
import { evolve } from "../thread/evolve.js";
import { streamNameOf } from "../thread/ids.js";
import { initialThreadState, type ThreadState } from "../thread/thread-state.js";
import { encodeThreadEvents } from "../thread/encode-thread-events.js";
import { upcastThreadEvent } from "../thread/upcast-thread-event.js";
import { defaultSnapshotEvery, snapshotSpacingOf } from "../snapshot/snapshot-spacing.js";
import { readUncheckedThreadSnapshot, writeThreadSnapshot } from "../snapshot/snapshot-store.js";
import type { ThreadSnapshot } from "../snapshot/thread-snapshot.js";

const pageSize = 1000;

/**
 * The live actor of one thread in this process. It owns a mailbox: commands (runs, state updates)
 * are handled one at a time, so a thread has exactly one writer inside a process. Across
 * processes the store enforces it: every append names the revision this actor last saw, and a
 * loser reloads and decides again; it never overwrites.
 *
 * Reads (`state`) never wait for the mailbox: they see the state as of the last event folded.
 *
 * A cold actor starts from its thread's latest snapshot (when one can be trusted) and folds only
 * the events after it; every `snapshotEvery` events or more (see snapshot-spacing.ts) a step's
 * commit leaves a new snapshot beside the stream. A snapshot is a cache: deleting the snapshot
 * streams changes nothing but the time a cold load takes.
 *
 * WARNING: a snapshot is this actor's folded state when a run commits a step. A node that changes
 * its input state in place is caught (`state-mutated`) and the thread reloaded before the step
 * commits; but code outside the engine that changes objects it got from a state (the values
 * `invoke()` returned) changes the folded state too, and a snapshot taken then keeps the change.
 * Treat states as read-only.
 */
export class ThreadActor {
  readonly threadId: string;
  readonly stream: string;
  #state: ThreadState;
  #mailbox: Promise<unknown> = Promise.resolve();
  #controls: Promise<unknown> = Promise.resolve();
  #busy = 0;
  /** The revision of the newest snapshot this actor wrote or started from (-1: none). */
  #snapshotRevision = -1;
  /** Events from that snapshot to the next. */
  #snapshotSpacing: number;

  /** @param snapshotEvery events between snapshots (at least; 0 keeps and reads none). */
  constructor(
    readonly graph: GraphSpec,
    readonly store: EventStore,
    threadId: string,
    readonly snapshotEvery = defaultSnapshotEvery,
  ) {
    this.threadId = threadId;
    this.stream = streamNameOf(threadId);
    this.#state = initialThreadState(threadId, initialValues(graph));
    this.#snapshotSpacing = snapshotEvery;
  }

  /** The thread's state as of the last event this actor folded. */
  get state(): ThreadState {
    return this.#state;
  }

  /** Whether a command is being handled now. */
  get busy(): boolean {
    return this.#busy > 0;
  }

  /** Runs `work` when every earlier command has finished; commands never interleave. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#mailbox.then(async () => {
      this.#busy++;
      try {
        return await work();
      } finally {
        this.#busy--;
      }
    });
    this.#mailbox = run.catch(() => undefined);
    return run;
  }

  /** Forgets the folded state and folds the thread's stream again (after user code changed it in place). */
  async reload(): Promise<void> {
    this.#state = initialThreadState(this.threadId, initialValues(this.graph));
    await this.catchUp();
  }

  /** Folds the events other writers appended since this actor last looked (a cold actor: since its latest snapshot). */
  async catchUp(): Promise<void> {
    if (this.#state.revision === -1) {
      const cold = await this.#startCold();
      if (cold === false) return;
      if (cold !== true && (await this.#startFrom(cold))) return;
    }
    for (;;) {
      const { events } = await this.store.readStream(this.stream, { fromRevision: this.#state.revision + 1, maxCount: pageSize });
      for (const recorded of events) {
        // Two catch-ups can overlap (a read beside a command); each event is folded once.
        if (recorded.revision === this.#state.revision + 1) this.#state = foldRecorded(this.graph, this.#state, recorded);
      }
      if (events.length < pageSize) return;
    }
  }

  /**
   * Appends a decision's events at the revision the decision was made on, then adopts the state
   * they fold to. On a conflict nothing is stored and the store's error is thrown.
   */
  commit(decision: Decision, at: number, runId?: string): Promise<void> {
    return this.commitAll([{ decision, at }], runId);
  }

  /**
   * {@link commit} for several decisions, each made on the state the one before it folds to (a
   * run's deferred start, then its first step): one append, at the revision the first was made on.
   */
  async commitAll(decisions: readonly TimedDecision[], runId?: string): Promise<void> {
    const events: NewEvent[] = [];
    for (const { decision, at } of decisions) addNewEvents(events, decision, at, runId, this.threadId);
    const first = decisions[0]?.decision;
    const last = decisions.at(-1)?.decision;
    if (first === undefined || last === undefined || events.length === 0) return;
    await this.store.appendToStream(this.stream, events, { expectedRevision: expectedRevisionOf(revisionDecidedOn(first)) });
    this.#adopt(last);
    this.#snapshotIfDue();
  }

  /** {@link commit} without a snapshot. */
  async #append(decision: Decision, at: number): Promise<void> {
    if (decision.events.length === 0) return;
    await this.store.appendToStream(this.stream, addNewEvents([], decision, at, undefined, this.threadId), {
      expectedRevision: expectedRevisionOf(revisionDecidedOn(decision)),
    });
    this.#adopt(decision);
  }

  #adopt(decision: Decision): void {
    // A catch-up that ran meanwhile may already have folded these events (and later ones).
    if (decision.state.revision > this.#state.revision) this.#state = decision.state;
  }

  /**
   * Decides and appends outside the mailbox, retrying on conflicts: for short control decisions
   * (queueing or cancelling a run) that must not wait for a running run to finish.
   */
  async commitOptimistically(decideOn: (state: ThreadState) => Decision, at: () => number): Promise<void> {
    // Control decisions of this process queue among themselves (not behind a running run), so
    // they only race other processes and the run loop.
    const work = this.#controls.then(() =>
      retryOnConflict(async () => {
        await this.catchUp();
        // No snapshot here: these land while a step's nodes may still run (see the WARNING above).
        return this.#append(decideOn(this.#state), at());
      }),
    );
    this.#controls = work.catch(() => undefined);
    return work;
  }

  /**
   * A cold actor looks at its stream's last event first: a new thread (most cold actors of a
   * service) then costs one read, not a snapshot read and a stream read, and a thread too short to
   * have a snapshot skips the snapshot read. False when the thread has no events yet.
   */
  async #startCold(): Promise<boolean | ThreadSnapshot> {
    // Without snapshots, the stream read that follows is the only read.
    if (this.snapshotEvery === 0) return true;
    const head = await this.store.readStream(this.stream, { direction: "backwards", maxCount: 1 });
    if (!head.streamExists) return false;
    // Snapshots are at least snapshotEvery events apart, the first at revision snapshotEvery - 1 or later.
    if (head.currentRevision + 1 < this.snapshotEvery) return true;
    return (await readUncheckedThreadSnapshot(this.store, this.graph, this.threadId))?.snapshot ?? true;
  }

  /**
   * Reads the events from the snapshot's own on: when the first is the one the snapshot names, adopts
   * the snapshot (if it is ahead of this actor) and folds the rest. False when it cannot be
   * trusted, or more events follow than one page: the caller's catch-up goes on from there.
   */
  async #startFrom(snapshot: ThreadSnapshot): Promise<boolean> {
    const { events } = await this.store.readStream(this.stream, { fromRevision: snapshot.revision, maxCount: pageSize + 1 });
    const named = events[0];
    if (named === undefined || named.revision !== snapshot.revision || named.id !== snapshot.eventId) return false;
    // Another catch-up may have folded further meanwhile; the stream's state never goes back.
    if (snapshot.revision > this.#state.revision) this.#state = snapshot.state;
    if (snapshot.revision > this.#snapshotRevision) {
      this.#snapshotRevision = snapshot.revision;
      this.#snapshotSpacing = snapshotSpacingOf(this.snapshotEvery, snapshot.stateCharacters);
    }
    for (const recorded of events) {
      if (recorded.revision === this.#state.revision + 1) this.#state = foldRecorded(this.graph, this.#state, recorded);
    }
    return events.length < pageSize + 1;
  }

  /** Starts writing a snapshot of the state when enough events passed since the last; never waits for it, never fails. */
  #snapshotIfDue(): void {
    const state = this.#state;
    if (this.snapshotEvery === 0 || state.revision - this.#snapshotRevision < this.#snapshotSpacing) return;
    this.#snapshotRevision = state.revision;
    void writeThreadSnapshot(this.store, this.graph, state).then((characters) => {
      if (characters !== undefined) this.#snapshotSpacing = snapshotSpacingOf(this.snapshotEvery, characters);
    });
  }
}

/** A decision with the clock reading its events are stored with. */
export interface TimedDecision {
  readonly decision: Decision;
  readonly at: number;
}

function expectedRevisionOf(revision: number): number | "no_stream" {
  return revision === -1 ? "no_stream" : revision;
}

/** Adds a decision's events to `events` as the store takes them (format v2, see encodeThreadEvents). */
function addNewEvents(events: NewEvent[], decision: Decision, at: number, runId: string | undefined, threadId: string): NewEvent[] {
  events.push(...encodeThreadEvents(decision.events, { threadId, firstRevision: revisionDecidedOn(decision) + 1, at, runId }));
  return events;
}

/** Folds one stored event, checking that it is an event this version knows. */
export function foldRecorded(graph: GraphSpec, state: ThreadState, recorded: RecordedEvent): ThreadState {
  const event = upcastThreadEvent(recorded);
  const at = typeof recorded.metadata["at"] === "number" ? (recorded.metadata["at"] as number) : recorded.recordedAt.getTime();
  return evolve(graph, state, event, { revision: recorded.revision, at });
}
