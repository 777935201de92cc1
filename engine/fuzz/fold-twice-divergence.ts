import type { EventStore } from "../../store/event-store.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { replayThread } from "../runtime/thread-history.js";
import { firstDifference } from "./first-difference.js";

/**
 * Where two replays of a thread's recorded events (each reading the stream afresh and folding it
 * from the start) disagree, or undefined when they agree. A difference means a reducer is not a
 * function of the recorded writes (it reads a clock, a random source or a counter, or invents ids):
 * replay would then give a different state in every process. What such a reducer invents belongs
 * in the channel's `prepareWrite`, which runs once, when a write is recorded.
 */
export async function foldTwiceDivergence(graph: GraphSpec, store: EventStore, threadId: string): Promise<string | undefined> {
  const first = await replayThread(graph, store, threadId, () => undefined);
  const second = await replayThread(graph, store, threadId, () => undefined);
  const difference = firstDifference({ ...first }, { ...second });
  if (difference === undefined) return undefined;
  const channel = /^\.values\.([^.[]+)/.exec(difference)?.[1];
  return (
    `folding the recorded events of thread '${threadId}' twice gives two states, at ${difference}` +
    (channel
      ? `: the reducer of channel '${channel}' is not a function of its writes; fix what it invents (ids, times, random values) in the channel's prepareWrite, which runs once when a write is recorded`
      : "")
  );
}
