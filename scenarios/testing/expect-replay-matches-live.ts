import { expect } from "vitest";
import type { CompiledStateGraph, EventStore, StateSnapshot } from "replaygraph";

/**
 * Asserts SEMANTICS rule 26 for a scenario's thread: a graph that has never seen the thread (a
 * cold load, as a new process would do), on a fresh handle of the same store, rebuilds exactly the
 * live `getState()` and the same history by replaying the stream.
 */
export async function expectReplayMatchesLive(
  live: CompiledStateGraph<any>,
  buildOn: (store: EventStore) => CompiledStateGraph<any>,
  reopened: EventStore,
  threadId: string,
): Promise<void> {
  const config = { configurable: { thread_id: threadId } };
  const cold = buildOn(reopened);
  expect(await cold.getState(config)).toEqual(await live.getState(config));
  expect(await collect(cold.getStateHistory(config))).toEqual(await collect(live.getStateHistory(config)));
}

async function collect(history: AsyncIterableIterator<StateSnapshot>): Promise<StateSnapshot[]> {
  const all: StateSnapshot[] = [];
  for await (const snapshot of history) all.push(snapshot);
  return all;
}
