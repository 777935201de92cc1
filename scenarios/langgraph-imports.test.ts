import { describe, expect, it } from "vitest";
import { observeBoth, outcomeOf, parityStores, type LibrarySide } from "./testing/langgraph-sides.js";

// The names LangGraph users import, used the way LangGraph's docs use them, on both libraries.

const logState = (side: LibrarySide) => {
  const { Annotation } = side.lib;
  return Annotation.Root({
    approved: Annotation({ reducer: (_: boolean, b: boolean) => b, default: () => false }),
    log: Annotation({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }),
  });
};

describe.each(parityStores)("LangGraph's names, LangGraph vs replaygraph, on $store", (store) => {
  it("NodeInterrupt pauses the node; after updateState, invoke(null) runs it again and it passes", async () => {
    const observed = await observeBoth(store, async (side) => {
      const { StateGraph, START, END, NodeInterrupt, isInterrupted } = side.lib;
      const runs = { gate: 0 };
      const graph = new StateGraph(logState(side))
        .addNode("gate", (state: { approved: boolean }) => {
          runs.gate++;
          if (!state.approved) throw new NodeInterrupt({ reason: "needs approval" });
          return { log: ["sent"] };
        })
        .addEdge(START, "gate")
        .addEdge("gate", END)
        .compile({ checkpointer: side.checkpointer });
      const config = { configurable: { thread_id: "gate" } };
      const paused = await graph.invoke({ log: ["start"] }, config);
      const snapshot = await graph.getState(config);
      await graph.updateState(config, { approved: true });
      const done = await graph.invoke(null, config);
      return {
        paused: { log: paused.log, interrupted: isInterrupted(paused), values: paused.__interrupt__.map((i: { value: unknown }) => i.value) },
        next: snapshot.next,
        tasks: snapshot.tasks.map((t: { name: string; interrupts: { value: unknown }[] }) => ({ name: t.name, interrupts: t.interrupts.map((i) => i.value) })),
        done,
        runs,
      };
    });
    expect(observed.langgraph).toEqual({
      paused: { log: ["start"], interrupted: true, values: [{ reason: "needs approval" }] },
      next: ["gate"],
      tasks: [{ name: "gate", interrupts: [{ reason: "needs approval" }] }],
      done: { approved: true, log: ["start", "sent"] },
      runs: { gate: 2 },
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
  });

  it("isInterrupted: true at interrupt() and at a static breakpoint, false for a finished run", async () => {
    const observed = await observeBoth(store, async (side) => {
      const { StateGraph, START, END, Command, interrupt, isInterrupted } = side.lib;
      const graph = new StateGraph(logState(side))
        .addNode("ask", () => ({ log: [String(interrupt("ok?"))] }))
        .addNode("after", () => ({ log: ["after"] }))
        .addEdge(START, "ask")
        .addEdge("ask", "after")
        .addEdge("after", END)
        .compile({ checkpointer: side.checkpointer, interruptBefore: ["after"] });
      const config = { configurable: { thread_id: "guards" } };
      const atInterrupt = await graph.invoke({}, config);
      const atBreakpoint = await graph.invoke(new Command({ resume: "yes" }), config);
      const finished = await graph.invoke(null, config);
      return [atInterrupt, atBreakpoint, finished, null, "x", { __interrupt__: "no" }].map((value) => isInterrupted(value));
    });
    expect(observed.langgraph).toEqual([true, true, false, false, false, false]);
    expect(observed.replaygraph).toEqual(observed.langgraph);
  });

  it("getConfig, getCurrentTaskInput, getWriter and writer inside a node; outside one getConfig() is undefined and the others throw", async () => {
    const observed = await observeBoth(store, async (side) => {
      const { StateGraph, START, END, getConfig, getCurrentTaskInput, getWriter, writer } = side.lib;
      const seen: unknown[] = [];
      const helper = async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        const config = getConfig();
        seen.push({ thread: config.configurable?.thread_id, user: config.configurable?.user, input: getCurrentTaskInput() });
        getWriter()?.({ from: "getWriter" });
        writer({ from: "writer" });
      };
      const graph = new StateGraph(logState(side))
        .addNode("n", async () => {
          await helper();
          return { log: ["n"] };
        })
        .addEdge(START, "n")
        .addEdge("n", END)
        .compile({ checkpointer: side.checkpointer });
      const chunks: unknown[] = [];
      for await (const chunk of await graph.stream({ log: ["in"] }, { configurable: { thread_id: "ctx", user: "ada" }, streamMode: "custom" }))
        chunks.push(chunk);
      const outsideConfig = await outcomeOf(async () => getConfig());
      const outsideInput = await outcomeOf(async () => getCurrentTaskInput());
      const outsideWriter = await outcomeOf(async () => getWriter());
      const givenWriter = getWriter({ writer: () => undefined });
      return {
        seen,
        chunks,
        outside: ["threw" in outsideConfig, "threw" in outsideInput, "threw" in outsideWriter],
        outsideConfig,
        givenWriter: typeof givenWriter,
      };
    });
    const common = {
      seen: [{ thread: "ctx", user: "ada", input: { approved: false, log: ["in"] } }],
      outside: [false, true, true],
      outsideConfig: { result: undefined },
      givenWriter: "function",
    };
    expect(observed.langgraph).toEqual({ ...common, chunks: [{ from: "getWriter" }] });
    // A listed departure: LangGraph 1.7.3's writer() reads configurable.writer, which a StateGraph
    // node's config does not have, so it sends nothing; replaygraph's sends, as getWriter()'s does.
    expect(observed.replaygraph).toEqual({ ...common, chunks: [{ from: "getWriter" }, { from: "writer" }] });
  });

  it("EmptyInputError and GraphValueError are the classes the engine throws, and instanceof works on each side", async () => {
    const observed = await observeBoth(store, async (side) => {
      const { StateGraph, START, END, interrupt, EmptyInputError, GraphValueError, BaseLangGraphError } = side.lib;
      const build = (checkpointer: unknown) =>
        new StateGraph(logState(side))
          .addNode("ask", () => ({ log: [String(interrupt("ok?"))] }))
          .addEdge(START, "ask")
          .addEdge("ask", END)
          .compile(checkpointer ? { checkpointer } : {});
      const empty = await build(side.checkpointer)
        .invoke(null, { configurable: { thread_id: "none" } })
        .catch((error: unknown) => error);
      const noCheckpointer = await build(undefined)
        .invoke({})
        .catch((error: unknown) => error);
      return {
        empty: [empty instanceof EmptyInputError, empty instanceof BaseLangGraphError],
        noCheckpointer: [noCheckpointer instanceof GraphValueError, noCheckpointer instanceof BaseLangGraphError],
      };
    });
    expect(observed.langgraph).toEqual({ empty: [true, true], noCheckpointer: [true, true] });
    expect(observed.replaygraph).toEqual(observed.langgraph);
  });
});
