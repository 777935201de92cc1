import { describe, expect, it } from "vitest";
import { CONFIG_KEY_NODE_FINISHED } from "../graph/constants.js";
import { onBothStores } from "../graph/testing/on-both-libraries.js";

// Differential: LangGraph's CONFIG_KEY_NODE_FINISHED ("__pregel_node_finished", an internal
// configurable key its own tests use) is called with a node's name each time one of its tasks
// finishes, a subgraph's nodes included, and not for a task that paused; on LangGraph 1.7.3 and on
// replaygraph (memory, and SQLite from a fresh handle for the resume).

function build(lib: any, checkpointer: unknown) {
  const { Annotation, StateGraph, START, interrupt } = lib;
  const State = Annotation.Root({ log: Annotation({ reducer: (a: string[], b: string[]) => [...a, ...b], default: () => [] }) });
  const child = new StateGraph(State)
    .addNode("ask", () => ({ log: [`ask:${interrupt("ok?")}`] }))
    .addEdge(START, "ask")
    .compile();
  return new StateGraph(State)
    .addNode("first", () => ({ log: ["first"] }))
    .addNode("child", child)
    .addNode("last", () => ({ log: ["last"] }))
    .addEdge(START, "first")
    .addEdge("first", "child")
    .addEdge("child", "last")
    .compile({ checkpointer });
}

describe("CONFIG_KEY_NODE_FINISHED, on both libraries", () => {
  it("is LangGraph's key", () => {
    expect(CONFIG_KEY_NODE_FINISHED).toBe("__pregel_node_finished");
  });

  for (const store of ["memory", "sqlite"] as const) {
    it(`is called with each node that finished, in order, subgraph nodes included (${store})`, async () => {
      const seen = await onBothStores(store, async (lib, checkpointer) => {
        const finished: string[] = [];
        const config = { configurable: { thread_id: "t", [CONFIG_KEY_NODE_FINISHED]: (node: string) => finished.push(node) } };
        await build(lib, checkpointer()).invoke({ log: [] }, config);
        const paused = [...finished];
        const output = await build(lib, checkpointer()).invoke(new lib.Command({ resume: "yes" }), config);
        return { paused, finished, log: output.log };
      });
      expect(seen.replaygraph).toEqual(seen.langgraph);
      expect(seen.replaygraph.finished).toEqual(["first", "ask", "child", "last"]);
    });
  }
});
