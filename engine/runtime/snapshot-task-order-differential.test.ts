import * as langgraph from "@langchain/langgraph";
import * as replaygraph from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Differential: the order of a step's tasks in getState / getStateHistory, on LangGraph 1.7.3 and
// on replaygraph: a Send's tasks first, then the edges' tasks, as LangGraph lists them (so
// `tasks.at(-1)` is the same task on both).

async function program(lib: any, checkpointer: unknown) {
  const { Annotation, StateGraph, START, Send, interrupt } = lib;
  const State = Annotation.Root({ k: Annotation({ reducer: (a: string, b: string) => a + b, default: () => "" }) });
  const graph = new StateGraph(State)
    .addNode("b_pull", () => ({ k: interrupt("q") }))
    .addNode("a_push", () => ({ k: "1" }))
    .addNode("z_pull", () => ({ k: "z" }))
    .addConditionalEdges(START, (state: unknown) => ["z_pull", "b_pull", new Send("a_push", state)])
    .compile({ checkpointer });
  const config = { configurable: { thread_id: "t" } };
  await graph.invoke({ k: "" }, config);
  const state = await graph.getState(config);
  const history: unknown[] = [];
  for await (const snapshot of graph.getStateHistory(config))
    history.push([snapshot.next, snapshot.tasks.map((task: any) => [task.name, task.path[0], task.interrupts.length])]);
  return { tasks: state.tasks.map((task: any) => [task.name, task.path[0], task.interrupts.length]), next: state.next, history };
}

describe("the order of a step's tasks in the state, on both libraries", () => {
  for (const store of ["memory", "sqlite"] as const) {
    it(`lists a Send's tasks first, then the edges' (${store})`, async () => {
      const dir = await mkdtemp(join(tmpdir(), "replaygraph-task-order-"));
      try {
        const expected = await program(langgraph, new langgraph.MemorySaver());
        const actual = await program(replaygraph, store === "memory" ? new replaygraph.MemorySaver() : new SqliteEventStore(join(dir, "threads.db")));
        expect(actual).toEqual(expected);
        expect(actual.tasks.at(-1)).toEqual(["z_pull", "__pregel_pull", 0]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});
