import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as langgraph from "@langchain/langgraph";
import * as replaygraph from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { afterAll, describe, expect, it, vi } from "vitest";
import { edgeInterruptWarning } from "./routes-in-task.js";

// Differential: a NodeInterrupt thrown in a conditional edge pauses the edge's source node, as
// LangGraph runs a node's edges in its task, with LangGraph's warning; the same program on both
// libraries, on memory and SQLite.

const libraries = { langgraph, replaygraph } as const;
type Library = keyof typeof libraries;
const lib = (name: Library): any => libraries[name];

const tempDirs: string[] = [];
afterAll(async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

async function checkpointerFor(name: Library, store: "memory" | "sqlite"): Promise<unknown> {
  if (name === "langgraph" || store === "memory") return new (lib(name).MemorySaver)();
  const dir = await mkdtemp(join(tmpdir(), "replaygraph-edge-interrupt-"));
  tempDirs.push(dir);
  return new SqliteEventStore(join(dir, "threads.db"));
}

/** What a user sees: the paused thread's state and its interrupt, the warnings, and the run after the state changed. */
async function program(name: Library, store: "memory" | "sqlite") {
  const { Annotation, StateGraph, START, END, NodeInterrupt } = lib(name);
  const State = Annotation.Root({ count: Annotation({ reducer: (a: number, b: number) => a + b }), open: Annotation() });
  const graph = new StateGraph(State)
    .addNode("nodeOne", () => ({ count: 1 }))
    .addNode("nodeTwo", () => ({ count: 10 }))
    .addEdge(START, "nodeOne")
    .addConditionalEdges(
      "nodeOne",
      (state: { open?: boolean; count: number }) => {
        if (!state.open) throw new NodeInterrupt("closed");
        return state.count > 5 ? END : "nodeTwo";
      },
      [END, "nodeTwo"],
    )
    .addEdge("nodeTwo", END)
    .compile({ checkpointer: await checkpointerFor(name, store) });
  const config = { configurable: { thread_id: `edge-${store}` } };
  const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  try {
    const pausedOutput = (await graph.invoke({ count: 0 }, config)) as { count: number };
    const paused = await graph.getState(config);
    const warnings = warn.mock.calls.map((call) => call[0]);
    await graph.updateState(config, { open: true });
    const output = await graph.invoke(null, config);
    return {
      pausedCount: pausedOutput.count,
      paused: { values: paused.values, next: paused.next, interrupts: paused.tasks.flatMap((task: any) => task.interrupts.map((i: any) => i.value)) },
      warnings,
      output,
    };
  } finally {
    warn.mockRestore();
  }
}

describe("NodeInterrupt in a conditional edge on both libraries", () => {
  it.each(["memory", "sqlite"] as const)(
    "pauses the edge's node with LangGraph's warning, and the node runs again once the state lets it pass (%s)",
    async (store) => {
      const { pausedCount: langGraphCount, ...langgraph } = await program("langgraph", store);
      const { pausedCount, ...replaygraph } = await program("replaygraph", store);
      const seen = { langgraph, replaygraph };
      expect(seen.replaygraph).toEqual(seen.langgraph);
      // The README's departure: LangGraph's paused invoke() returns the paused node's update, which its checkpoint lacks.
      expect({ langGraphCount, pausedCount }).toEqual({ langGraphCount: 1, pausedCount: 0 });
      expect(seen.replaygraph.paused).toEqual({ values: { count: 0 }, next: ["nodeOne"], interrupts: ["closed"] });
      expect(seen.replaygraph.warnings).toEqual([edgeInterruptWarning]);
    },
  );
});

/** A graph compiled without a checkpointer: what invoke() and an updates stream show of a NodeInterrupt, without its interrupts' ids (rule 2). */
async function withoutCheckpointer(name: Library) {
  const { Annotation, StateGraph, START, NodeInterrupt } = lib(name);
  const State = Annotation.Root({ count: Annotation({ reducer: (a: number, b: number) => a + b }) });
  const graph = new StateGraph(State)
    .addNode("gate", () => {
      throw new NodeInterrupt({ reason: "closed" });
    })
    .addEdge(START, "gate")
    .compile();
  const withoutIds = (value: any) => JSON.parse(JSON.stringify(value, (key, field) => (key === "id" ? undefined : field)));
  const output = await graph.invoke({ count: 0 });
  const chunks: unknown[] = [];
  for await (const chunk of await graph.stream({ count: 2 }, { streamMode: "updates" })) chunks.push(chunk);
  return { output: withoutIds(output), chunks: withoutIds(chunks) };
}

describe("NodeInterrupt without a checkpointer on both libraries", () => {
  it("pauses the run, which returns the interrupt in __interrupt__; nothing is kept (LangGraph needs a checkpointer only for interrupt())", async () => {
    const seen = { langgraph: await withoutCheckpointer("langgraph"), replaygraph: await withoutCheckpointer("replaygraph") };
    expect(seen.replaygraph).toEqual(seen.langgraph);
    expect(seen.replaygraph.output).toEqual({ count: 0, __interrupt__: [{ value: { reason: "closed" } }] });
  });
});
