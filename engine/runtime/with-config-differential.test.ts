import * as langgraph from "@langchain/langgraph";
import * as replaygraph from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Differential: `graph.withConfig(config)` and `graph.batch(inputs)` on LangGraph 1.7 and on
// replaygraph, compared on what a user sees, on a memory and a SQLite checkpointer.

const libraries = { langgraph, replaygraph } as const;
type Library = keyof typeof libraries;

async function onBoth<T>(store: "memory" | "sqlite", program: (lib: any, checkpointer: unknown) => Promise<T>): Promise<Record<Library, T>> {
  const dir = await mkdtemp(join(tmpdir(), "replaygraph-with-config-"));
  try {
    const replaygraphStore = store === "memory" ? new replaygraph.MemorySaver() : new SqliteEventStore(join(dir, "threads.db"));
    return {
      langgraph: await program(langgraph, new langgraph.MemorySaver()),
      replaygraph: await program(replaygraph, replaygraphStore),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function counterGraph(lib: any, checkpointer: unknown) {
  const { Annotation, StateGraph, START } = lib;
  const State = Annotation.Root({ count: Annotation({ reducer: (a: number, b: number) => a + b, default: () => 0 }), seen: Annotation() });
  return new StateGraph(State)
    .addNode("one", (_state: unknown, config: { configurable: Record<string, unknown>; context?: { who?: string } }) => ({
      count: 1,
      seen: `${String(config.configurable.who)}/${String(config.context?.who)}`,
    }))
    .addNode("two", () => ({ count: 1 }))
    .addEdge(START, "one")
    .addEdge("one", "two")
    .compile({ checkpointer });
}

describe("withConfig and batch on both libraries", () => {
  for (const store of ["memory", "sqlite"] as const) {
    it(`withConfig puts its config under every run's, merging configurable (${store})`, async () => {
      const seen = await onBoth(store, async (lib, checkpointer) => {
        const graph = counterGraph(lib, checkpointer).withConfig({ configurable: { thread_id: "t1", who: "default" }, context: { who: "ctx" } });
        const first = await graph.invoke({ count: 0 });
        const second = await graph.invoke({ count: 0 }, { configurable: { who: "call" } });
        const state = await graph.getState({ configurable: { thread_id: "t1" } });
        const limited = await counterGraph(lib, checkpointer)
          .withConfig({ recursionLimit: 1 })
          .invoke({ count: 0 }, { configurable: { thread_id: "t2" } })
          .then(
            () => "finished",
            (error: Error) => error.name,
          );
        return { first, second, values: state.values, limited };
      });
      expect(seen.replaygraph).toEqual(seen.langgraph);
      expect(seen.replaygraph.second).toEqual({ count: 4, seen: "call/ctx" });
    });
  }

  it("withConfig's callbacks see streamEvents' runs, with the call's own handlers", async () => {
    const seen = await onBoth("memory", async (lib) => {
      const calls: string[] = [];
      const handler = (who: string) => ({
        handleChainStart: (
          _chain: unknown,
          _inputs: unknown,
          _runId: string,
          _parent: string | undefined,
          _tags: unknown,
          _metadata: unknown,
          _type: unknown,
          name?: string,
        ) => calls.push(`${who} start ${name}`),
        handleChainEnd: () => calls.push(`${who} end`),
      });
      const graph = counterGraph(lib, undefined).withConfig({ callbacks: [handler("default")] });
      const events: string[] = [];
      for await (const event of graph.streamEvents({ count: 0 }, { version: "v2", callbacks: [handler("call")] })) events.push(`${event.event} ${event.name}`);
      return { calls: calls.sort(), events: events.filter((event) => event.startsWith("on_chain_start") || event.startsWith("on_chain_end")) };
    });
    expect(seen.replaygraph).toEqual(seen.langgraph);
    expect(seen.replaygraph.calls).toContain("default start LangGraph");
  });

  it("batch runs each input and returns the outputs in order", async () => {
    const seen = await onBoth("memory", async (lib) => {
      const graph = counterGraph(lib, undefined);
      return graph.batch([{ count: 10 }, { count: 20 }]);
    });
    expect(seen.replaygraph).toEqual(seen.langgraph);
  });
});
