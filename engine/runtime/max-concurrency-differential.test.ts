import * as langgraph from "@langchain/langgraph";
import * as replaygraph from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Differential: `maxConcurrency` bounds how many tasks of a step run at once, on LangGraph 1.7 and
// on replaygraph (memory and SQLite), with the step's result and order unchanged.

async function fanOut(lib: any, checkpointer: unknown, maxConcurrency: number | undefined) {
  const { Annotation, StateGraph, START, Send } = lib;
  let running = 0;
  let most = 0;
  const State = Annotation.Root({ items: Annotation({ reducer: (a: number[], b: number[]) => a.concat(b), default: () => [] }) });
  const graph = new StateGraph(State)
    .addNode("fan", () => ({}))
    .addNode("work", async (index: number) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running -= 1;
      return { items: [index] };
    })
    .addEdge(START, "fan")
    .addConditionalEdges("fan", () => Array.from({ length: 12 }, (_, index) => new Send("work", index)))
    .compile({ checkpointer });
  const output = await graph.invoke(
    { items: [] },
    { configurable: { thread_id: `t${String(maxConcurrency)}` }, ...(maxConcurrency === undefined ? {} : { maxConcurrency }) },
  );
  return { items: output.items, most };
}

describe("maxConcurrency on both libraries", () => {
  for (const store of ["memory", "sqlite"] as const) {
    it(`runs at most maxConcurrency tasks of a step at once (${store})`, async () => {
      const dir = await mkdtemp(join(tmpdir(), "replaygraph-concurrency-"));
      try {
        const checkpointer = store === "memory" ? new replaygraph.MemorySaver() : new SqliteEventStore(join(dir, "threads.db"));
        for (const limit of [undefined, 3]) {
          const expected = await fanOut(langgraph, new langgraph.MemorySaver(), limit);
          expect(await fanOut(replaygraph, checkpointer, limit)).toEqual(expected);
        }
        expect((await fanOut(replaygraph, checkpointer, 3)).most).toBe(3);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }

  it("refuses a maxConcurrency that is not a positive integer", async () => {
    const { Annotation, StateGraph, START } = replaygraph;
    const graph = new StateGraph(Annotation.Root({ x: Annotation<number>() }))
      .addNode("a", () => ({}))
      .addEdge(START, "a")
      .compile();
    await expect(graph.invoke({ x: 1 }, { maxConcurrency: 0 })).rejects.toThrow(replaygraph.InvalidConfigError);
  });
});
