import * as langgraph from "@langchain/langgraph";
import * as replaygraph from "replaygraph";
import { describe, expect, it } from "vitest";

// Differential: `graph.nodes[name].invoke(state)`, one node called on its own, on LangGraph 1.7.3
// and on replaygraph: the node gets the input as its state and its return value comes back; no
// other node runs.

function build(lib: any, calls: string[]) {
  const { Annotation, StateGraph, START, END } = lib;
  const State = Annotation.Root({ log: Annotation({ reducer: (a: string[], b: string[]) => [...a, ...b], default: () => [] }) });
  return new StateGraph(State)
    .addNode("one", (state: { log: string[] }) => {
      calls.push("one");
      return { log: [...state.log, "one"] };
    })
    .addNode("two", () => {
      calls.push("two");
      throw new Error("two should not run");
    })
    .addEdge(START, "one")
    .addEdge("one", "two")
    .addEdge("two", END)
    .compile();
}

async function program(lib: any) {
  const calls: string[] = [];
  const graph = build(lib, calls);
  const result = await graph.nodes.one.invoke({ log: ["start"] });
  return { result, calls, names: Object.keys(graph.nodes).filter((name) => !name.startsWith("__")) };
}

describe("graph.nodes[name].invoke(state), on both libraries", () => {
  it("calls that node alone and returns what it returned", async () => {
    const expected = await program(langgraph);
    expect(await program(replaygraph)).toEqual(expected);
    expect(expected.result).toEqual({ log: ["start", "one"] });
  });
});
