import type { EventStore } from "../../store/event-store.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import type { ThreadState } from "../thread/thread-state.js";
import { stateAt } from "../runtime/thread-history.js";
import { firstDifference } from "./first-difference.js";

/**
 * Where a thread's live state (what a process holds after its own appends) differs from the
 * replay of its stream up to the same revision (SEMANTICS rule 26), or undefined when they agree.
 * Compared field by field.
 */
export async function replayDivergence(graph: GraphSpec, store: EventStore, live: ThreadState): Promise<string | undefined> {
  if (live.revision < 0) return undefined;
  const replayed = await stateAt(graph, store, live.threadId, live.revision);
  if (!replayed) return `the stream of thread '${live.threadId}' has no revision ${live.revision}, which the live state has folded`;
  const difference = firstDifference({ ...live }, { ...replayed });
  return difference && `at revision ${live.revision} of thread '${live.threadId}', live ≠ replay at ${difference}`;
}
