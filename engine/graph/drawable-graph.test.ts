import * as langgraph from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import * as replaygraph from "../index.js";

/** The same graph-building program, given either library. */
type Build = (lib: any) => {
  getGraph(options?: { xray?: boolean | number }): { drawMermaid(): string; nodes: Record<string, { id: string; name: string; metadata?: unknown }> };
  getGraphAsync(options?: { xray?: boolean | number }): Promise<{ drawMermaid(): string }>;
};

const noop = () => ({});
const state = (lib: any) => lib.Annotation.Root({ x: lib.Annotation() });

const graphs: Record<string, Build> = {
  "a chain": (lib) =>
    new lib.StateGraph(state(lib)).addNode("a", noop).addNode("b", noop).addEdge(lib.START, "a").addEdge("a", "b").addEdge("b", lib.END).compile(),
  "a chain with no edge to END": (lib) =>
    new lib.StateGraph(state(lib)).addNode("a", noop).addNode("b", noop).addEdge(lib.START, "a").addEdge("a", "b").compile(),
  "conditional edges with and without a path map, a fan-in, Command ends, a node named subgraph, a breakpoint": (lib) => {
    const sub = new lib.StateGraph(state(lib)).addNode("s1", noop).addNode("s2", noop).addEdge(lib.START, "s1").addEdge("s1", "s2").compile();
    return new lib.StateGraph(state(lib))
      .addNode("a", noop)
      .addNode("b", noop, { ends: ["c"] })
      .addNode("c", noop)
      .addNode("sub", sub)
      .addNode("subgraph", noop)
      .addEdge(lib.START, "a")
      .addConditionalEdges("a", () => "yes", { yes: "b", no: lib.END })
      .addConditionalEdges("c", () => "b")
      .addEdge(["b", "c"], "sub")
      .addEdge("sub", "subgraph")
      .compile({ interruptBefore: ["c"], interruptAfter: ["c", "a"] });
  },
  "a conditional entry with a list path map": (lib) =>
    new lib.StateGraph(state(lib))
      .addNode("left", noop)
      .addNode("right", noop)
      .addConditionalEdges(lib.START, () => "left", ["left", "right"])
      .compile(),
  "nested subgraphs": (lib) => {
    const inner = new lib.StateGraph(state(lib)).addNode("i1", noop).addNode("i2", noop).addEdge(lib.START, "i1").addEdge("i1", "i2").compile();
    const middle = new lib.StateGraph(state(lib)).addNode("m1", noop).addNode("inner", inner).addEdge(lib.START, "m1").addEdge("m1", "inner").compile();
    return new lib.StateGraph(state(lib))
      .addNode("top", noop)
      .addNode("middle", middle)
      .addEdge(lib.START, "top")
      .addEdge("top", "middle")
      .addEdge("middle", lib.END)
      .compile();
  },
};

describe("getGraph() draws a graph as LangGraph does", () => {
  for (const [name, build] of Object.entries(graphs)) {
    it(`${name}: the same Mermaid diagram and node metadata`, async () => {
      const ours = build(replaygraph);
      const theirs = build(langgraph);
      expect(ours.getGraph().drawMermaid()).toBe(theirs.getGraph().drawMermaid());
      const nodes = (graph: ReturnType<Build>) => Object.values(graph.getGraph().nodes).map(({ id, name, metadata }) => ({ id, name, metadata }));
      expect(nodes(ours)).toEqual(nodes(theirs));
      for (const xray of [true, 1, 2]) {
        expect(ours.getGraph({ xray }).drawMermaid()).toBe(theirs.getGraph({ xray }).drawMermaid());
        expect((await ours.getGraphAsync({ xray })).drawMermaid()).toBe((await theirs.getGraphAsync({ xray })).drawMermaid());
      }
    });
  }
});
