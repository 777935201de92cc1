import type { EventStore } from "../../store/event-store.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { defaultSnapshotEvery } from "../snapshot/snapshot-spacing.js";
import { ThreadActor } from "./thread-actor.js";

/**
 * The live thread actors of one compiled graph, per store: one actor per thread, so commands on a
 * thread queue in one mailbox. Idle actors beyond `capacity` are dropped (least recently used
 * first) and rebuilt from the store when next needed: from the thread's latest snapshot and the
 * events after it, so a rebuild costs about what a short thread's replay does. A thread paused
 * for a human costs its stored events, not a live actor, once a thousand others were used since.
 */
export class ActorRegistry {
  readonly #byStore = new WeakMap<EventStore, Map<string, ThreadActor>>();

  /**
   * @param capacity idle actors kept per store
   * @param snapshotEvery events between a thread's snapshots (0: none); see ThreadActor
   */
  constructor(
    readonly graph: GraphSpec,
    readonly capacity = 1_000,
    readonly snapshotEvery = defaultSnapshotEvery,
  ) {}

  /** The actor of `threadId` on `store`, created (empty, to be caught up) when absent. */
  actorFor(store: EventStore, threadId: string): ThreadActor {
    let actors = this.#byStore.get(store);
    if (!actors) this.#byStore.set(store, (actors = new Map()));
    const existing = actors.get(threadId);
    if (existing) {
      actors.delete(threadId);
      actors.set(threadId, existing);
      return existing;
    }
    const actor = new ThreadActor(this.graph, store, threadId, this.snapshotEvery);
    actors.set(threadId, actor);
    if (actors.size > this.capacity) this.#evict(actors);
    return actor;
  }

  #evict(actors: Map<string, ThreadActor>): void {
    for (const [threadId, actor] of actors) {
      if (actors.size <= this.capacity) return;
      if (!actor.busy) actors.delete(threadId);
    }
  }
}
