import { describe, expect, it } from "vitest";
import { Annotation, MemoryEventStore, START, StateGraph } from "replaygraph";
import type { EventStore } from "../../store/event-store.js";

// Subgraph runs record RunStarted.parentCheckpoints since 0.2; a store written before has none.
// Such a store still loads, replays and time-travels: its subgraph runs count as made before any
// root checkpoint (the subgraph goes on from its latest state, as 0.1 did), and a subgraph
// history names the enclosing graphs' current checkpoints.

const Sub = Annotation.Root({ trail: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });
const Parent = Annotation.Root({ results: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });

function build(store: EventStore, seen: string[][]) {
  const sub = new StateGraph(Sub)
    .addNode("sub_step", (state) => {
      seen.push([...state.trail]);
      return { trail: ["s"] };
    })
    .addEdge(START, "sub_step")
    .compile({ checkpointer: true });
  return new StateGraph(Parent)
    .addNode("parent_node", () => ({ results: ["p"] }))
    .addNode("sub_node", sub)
    .addEdge(START, "parent_node")
    .addEdge("parent_node", "sub_node")
    .compile({ checkpointer: store });
}

/** A copy of `store` as 0.1 wrote it: the same events, without `parentCheckpoints`. */
async function asWrittenBefore(store: EventStore): Promise<EventStore> {
  const old = new MemoryEventStore();
  for (const stream of (await store.listStreams()).streams) {
    const { events } = await store.readStream(stream);
    const copied = events.map(({ type, data, metadata }) => {
      const { parentCheckpoints: _dropped, ...rest } = data as Record<string, unknown>;
      return { type, data: type === "RunStarted" ? rest : data, metadata };
    });
    await old.appendToStream(stream, copied);
  }
  return old;
}

const collect = async <T>(iterable: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
};

describe("time travel on a store written before subgraph runs recorded their parents' checkpoints", () => {
  it("records them now, and an old store replays with its subgraph's latest state", async () => {
    const seen: string[][] = [];
    const config = { configurable: { thread_id: "t" } };
    const store = new MemoryEventStore();
    await build(store, seen).invoke({ results: [] }, config);
    await build(store, seen).invoke({ results: [] }, config);
    const { events } = await store.readStream("thread-t/sub_node");
    const recorded = events.filter((event) => event.type === "RunStarted").map((event) => (event.data as { parentCheckpoints?: number[] }).parentCheckpoints);
    expect(recorded).toEqual([[expect.any(Number)], [expect.any(Number)]]);
    expect(recorded[1]![0]).toBeGreaterThan(recorded[0]![0]!);

    for (const [which, on, expected] of [
      ["new", store, [["s"]]],
      ["old", await asWrittenBefore(store), [["s", "s"]]],
    ] as const) {
      const graph = build(on, seen);
      const history = await collect(graph.getStateHistory(config));
      const beforeSecond = history.find((snapshot) => snapshot.next.includes("parent_node"))!;
      seen.length = 0;
      await graph.invoke(null, beforeSecond.config);
      expect([which, seen]).toEqual([which, expected]);
      const subHistory = await collect(graph.getStateHistory({ configurable: { thread_id: "t", checkpoint_ns: "sub_node" } }));
      expect(subHistory.every((snapshot) => typeof snapshot.metadata?.parents[""] === "string")).toBe(true);
    }
  });
});
