import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Annotation, Command, MemoryEventStore, Overwrite, Send, START, StateGraph, type EventStore } from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { expectReplayMatchesLive } from "../../scenarios/testing/expect-replay-matches-live.js";

// Writes are recorded, not states: a cold replay folds them through the same channel rules
// (first write without a default, Overwrite, deferred nodes, Sends of Commands) to the live state.

const concat = <T>(a: T[], b: T[]) => a.concat(b);
const State = Annotation.Root({
  first: Annotation<number[]>({ reducer: concat }),
  log: Annotation<string[]>({ reducer: concat, default: () => [] }),
});

function buildOn(store: EventStore) {
  return new StateGraph(State)
    .addNode("a", () => ({ first: [1], log: new Overwrite(["reset"]) }))
    .addNode("b", () => ({ first: [2], log: ["b"] }))
    .addNode("b2", () => [new Command({ update: { log: ["b2"] }, goto: [new Send("w", new Command({ update: { log: ["sent"] } }))] })], { ends: ["w"] })
    .addNode("w", (input) => input as unknown as Command)
    .addNode("last", (state) => ({ log: [`last:${state.log.length}`] }), { defer: true })
    .addEdge(START, "a")
    .addEdge(START, "b")
    .addEdge("b", "b2")
    .addEdge("a", "last")
    .addEdge("w", "last")
    .compile({ checkpointer: store, snapshotEvery: 0 });
}

describe("a cold replay of channel writes", () => {
  for (const [name, open] of [
    ["memory", async () => ({ store: new MemoryEventStore() as EventStore, reopen: (store: EventStore) => store, cleanup: async () => undefined })],
    [
      "sqlite",
      async () => {
        const dir = await mkdtemp(join(tmpdir(), "replaygraph-channels-"));
        const path = join(dir, "threads.db");
        const opened: SqliteEventStore[] = [];
        const openOne = () => (opened.push(new SqliteEventStore(path)), opened.at(-1)!);
        return {
          store: openOne() as EventStore,
          reopen: () => openOne() as EventStore,
          cleanup: async () => (await Promise.all(opened.map((store) => store.close())), await rm(dir, { recursive: true, force: true })),
        };
      },
    ],
  ] as const) {
    it(`folds to the live state on ${name}`, async () => {
      const { store, reopen, cleanup } = await open();
      try {
        const live = buildOn(store);
        // The same program on LangGraph 1.7 returns this too.
        expect(await live.invoke({}, { configurable: { thread_id: "replay-1" } })).toEqual({ first: [1, 2], log: ["reset", "b2", "last:2", "sent", "last:4"] });
        await expectReplayMatchesLive(live, buildOn, reopen(store), "replay-1");
      } finally {
        await cleanup();
      }
    });
  }
});
