import { expect } from "vitest";
import type { EventStore, Interrupt } from "replaygraph";
import type { DriveResult } from "./drive-thread.js";
import { checkpointsOf, readThreadFacts, settledStateOf, type FactOptions, type ThreadFacts } from "./thread-facts.js";

/** What a played scenario left behind: its facts, its final state, and the interrupts it surfaced. */
export interface PlayedThread {
  readonly facts: ThreadFacts;
  /** The final `getState()`, ids replaced by what they name. */
  readonly state: unknown;
  /** Every checkpoint replayed from the stream (`getStateHistory`), ids replaced. */
  readonly checkpoints: unknown;
  /** Each distinct interrupt surfaced, in first-seen order: what it names and its payload. */
  readonly surfaced: readonly { readonly key: string; readonly value: unknown }[];
}

/**
 * Reads a played thread back from `store` (a handle that saw no faults) and checks what holds in
 * any one history, crashed or not: every surfaced interrupt is one the history records, with the
 * recorded payload; no question surfaced under two ids; no interrupt was answered twice; no
 * effect was journaled twice.
 * `omitStoreFailedTasks`: see {@link readThreadFacts}.
 */
export async function readPlayedThread(
  store: EventStore,
  threadId: string,
  played: DriveResult,
  label: string,
  options: FactOptions = {},
): Promise<PlayedThread> {
  const facts = await readThreadFacts(store, threadId, options);
  const state = facts.canonical(settledStateOf(await played.last.graph.getState({ configurable: { thread_id: threadId } }), options));
  const checkpoints = facts.canonical(await checkpointsOf(played.last.graph, threadId, options));
  const idsByKey = new Map<string, Set<string>>();
  const surfaced: { key: string; value: unknown }[] = [];
  for (const { id, value } of played.surfaced) {
    const key = facts.interruptKeys.get(id);
    expect(key, `${label}: surfaced interrupt ${id} is not in the history`).toBeDefined();
    if (!idsByKey.has(key!)) {
      idsByKey.set(key!, new Set());
      surfaced.push({ key: key!, value: facts.canonical(value) });
    }
    idsByKey.get(key!)!.add(id);
    expect(facts.canonical(value), `${label}: interrupt ${key} surfaced with another payload`).toEqual(surfaced.find((s) => s.key === key)!.value);
  }
  for (const [key, ids] of idsByKey) expect([...ids], `${label}: question ${key} surfaced under several ids`).toHaveLength(1);
  for (const [key, count] of facts.answerCounts) expect(count, `${label}: ${facts.canonical(key)} answered ${count} times on one stream`).toBe(1);
  for (const [key, count] of facts.effectCounts) expect(count, `${label}: effect ${facts.canonical(key)} journaled ${count} times`).toBe(1);
  return { facts, state, checkpoints, surfaced };
}

/** Asserts a crashed play left the facts, final state and surfaced interrupts of the uncrashed one. */
export function expectSameFacts(crashed: PlayedThread, reference: PlayedThread, label: string): void {
  expect(crashed.facts.streams, `${label}: facts`).toEqual(reference.facts.streams);
  expect(crashed.facts.effects, `${label}: journaled effects`).toEqual(reference.facts.effects);
  expect(crashed.state, `${label}: final state`).toEqual(reference.state);
  expect(crashed.checkpoints, `${label}: replayed checkpoints`).toEqual(reference.checkpoints);
  expect(crashed.surfaced, `${label}: surfaced interrupts`).toEqual(reference.surfaced);
}
