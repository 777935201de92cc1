import { describe, expect, it } from "vitest";
import {
  Annotation,
  Command,
  END,
  GraphRecursionError,
  InvalidGraphError,
  MemorySaver,
  MissingEntryPointError,
  ReservedNameError,
  START,
  StateGraph,
  UnknownNodeError,
  UnreachableNodeError,
} from "../index.js";

const State = Annotation.Root({ n: Annotation<number>(), log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });
const noop = () => ({});

describe("compile() refuses graphs that cannot run, naming what is wrong", () => {
  it("an edge to or from an unknown node", () => {
    const to = () => new StateGraph(State).addNode("a", noop).addEdge(START, "a").addEdge("a", "nope").compile();
    expect(to).toThrow(UnknownNodeError);
    expect(to).toThrow(/names node 'nope'.*Known nodes: 'a'/);
    expect(() => new StateGraph(State).addNode("a", noop).addEdge(START, "a").addEdge("ghost", "a").compile()).toThrow(UnknownNodeError);
    expect(() =>
      new StateGraph(State)
        .addNode("a", noop)
        .addEdge(START, "a")
        .addConditionalEdges("a", () => "x", { x: "missing" })
        .compile(),
    ).toThrow(UnknownNodeError);
    expect(() =>
      new StateGraph(State)
        .addNode("a", noop)
        .addEdge(START, "a")
        .compile({ interruptBefore: ["zzz"] }),
    ).toThrow(UnknownNodeError);
  });

  it("no entry point", () => {
    expect(() => new StateGraph(State).addNode("a", noop).compile()).toThrow(MissingEntryPointError);
    expect(() => new StateGraph(State).addNode("a", noop).compile()).toThrow(/addEdge\(START/);
  });

  it("a node nothing reaches, unless an edge, a path map or a Command's ends lead to it", () => {
    expect(() => new StateGraph(State).addNode("a", noop).addNode("orphan", noop).addEdge(START, "a").compile()).toThrow(UnreachableNodeError);
    expect(() =>
      new StateGraph(State)
        .addNode("a", () => new Command({ goto: "b" }), { ends: ["b"] })
        .addNode("b", noop)
        .addEdge(START, "a")
        .compile(),
    ).not.toThrow();
    expect(() =>
      new StateGraph(State)
        .addNode("a", noop)
        .addNode("b", noop)
        .addEdge(START, "a")
        .addConditionalEdges("a", () => "b")
        .compile(),
    ).not.toThrow();
  });

  it("reserved and duplicate names", () => {
    expect(() => new StateGraph(State).addNode(END, noop)).toThrow(ReservedNameError);
    expect(() => new StateGraph(State).addNode("__secret", noop)).toThrow(ReservedNameError);
    expect(() => new StateGraph(State).addNode("a/b", noop)).toThrow(ReservedNameError);
    expect(() => new StateGraph(State).addNode("log", noop)).toThrow(/already a state key/);
    expect(() => new StateGraph(Annotation.Root({ __interrupt__: Annotation<string>() }))).toThrow(ReservedNameError);
    expect(() => new StateGraph(State).addNode("a", noop).addNode("a", noop)).toThrow(InvalidGraphError);
    expect(() => new StateGraph(State).addNode("a", 42 as never)).toThrow(/must be a function/);
  });
});

describe("the recursion limit", () => {
  it("stops a runaway loop with an error that says how to raise the limit; the committed steps are kept", async () => {
    const graph = new StateGraph(State)
      .addNode("tick", (s) => ({ n: (s.n ?? 0) + 1 }))
      .addEdge(START, "tick")
      .addEdge("tick", "tick")
      .compile({ checkpointer: new MemorySaver() });
    const config = { configurable: { thread_id: "loop" } };
    const error = await graph.invoke({ n: 0 }, config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphRecursionError);
    expect((error as Error).message).toContain(
      "Recursion limit of 25 reached without hitting a stop condition. You can increase the limit by setting the `recursionLimit` config key",
    );
    expect((await graph.getState(config)).values.n).toBe(25);
    await expect(graph.invoke({ n: 0 }, { ...config, recursionLimit: 3 })).rejects.toMatchObject({ recursionLimit: 3 });
  });
});
