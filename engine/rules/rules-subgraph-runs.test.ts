import { describe, expect, it } from "vitest";
import * as langgraph from "@langchain/langgraph";
import * as replaygraph from "../index.js";

// The same program on both libraries: these rules are LangGraph's own behaviour.
for (const [library, lib] of [
  ["replaygraph", replaygraph],
  ["langgraph", langgraph],
] as const) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const { Annotation, Command, END, INTERRUPT, MemorySaver, START, StateGraph } = lib as any as typeof replaygraph;
  const State = Annotation.Root({ log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });
  const config = (thread: string) => ({ configurable: { thread_id: thread } });
  const step = (name: string) => () => ({ log: [name] });

  describe(`subgraphs: breakpoints, Command.PARENT, stateful subgraphs (${library})`, () => {
    it("rule 31: a subgraph's static breakpoint pauses the parent with __interrupt__: []; invoke(null) continues past it", async () => {
      const child = new StateGraph(State)
        .addNode("c1", step("c1"))
        .addNode("c2", step("c2"))
        .addEdge(START, "c1")
        .addEdge("c1", "c2")
        .addEdge("c2", END)
        .compile({ interruptBefore: ["c2"] });
      const parent = new StateGraph(State)
        .addNode("before", step("before"))
        .addNode("child", child)
        .addNode("after", step("after"))
        .addEdge(START, "before")
        .addEdge("before", "child")
        .addEdge("child", "after")
        .addEdge("after", END)
        .compile({ checkpointer: new MemorySaver() });

      const paused = await parent.invoke({ log: [] }, config("r31"));
      expect(paused[INTERRUPT]).toEqual([]);
      expect((await parent.getState(config("r31"))).next).toEqual(["child"]);
      const done = await parent.invoke(null, config("r31"));
      // The child returns its whole state, which the parent's reducer appends (as LangGraph does).
      expect(done).toEqual({ log: ["before", "before", "c1", "c2", "after"] });
    });

    it("rule 32: Command({ graph: Command.PARENT }) ends the subgraph's run; its update and goto apply to the parent", async () => {
      let childAfterRan = false;
      const child = new StateGraph(State)
        .addNode("hop", () => new Command({ graph: Command.PARENT, update: { log: ["hop"] }, goto: "target" }))
        .addNode("childAfter", () => {
          childAfterRan = true;
          return { log: ["childAfter"] };
        })
        .addEdge(START, "hop")
        .addEdge("hop", "childAfter")
        .compile();
      const parent = new StateGraph(State)
        .addNode("child", child, { ends: ["target"] })
        .addNode("target", step("target"))
        .addEdge(START, "child")
        .addEdge("target", END)
        .compile({ checkpointer: new MemorySaver() });

      expect(await parent.invoke({ log: [] }, config("r32"))).toEqual({ log: ["hop", "target"] });
      expect(childAfterRan).toBe(false);
    });

    it("rule 33: a subgraph compiled with checkpointer: true keeps its state across the parent's runs; one without starts afresh", async () => {
      const Counter = Annotation.Root({ seen: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }) });
      const counting = (checkpointer: true | undefined) =>
        new StateGraph(Counter)
          .addNode("count", () => ({ seen: 1 }))
          .addEdge(START, "count")
          .addEdge("count", END)
          .compile(checkpointer ? { checkpointer } : {});
      const ParentState = Annotation.Root({ childSaw: Annotation<number[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });
      const parentWith = (child: ReturnType<typeof counting>) =>
        new StateGraph(ParentState)
          .addNode("call", async () => ({ childSaw: [(await child.invoke({ seen: 0 })).seen] }))
          .addEdge(START, "call")
          .addEdge("call", END)
          .compile({ checkpointer: new MemorySaver() });

      const stateful = parentWith(counting(true));
      await stateful.invoke({}, config("r33"));
      expect(await stateful.invoke({}, config("r33"))).toEqual({ childSaw: [1, 2] });
      expect(await stateful.invoke({}, config("r33-other"))).toEqual({ childSaw: [1] });

      const fresh = parentWith(counting(undefined));
      await fresh.invoke({}, config("r33f"));
      expect(await fresh.invoke({}, config("r33f"))).toEqual({ childSaw: [1, 1] });
    });
  });
}
