import { describe, expect, it } from "vitest";
import { Annotation, Command, END, INTERRUPT, interrupt, MemorySaver, START, StateGraph, type NodeConfig } from "../index.js";

const State = Annotation.Root({ log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });
const config = (thread: string) => ({ configurable: { thread_id: thread } });
const step = (name: string) => () => ({ log: [name] });

function chain(options: { interruptBefore?: readonly string[] | "*"; interruptAfter?: readonly string[] | "*" } = {}) {
  return new StateGraph(State)
    .addNode("a", step("a"))
    .addNode("b", step("b"))
    .addNode("c", step("c"))
    .addEdge(START, "a")
    .addEdge("a", "b")
    .addEdge("b", "c")
    .addEdge("c", END)
    .compile({ checkpointer: new MemorySaver(), ...options });
}

describe("static breakpoints", () => {
  it("rule 20: interruptBefore pauses before the step with __interrupt__: [], invoke(null) continues without stopping again", async () => {
    const graph = chain({ interruptBefore: ["b"] });
    const paused = await graph.invoke({}, config("r20"));
    expect(paused).toEqual({ log: ["a"], [INTERRUPT]: [] });
    const state = await graph.getState(config("r20"));
    expect(state.next).toEqual(["b"]);
    expect(state.tasks.map((t) => [t.name, t.interrupts])).toEqual([["b", []]]);
    expect(await graph.invoke(null, config("r20"))).toEqual({ log: ["a", "b", "c"] });
  });

  it("rule 20: interruptAfter pauses after the step commits; run-time lists replace compile-time ones; '*' stops everywhere", async () => {
    const after = chain({ interruptAfter: ["b"] });
    expect(await after.invoke({}, config("r20a"))).toEqual({ log: ["a", "b"], [INTERRUPT]: [] });
    expect((await after.getState(config("r20a"))).next).toEqual(["c"]);
    expect(await after.invoke(null, config("r20a"))).toEqual({ log: ["a", "b", "c"] });

    const plain = chain();
    expect(await plain.invoke({}, { ...config("r20r"), interruptBefore: ["c"] })).toEqual({ log: ["a", "b"], [INTERRUPT]: [] });
    expect(await plain.invoke(null, config("r20r"))).toEqual({ log: ["a", "b", "c"] });

    const everywhere = chain({ interruptBefore: "*" });
    const stops: string[][] = [];
    let result = await everywhere.invoke({}, config("r20s"));
    while (result[INTERRUPT]) {
      stops.push([...(await everywhere.getState(config("r20s"))).next]);
      result = await everywhere.invoke(null, config("r20s"));
    }
    expect(stops).toEqual([["a"], ["b"], ["c"]]);
    expect(result.log).toEqual(["a", "b", "c"]);
  });

  it("rule 20: interruptAfter on the last node pauses after its commit; invoke(null) then ends the run", async () => {
    const graph = chain({ interruptAfter: ["c"] });
    expect(await graph.invoke({}, config("r20last"))).toEqual({ log: ["a", "b", "c"], [INTERRUPT]: [] });
    expect((await graph.getState(config("r20last"))).next).toEqual([]);
    expect(await graph.invoke(null, config("r20last"))).toEqual({ log: ["a", "b", "c"] });
    expect(await graph.invoke(null, config("r20last"))).toEqual({ log: ["a", "b", "c"] });
  });

  it("rule 20: Command({update}) at a breakpoint applies the update and passes it", async () => {
    const graph = chain({ interruptBefore: ["b"] });
    await graph.invoke({}, config("r20u"));
    expect(await graph.invoke(new Command({ update: { log: ["edited"] } }), config("r20u"))).toEqual({ log: ["a", "edited", "b", "c"] });
  });
});

describe("subgraphs", () => {
  const ChildState = Annotation.Root({ log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });

  function child(counts: Record<string, number>) {
    const count = (name: string) => (counts[name] = (counts[name] ?? 0) + 1);
    return new StateGraph(ChildState)
      .addNode("s1", () => {
        count("s1");
        return { log: ["s1"] };
      })
      .addNode("s2", () => {
        count("s2");
        return { log: [`s2:${interrupt("child asks")}`] };
      })
      .addEdge(START, "s1")
      .addEdge("s1", "s2")
      .addEdge("s2", END)
      .compile();
  }

  it("rule 21: a subgraph node's interrupt surfaces on the parent; on resume only the interrupted child node re-runs", async () => {
    const counts: Record<string, number> = {};
    const graph = new StateGraph(State)
      .addNode("pre", () => {
        counts["pre"] = (counts["pre"] ?? 0) + 1;
        return { log: ["pre"] };
      })
      .addNode("sub", child(counts))
      .addEdge(START, "pre")
      .addEdge("pre", "sub")
      .addEdge("sub", END)
      .compile({ checkpointer: new MemorySaver() });
    const paused = await graph.invoke({}, config("r21"));
    expect(paused[INTERRUPT]?.map((i) => i.value)).toEqual(["child asks"]);
    expect((await graph.getState(config("r21"))).tasks.map((t) => [t.name, t.interrupts.map((i) => i.value)])).toEqual([["sub", ["child asks"]]]);
    const done = await graph.invoke(new Command({ resume: "yes" }), config("r21"));
    expect(done.log).toEqual(["pre", "pre", "s1", "s2:yes"]);
    expect(counts).toEqual({ pre: 1, s1: 1, s2: 2 });
  });

  it("rule 22: a subgraph invoked inside a node: the parent node re-runs from its start, the subgraph resumes from its own state", async () => {
    const counts: Record<string, number> = {};
    const sub = child(counts);
    const graph = new StateGraph(State)
      .addNode("wrapper", async (_state, nodeConfig: NodeConfig) => {
        counts["before"] = (counts["before"] ?? 0) + 1;
        const output = await sub.invoke({ log: ["in"] }, nodeConfig);
        counts["after"] = (counts["after"] ?? 0) + 1;
        return { log: output.log };
      })
      .addEdge(START, "wrapper")
      .compile({ checkpointer: new MemorySaver() });
    const paused = await graph.invoke({}, config("r22"));
    expect(paused[INTERRUPT]?.map((i) => i.value)).toEqual(["child asks"]);
    const done = await graph.invoke(new Command({ resume: "ok" }), config("r22"));
    expect(done.log).toEqual(["in", "s1", "s2:ok"]);
    expect(counts).toEqual({ before: 2, s1: 1, s2: 2, after: 1 });
  });
});
