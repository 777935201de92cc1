import { describe, expect, it } from "vitest";
import { Annotation, END, MemorySaver, START, StateGraph } from "../index.js";

const State = Annotation.Root({ log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });

/** `start` fans out through two conditional edges: the first as `first` makes it, the second synchronous. */
function branching(first: "sync" | "async" | "async-rejects") {
  const route = (state: typeof State.State) => (state.log.includes("start") ? "a" : END);
  return new StateGraph(State)
    .addNode("start", () => ({ log: ["start"] }))
    .addNode("a", () => ({ log: ["a"] }))
    .addNode("b", () => ({ log: ["b"] }))
    .addEdge(START, "start")
    .addConditionalEdges(
      "start",
      first === "sync"
        ? route
        : async (state) => {
            await new Promise((resolve) => setTimeout(resolve, 1));
            if (first === "async-rejects") throw new Error("route failed");
            return route(state);
          },
    )
    .addConditionalEdges("start", () => ["b"])
    .compile({ checkpointer: new MemorySaver() });
}

describe("routes of conditional edges, synchronous or not", () => {
  it.each(["sync", "async"] as const)("a %s edge before a synchronous one: both are taken, as recorded", async (first) => {
    const graph = branching(first);
    const config = { configurable: { thread_id: `t-${first}` } };
    const out = await graph.invoke({ log: [] }, config);
    expect(out.log).toEqual(["start", "a", "b"]);
    const history = [];
    for await (const snapshot of graph.getStateHistory(config)) history.push(snapshot.next);
    expect(history).toContainEqual(["a", "b"]);
  });

  it("an edge whose promise rejects fails the node's task with the edge's error", async () => {
    const graph = branching("async-rejects");
    await expect(graph.invoke({ log: [] }, { configurable: { thread_id: "t-rejects" } })).rejects.toThrow("route failed");
  });
});
