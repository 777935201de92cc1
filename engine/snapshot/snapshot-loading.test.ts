import { describe, expect, it } from "vitest";
import type { EventStore, ReadStreamOptions, ReadStreamResult } from "../../store/event-store.js";
import { MemoryEventStore } from "../../store/memory/memory-event-store.js";
import { FailingAppendEventStore } from "../../store/testing/failing-append-event-store.js";
import { ForwardingEventStore } from "../../store/forwarding-event-store.js";
import { InvalidGraphError } from "../errors/graph-errors.js";
import type { CompiledStateGraph } from "../runtime/compiled-state-graph.js";
import { snapshotStreamOf } from "./snapshot-stream.js";
import { loopGraph, runLoop } from "./testing/loop-graph.js";

const config = { configurable: { thread_id: "t" } };

/** Counts the thread events a store hands out (snapshot streams apart), and the reads of each stream. */
class CountingEventStore extends ForwardingEventStore {
  threadEventsRead = 0;
  readonly reads: string[] = [];
  override async readStream(stream: string, options?: ReadStreamOptions): Promise<ReadStreamResult> {
    const result = await super.readStream(stream, options);
    if (stream.startsWith("thread-")) this.threadEventsRead += result.events.length;
    this.reads.push(stream);
    return result;
  }
}

/** A copy of `store`'s thread `t` without its snapshots: what deleting them leaves. */
async function withoutSnapshots(store: EventStore): Promise<MemoryEventStore> {
  const copy = new MemoryEventStore();
  const { events } = await store.readStream("thread-t");
  await copy.appendToStream(
    "thread-t",
    events.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
    { expectedRevision: "no_stream" },
  );
  return copy;
}

async function historyOf(graph: CompiledStateGraph, options: { limit?: number; before?: typeof config } = {}) {
  const found = [];
  for await (const checkpoint of graph.getStateHistory(config, options)) found.push(checkpoint);
  return found;
}

describe("cold loads with snapshots", () => {
  it("a new thread costs one read before its first run, and a thread too short for a snapshot reads no snapshot stream", async () => {
    const counting = new CountingEventStore(new MemoryEventStore());
    const graph = loopGraph(counting, { snapshotEvery: 100 });
    await runLoop(graph, "t", 1);
    expect(counting.reads.filter((stream) => stream === snapshotStreamOf("t"))).toEqual([]);
    expect(counting.reads.filter((stream) => stream === "thread-t")).toHaveLength(1);

    counting.reads.length = 0;
    const cold = await loopGraph(counting, { snapshotEvery: 100 }).getState(config);
    expect(cold.values["n"]).toBe(1);
    expect(counting.reads).not.toContain(snapshotStreamOf("t"));
  });

  it("read the latest snapshot and the events after it, not the whole stream, and give the full replay's state", async () => {
    const store = new MemoryEventStore();
    await runLoop(loopGraph(store, { snapshotEvery: 100 }), "t", 500);
    const total = (await store.readStream("thread-t")).events.length;
    expect(total).toBe(1503);
    const snapshots = (await store.readStream(snapshotStreamOf("t"))).events;
    expect(snapshots.length).toBeGreaterThanOrEqual(14);

    const counting = new CountingEventStore(store);
    const cold = await loopGraph(counting, { snapshotEvery: 100 }).getState(config);
    // The tail after the last snapshot (under 100 events plus a step), and the event the snapshot names.
    expect(counting.threadEventsRead).toBeLessThanOrEqual(104);
    expect(cold.values["n"]).toBe(500);
    expect(cold).toStrictEqual(await loopGraph(store, { snapshotEvery: 0 }).getState(config));
  });

  it("snapshotEvery: 0 writes no snapshot and reads none", async () => {
    const store = new MemoryEventStore();
    await runLoop(loopGraph(store, { snapshotEvery: 0 }), "t", 200);
    expect((await store.readStream(snapshotStreamOf("t"))).streamExists).toBe(false);
    await runLoop(loopGraph(store, { snapshotEvery: 50 }), "u", 200);
    expect((await store.readStream(snapshotStreamOf("u"))).streamExists).toBe(true);
    const counting = new CountingEventStore(store);
    await loopGraph(counting, { snapshotEvery: 0 }).getState({ configurable: { thread_id: "u" } });
    expect(counting.threadEventsRead).toBe(603);
  });

  it("deleting the snapshots changes nothing but speed: the same state, history and next run", async () => {
    const store = new MemoryEventStore();
    await runLoop(loopGraph(store, { snapshotEvery: 30 }), "t", 120);
    const bare = await withoutSnapshots(store);
    expect(await loopGraph(bare).getState(config)).toStrictEqual(await loopGraph(store).getState(config));
    expect(await historyOf(loopGraph(bare), { limit: 7 })).toStrictEqual(await historyOf(loopGraph(store), { limit: 7 }));
    await loopGraph(store).invoke({ target: 125 }, { ...config, recursionLimit: 50 });
    await loopGraph(bare).invoke({ target: 125 }, { ...config, recursionLimit: 50 });
    const tail = async (s: EventStore) => (await s.readStream("thread-t", { fromRevision: 363 })).events.map((e) => ({ type: e.type, data: e.data }));
    expect(await tail(bare)).toStrictEqual(await tail(store));
    expect((await loopGraph(bare).getState(config)).values["n"]).toBe(125);
  });

  it("getStateHistory with a limit reads from a snapshot when the events after it hold enough checkpoints", async () => {
    const store = new MemoryEventStore();
    await runLoop(loopGraph(store, { snapshotEvery: 90 }), "t", 400);
    const full = await historyOf(loopGraph(store, { snapshotEvery: 0 }));
    // 400 steps, LangGraph's loop checkpoint after the input and its input checkpoint before it.
    expect(full.length).toBe(402);
    for (const limit of [1, 10, 40]) {
      const counting = new CountingEventStore(store);
      const limited = await historyOf(loopGraph(counting, { snapshotEvery: 90 }), { limit });
      expect(limited).toStrictEqual(full.slice(0, limit));
      expect(counting.threadEventsRead).toBeLessThan(400);
    }
    const before = { configurable: { thread_id: "t", checkpoint_id: full[5]!.config.configurable.checkpoint_id! } };
    expect(await historyOf(loopGraph(store), { limit: 3, before })).toStrictEqual(full.slice(6, 9));
    // More than the snapshots can give: the whole stream is replayed.
    expect(await historyOf(loopGraph(store), { limit: 1000 })).toStrictEqual(full);
  });

  it("a snapshot that fails to be written never fails the run", async () => {
    const inner = new MemoryEventStore();
    const store = new FailingAppendEventStore(inner, { failOn: (call) => call.stream.startsWith("snapshot-"), when: "before" });
    await runLoop(loopGraph(store, { snapshotEvery: 10 }), "t", 100);
    expect((await inner.readStream(snapshotStreamOf("t"))).streamExists).toBe(false);
    expect((await loopGraph(inner).getState(config)).values["n"]).toBe(100);
  });

  it("keeps snapshots no larger in total than the events when the state grows with the history", async () => {
    const store = new MemoryEventStore();
    await runLoop(loopGraph(store, { snapshotEvery: 10, grow: true }), "t", 600);
    const size = async (stream: string) => (await store.readStream(stream)).events.reduce((sum, e) => sum + JSON.stringify(e.data).length, 0);
    const snapshots = (await store.readStream(snapshotStreamOf("t"))).events;
    // Every 10 events at first, then further apart as the state grows (a fixed interval would take ~180).
    expect(snapshots.length).toBeGreaterThan(5);
    expect(snapshots.length).toBeLessThan(60);
    expect(await size(snapshotStreamOf("t"))).toBeLessThan(await size("thread-t"));
  });

  it("refuses a snapshotEvery that is not a whole number of events", () => {
    for (const every of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => loopGraph(new MemoryEventStore(), { snapshotEvery: every })).toThrow(InvalidGraphError);
    }
    expect(() => loopGraph(new MemoryEventStore(), { snapshotEvery: -1 })).toThrow(
      "compile({ snapshotEvery }) must be a whole number of events (0 keeps no snapshots); got -1.",
    );
  });
});
