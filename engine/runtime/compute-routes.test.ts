import { describe, expect, it } from "vitest";
import { Annotation, Command, END, MemorySaver, START, StateGraph } from "../index.js";

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

describe("a Command's goto to a node its graph lacks (a departure: LangGraph drops the goto)", () => {
  it("is refused with UnknownNodeError, whose message says how a subgraph addresses its parent", async () => {
    const inner = new StateGraph(State)
      .addNode("inner", () => new Command({ goto: "after", update: { log: ["inner"] }, graph: "PARENT" }))
      .addEdge(START, "inner")
      .compile();
    const graph = new StateGraph(State)
      .addNode("sub", inner)
      .addNode("after", () => ({ log: ["after"] }))
      .addEdge(START, "sub")
      .addEdge("sub", "after")
      .compile();
    const failure = await graph.invoke({ log: [] }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: "UnknownNodeError", code: "UNKNOWN_NODE", node: "after" });
    expect(String((failure as Error).message)).toContain("Command({ goto, graph: Command.PARENT })");
  });
});
