import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as langgraph from "@langchain/langgraph";
import { InMemoryCache as LangGraphInMemoryCache } from "@langchain/langgraph-checkpoint";
import * as replaygraph from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { describe, expect, it } from "vitest";

// Differential: node and task caches (`cachePolicy` with `compile({ cache })` / `entrypoint({ cache })`)
// on LangGraph 1.7 and on replaygraph, on a memory and a SQLite checkpointer: how often the cached
// work runs, what the `updates` stream says, what `clearCache()` does.

interface Side {
  readonly lib: any;
  readonly cache: unknown;
  readonly checkpointer: unknown;
}

async function onBoth<T>(store: "memory" | "sqlite", program: (side: Side) => Promise<T>): Promise<{ langgraph: T; replaygraph: T }> {
  const dir = await mkdtemp(join(tmpdir(), "replaygraph-cache-"));
  try {
    const checkpointer = store === "memory" ? new replaygraph.MemorySaver() : new SqliteEventStore(join(dir, "threads.db"));
    return {
      langgraph: await program({ lib: langgraph, cache: new LangGraphInMemoryCache(), checkpointer: new langgraph.MemorySaver() }),
      replaygraph: await program({ lib: replaygraph, cache: new replaygraph.InMemoryCache(), checkpointer }),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function collect(stream: AsyncIterable<unknown>): Promise<unknown[]> {
  const chunks: unknown[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe("node and task caches on both libraries", () => {
  for (const store of ["memory", "sqlite"] as const) {
    it(`a node with a cachePolicy runs once per input across threads, until clearCache() (${store})`, async () => {
      const seen = await onBoth(store, async ({ lib, cache, checkpointer }) => {
        const { Annotation, StateGraph, START } = lib;
        let runs = 0;
        const State = Annotation.Root({ query: Annotation(), answer: Annotation() });
        const graph = new StateGraph(State)
          .addNode("lookup", (state: { query: string }) => ((runs += 1), { answer: `answer to ${state.query}` }), { cachePolicy: { ttl: 60 } })
          .addNode("plain", () => ({}))
          .addEdge(START, "lookup")
          .addEdge("lookup", "plain")
          .compile({ checkpointer, cache });
        const first = await graph.invoke({ query: "q1" }, { configurable: { thread_id: "a" } });
        const streamed = await collect(await graph.stream({ query: "q1" }, { configurable: { thread_id: "b" }, streamMode: "updates" }));
        const other = await graph.invoke({ query: "q2" }, { configurable: { thread_id: "c" } });
        const runsBeforeClear = runs;
        await graph.clearCache();
        await graph.invoke({ query: "q1" }, { configurable: { thread_id: "d" } });
        const state = await graph.getState({ configurable: { thread_id: "b" } });
        return { first, streamed, other, runsBeforeClear, runs, values: state.values };
      });
      expect(seen.replaygraph).toEqual(seen.langgraph);
      expect(seen.replaygraph.runsBeforeClear).toBe(2);
      expect(seen.replaygraph.streamed[0]).toEqual({ lookup: { answer: "answer to q1" }, __metadata__: { cached: true } });
    });

    it(`a task with a cachePolicy runs once per argument across threads, until clearCache() (${store})`, async () => {
      const seen = await onBoth(store, async ({ lib, cache, checkpointer }) => {
        const { entrypoint, task } = lib;
        let runs = 0;
        const double = task({ name: "double", cachePolicy: { ttl: 60 } }, (x: number) => ((runs += 1), x * 2));
        const workflow = entrypoint({ name: "doubler", checkpointer, cache }, async (xs: number[]) => {
          const out: number[] = [];
          for (const x of xs) out.push(await double(x));
          return out;
        });
        const first = await workflow.invoke([1, 2, 1], { configurable: { thread_id: "a" } });
        const second = await workflow.invoke([2, 3], { configurable: { thread_id: "b" } });
        const runsBeforeClear = runs;
        await workflow.clearCache();
        await workflow.invoke([1], { configurable: { thread_id: "c" } });
        return { first, second, runsBeforeClear, runs };
      });
      expect(seen.replaygraph).toEqual(seen.langgraph);
      expect(seen.replaygraph).toEqual({ first: [2, 4, 2], second: [4, 6], runsBeforeClear: 3, runs: 4 });
    });
  }
});
