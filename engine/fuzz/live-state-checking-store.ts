import type { AppendToStreamOptions, AppendToStreamResult, EventStore, NewEvent } from "../../store/event-store.js";
import { ForwardingEventStore } from "../../store/forwarding-event-store.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import type { ThreadState } from "../thread/thread-state.js";
import { currentTask } from "../runtime/task-context.js";
import { replayDivergence } from "./replay-divergence.js";

/** The live state of a thread in the process under test, with its graph. */
export interface LiveThread {
  readonly graph: GraphSpec;
  readonly state: ThreadState;
}

const streamPrefix = "thread-";

/**
 * A store decorator that checks SEMANTICS rule 26 at every revision a process writes: before
 * each append, the live state of the writing thread (which is then the state at the revision the
 * append expects) must equal the replay of the stream up to that revision. Divergences are
 * collected, not thrown, so the run goes on and reports everything.
 *
 * Appends made by the thread's own node code are not checked: journaled effects, and a run's
 * held-back start stored before an effect's body (see RunWriter). They land while a step
 * executes, when a node that changed its input state in place may have changed the live state
 * too (the engine warns `state-mutated` and reloads the thread before it records the step, where
 * the check runs).
 */
export class LiveStateCheckingStore extends ForwardingEventStore {
  readonly divergences: string[] = [];

  constructor(
    inner: EventStore,
    readonly liveOf: (threadId: string) => LiveThread | undefined,
  ) {
    super(inner);
  }

  override async appendToStream(stream: string, events: readonly NewEvent[], options?: AppendToStreamOptions): Promise<AppendToStreamResult> {
    const fromOwnNode = stream.startsWith(streamPrefix) && currentTask()?.threadId === stream.slice(streamPrefix.length);
    if (!fromOwnNode && !events.every((event) => event.type === "EffectRecorded")) await this.checkStream(stream, options?.expectedRevision);
    return super.appendToStream(stream, events, options);
  }

  /** Checks the live state of `stream`'s thread now (and, when given, only at `expectedRevision`). */
  async checkStream(stream: string, expectedRevision?: unknown): Promise<void> {
    if (!stream.startsWith(streamPrefix)) return;
    const live = this.liveOf(stream.slice(streamPrefix.length));
    if (!live) return;
    const state = live.state;
    if (typeof expectedRevision === "number" && state.revision !== expectedRevision) return;
    const divergence = await replayDivergence(live.graph, this.inner, state);
    if (divergence && !this.divergences.includes(divergence)) this.divergences.push(divergence);
  }
}
