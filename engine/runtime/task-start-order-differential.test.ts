import * as langgraph from "@langchain/langgraph";
import * as replaygraph from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Differential: the order a step's tasks start in, on LangGraph 1.7.3 and on replaygraph. LangGraph
// starts a Send's tasks first, then the edges' (a side effect shared by the tasks, here a counter,
// sees that order), and applies their writes the edges' first.

async function program(lib: any, checkpointer: unknown) {
  const { Annotation, Command, Send, StateGraph, START } = lib;
  const started: string[] = [];
  let count = 0;
  const graph = new StateGraph(Annotation.Root({ name: Annotation({ reducer: (a: string, b: string) => `${a} > ${b}` }) }))
    .addSequence({
      one: () => new Command({ goto: [new Send("two", { via: "send" })], update: { name: "one" } }),
      two: (input: { via?: string }) => {
        count += 1;
        started.push(input.via ?? "edge");
        return { name: `two ${count}` };
      },
      three: () => ({ name: "three" }),
    })
    .addEdge(START, "one")
    .compile({ checkpointer });
  const config = { configurable: { thread_id: "t" } };
  const values = await graph.invoke({ name: "start" }, config);
  const history: unknown[] = [];
  for await (const snapshot of graph.getStateHistory(config)) history.push(snapshot.tasks.map((task: any) => [task.name, task.path[0], task.result]));
  return { values, started, history };
}

describe("the order a step's tasks start in, on both libraries", () => {
  for (const store of ["memory", "sqlite"] as const) {
    it(`starts a Send's tasks before the edges' and applies the edges' writes first (${store})`, async () => {
      const dir = await mkdtemp(join(tmpdir(), "replaygraph-task-start-order-"));
      const sqlite = store === "sqlite" ? new SqliteEventStore(join(dir, "threads.db")) : undefined;
      try {
        const expected = await program(langgraph, new langgraph.MemorySaver());
        const actual = await program(replaygraph, sqlite ?? new replaygraph.MemorySaver());
        expect(expected.started).toEqual(["send", "edge"]);
        expect(expected.values).toEqual({ name: "start > one > two 2 > two 1 > three" });
        expect(actual).toEqual(expected);
      } finally {
        await sqlite?.close();
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});
