import type { EventStore } from "../../store/event-store.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { ThreadActor } from "./thread-actor.js";

/**
 * The live thread actors of one compiled graph, per store: one actor per thread, so commands on a
 * thread queue in one mailbox. Idle actors beyond `capacity` are dropped (least recently used
 * first) and rebuilt from the store when next needed.
 */
export class ActorRegistry {
  readonly #byStore = new WeakMap<EventStore, Map<string, ThreadActor>>();

  constructor(
    readonly graph: GraphSpec,
    readonly capacity = 10_000,
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
    const actor = new ThreadActor(this.graph, store, threadId);
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
