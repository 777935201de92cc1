// Differential: the same programs on LangGraph JS 1.7.3 and on replaygraph, at each durability
// mode. What a user sees (invoke results, getState, getStateHistory) is compared once ids and
// timestamps are normalized; what each mode stores is checked through the appends it makes.
import * as langgraph from "@langchain/langgraph";
import * as replaygraph from "replaygraph";
import { afterEach, describe, expect, it } from "vitest";
import { RecordingEventStore } from "../store/testing/recording-event-store.js";
import { createIdNormalizer } from "./testing/normalize-ids.js";
import { storeFixtures, type StoreUnderTest } from "./testing/store-fixtures.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Library = any;
type Durability = "sync" | "async" | "exit";
type Snapshot = {
  metadata?: { step?: number; source?: string };
  next: readonly string[];
  values: Record<string, unknown>;
  tasks: readonly { interrupts: readonly unknown[] }[];
};

const libraries = { langgraph: langgraph as Library, replaygraph: replaygraph as Library };
const modes: readonly Durability[] = ["sync", "async", "exit"];
const config = (thread: string, durability: Durability) => ({ configurable: { thread_id: thread }, durability });

/** `a` → `b` → `c`; `c` asks a question when `ask`, fails when `fail`. */
function chainGraph(lib: Library, checkpointer: unknown, c: "plain" | "ask" | "fail", durability?: Durability) {
  const State = lib.Annotation.Root({ log: lib.Annotation({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }) });
  return new lib.StateGraph(State)
    .addNode("a", () => ({ log: ["a"] }))
    .addNode("b", async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return { log: ["b"] };
    })
    .addNode("c", () => {
      if (c === "fail") throw new Error("c failed");
      return { log: [c === "ask" ? `c:${lib.interrupt("approve?")}` : "c"] };
    })
    .addEdge(lib.START, "a")
    .addEdge("a", "b")
    .addEdge("b", "c")
    .addEdge("c", lib.END)
    .compile({ checkpointer, ...(durability ? { durability } : {}) });
}

async function historyOf(graph: Library, cfg: unknown): Promise<Snapshot[]> {
  const all: Snapshot[] = [];
  for await (const snapshot of graph.getStateHistory(cfg)) all.push(snapshot);
  return all;
}

/** What a user observes of one program at one mode. */
async function observe(lib: Library, checkpointer: unknown, durability: Durability) {
  const seen: Record<string, unknown> = {};
  const plain = chainGraph(lib, checkpointer, "plain");
  seen["plain: invoke"] = await plain.invoke({ log: ["in"] }, config("plain", durability));
  seen["plain: history"] = await historyOf(plain, config("plain", durability));

  const ask = chainGraph(lib, checkpointer, "ask");
  seen["ask: invoke"] = await ask.invoke({ log: ["in"] }, config("ask", durability));
  seen["ask: state while paused"] = await ask.getState(config("ask", durability));
  seen["ask: history while paused"] = await historyOf(ask, config("ask", durability));
  seen["ask: resume"] = await ask.invoke(new lib.Command({ resume: "yes" }), config("ask", durability));
  seen["ask: history"] = await historyOf(ask, config("ask", durability));

  const fail = chainGraph(lib, checkpointer, "fail");
  seen["fail: error"] = await fail.invoke({ log: ["in"] }, config("fail", durability)).then(
    () => "no error",
    (error: Error) => error.message,
  );
  seen["fail: state"] = await fail.getState(config("fail", durability));
  seen["fail: history"] = (await historyOf(fail, config("fail", durability))).map((s) => ({ step: s.metadata?.step, next: s.next, values: s.values }));
  return createIdNormalizer()(seen) as Record<string, unknown>;
}

/** A checkpoint as compared across engines whose checkpoint ids differ in number (exit mode). */
const shape = (s: Snapshot) => ({
  step: s.metadata?.step,
  source: s.metadata?.source,
  next: s.next,
  values: s.values,
  interrupts: s.tasks.map((t) => t.interrupts.length),
});

for (const fixture of storeFixtures.filter((f) => f.name !== "eventstoredb")) {
  describe(`durability modes as LangGraph has them (replaygraph on ${fixture.name})`, () => {
    let opened: StoreUnderTest | undefined;
    afterEach(async () => {
      await opened?.cleanup();
      opened = undefined;
    });

    for (const durability of ["sync", "async"] as const) {
      it(`${durability}: every checkpoint is stored; results, states and histories equal LangGraph's`, async () => {
        opened = await fixture.create();
        const expected = await observe(libraries.langgraph, new langgraph.MemorySaver(), durability);
        const actual = await observe(libraries.replaygraph, opened.store, durability);
        expect(actual).toEqual(expected);
        expect((actual["plain: history"] as unknown[]).length).toBe(5);
      });
    }

    it("exit: results and states equal LangGraph's; the history keeps every step, where LangGraph keeps each run's last checkpoint only", async () => {
      opened = await fixture.create();
      const langgraphSide = await observe(libraries.langgraph, new langgraph.MemorySaver(), "exit");
      const actual = await observe(libraries.replaygraph, opened.store, "exit");
      for (const key of ["plain: invoke", "ask: invoke", "ask: resume", "fail: error"]) expect(actual[key], key).toEqual(langgraphSide[key]);
      for (const key of ["ask: state while paused", "fail: state"]) expect(shape(actual[key] as Snapshot), key).toEqual(shape(langgraphSide[key] as Snapshot));
      // LangGraph at exit stores one checkpoint per run; replaygraph's one append holds every step.
      const lengths = (side: Record<string, unknown>) =>
        ["plain: history", "ask: history while paused", "ask: history", "fail: history"].map((key) => (side[key] as unknown[]).length);
      expect(lengths(langgraphSide)).toEqual([1, 1, 2, 1]);
      expect(lengths(actual)).toEqual([5, 4, 5, 4]);
      // Each checkpoint LangGraph kept is one of replaygraph's, at the same step with the same values.
      for (const key of ["plain: history", "ask: history while paused", "ask: history"]) {
        const kept = (actual[key] as Snapshot[]).map(shape);
        for (const checkpoint of (langgraphSide[key] as Snapshot[]).map(shape)) expect(kept, key).toContainEqual(checkpoint);
      }
      // And replaygraph's history at exit is its history at sync.
      const sync = await observe(libraries.replaygraph, new replaygraph.MemoryEventStore(), "sync");
      for (const key of ["plain: history", "ask: history while paused", "ask: history", "fail: history"]) expect(actual[key], key).toEqual(sync[key]);
    });
  });
}

describe("what each mode appends (replaygraph, memory store)", () => {
  const appendsOf = async (durability: Durability | undefined, c: "plain" | "ask" | "fail", compiled?: Durability) => {
    const store = new RecordingEventStore(new replaygraph.MemoryEventStore());
    const graph = chainGraph(libraries.replaygraph, store, c, compiled);
    const cfg = { configurable: { thread_id: "t" }, ...(durability ? { durability } : {}) };
    await graph.invoke({ log: ["in"] }, cfg).catch(() => undefined);
    const types = store.acknowledged.map((ack) => ack.events.map((event) => event.type));
    return { appends: types.length, events: types.flat(), history: (await historyOf(graph, cfg)).length };
  };

  for (const c of ["plain", "ask", "fail"] as const) {
    it(`${c}: sync appends once per step, exit once per run, async in between; all three store the same events`, async () => {
      const [sync, asynchronous, exit] = await Promise.all(modes.map((mode) => appendsOf(mode, c)));
      expect(sync!.appends).toBe(3); // the start goes with the first step; the run's end with the last
      expect(exit!.appends).toBe(1);
      expect(asynchronous!.appends).toBeGreaterThanOrEqual(1);
      expect(asynchronous!.appends).toBeLessThanOrEqual(sync!.appends);
      expect(asynchronous!.events).toEqual(sync!.events);
      expect(exit!.events).toEqual(sync!.events);
      expect(exit!.history).toBe(sync!.history);
    });
  }

  it("compile({ durability }) is the graph's default; a bad name is refused with the names to use", async () => {
    expect((await appendsOf(undefined, "plain", "exit")).appends).toBe(1);
    expect((await appendsOf(undefined, "plain")).appends).toBe(3);
    expect((await appendsOf("sync", "plain", "exit")).appends).toBe(3);
    const graph = chainGraph(libraries.replaygraph, new replaygraph.MemoryEventStore(), "plain");
    await expect(graph.invoke({ log: [] }, { configurable: { thread_id: "t" }, durability: "never" })).rejects.toThrow(
      /durability must be "sync", "async" or "exit"/,
    );
  });
});
