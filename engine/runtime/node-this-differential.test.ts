import { describe, expect, it } from "vitest";
import { onBothStores } from "../graph/testing/on-both-libraries.js";

// Differential: a node given as an unbound method that reads `this.name` (LangGraph's node wrapper
// calls it with itself as `this`, named after the node), on LangGraph 1.7.3 and on replaygraph.

class Named {
  name = "instance";
  call(this: { name: string }) {
    return { value: [this.name] };
  }
}

describe("a node's `this`, on both libraries", () => {
  for (const store of ["memory", "sqlite"] as const) {
    it(`is named after the node (${store})`, async () => {
      const seen = await onBothStores(store, async (lib, checkpointer) => {
        const { Annotation, StateGraph, START } = lib;
        const State = Annotation.Root({ value: Annotation({ reducer: (a: string[], b: string[]) => [...a, ...b], default: () => [] }) });
        const graph = new StateGraph(State)
          .addNode("first", new Named().call)
          .addNode("second", new Named().call)
          .addEdge(START, "first")
          .addEdge("first", "second")
          .compile({ checkpointer: checkpointer() });
        return graph.invoke({ value: [] }, { configurable: { thread_id: "t" } });
      });
      expect(seen.replaygraph).toEqual(seen.langgraph);
      expect(seen.replaygraph).toEqual({ value: ["first", "second"] });
    });
  }
});
