import { describe, expect, it } from "vitest";
import { onBothStores } from "../graph/testing/on-both-libraries.js";

// Differential: `updateState(config, null, "__copy__")` of a thread paused mid-step (one branch
// finished, one asked a question), on LangGraph 1.7.3 and on replaygraph (memory, and SQLite from
// fresh handles): the copy has the checkpoint's values (not the finished branch's writes), the
// step's tasks next with no interrupts, and a run from it runs them all again.

function build(lib: any, checkpointer: unknown) {
  const { Annotation, StateGraph, START, interrupt } = lib;
  const State = Annotation.Root({ log: Annotation({ reducer: (a: string, b: string) => a + b }) });
  return new StateGraph(State)
    .addNode("one", () => ({ log: " one" }))
    .addNode("two", () => ({ log: ` ${interrupt("why?")}` }))
    .addEdge(START, "one")
    .addEdge(START, "two")
    .compile({ checkpointer });
}

const shapeOf = (snapshot: any) => ({
  values: snapshot.values,
  next: snapshot.next,
  tasks: snapshot.tasks.map((task: any) => ({ name: task.name, interrupts: task.interrupts.map((one: any) => one.value) })),
  source: snapshot.metadata?.source,
  step: snapshot.metadata?.step,
});

describe("a copy of a paused checkpoint, on both libraries", () => {
  for (const store of ["memory", "sqlite"] as const) {
    it(`has the step's tasks next, without their writes or questions (${store})`, async () => {
      const seen = await onBothStores(store, async (lib, checkpointer) => {
        const config = { configurable: { thread_id: "t" } };
        await build(lib, checkpointer()).invoke({ log: "start" }, config);
        await build(lib, checkpointer()).updateState(config, null, "__copy__");
        const copied = shapeOf(await build(lib, checkpointer()).getState(config));
        const rerun = await build(lib, checkpointer()).invoke(null, config);
        return { copied, rerun: { log: rerun.log, asked: rerun.__interrupt__?.map((one: any) => one.value) } };
      });
      expect(seen.replaygraph).toEqual(seen.langgraph);
      expect(seen.replaygraph.copied).toEqual({
        values: { log: "start" },
        next: ["one", "two"],
        tasks: [
          { name: "one", interrupts: [] },
          { name: "two", interrupts: [] },
        ],
        source: "fork",
        step: 1,
      });
    });
  }
});
