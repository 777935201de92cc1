import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as langgraph from "@langchain/langgraph";
import * as replaygraph from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { describe, expect, it } from "vitest";

// A thread written by replaygraph 0.1.0 (scenarios/histories/release-0.1/, an exported SQLite
// thread: input, interrupt, answer, updateState, a fork, a second input), loaded by today's code
// into memory and SQLite: it verifies, its state is 0.1.0's, and its history is shaped as
// LangGraph's for the same program (the input checkpoint at step -1 before each input, next
// `__start__`), except the steps from its fork on: 0.1.0 recorded no step for a fork, so an old
// fork is numbered from the thread's head (its step + 1), not from the checkpoint it copies.

const file = join(import.meta.dirname, "histories/release-0.1/thread.jsonl");
const threadId = "release-0.1";
const config = { configurable: { thread_id: threadId } };

function build(lib: any, checkpointer: unknown) {
  const { Annotation, END, interrupt, START, StateGraph } = lib;
  const State = Annotation.Root({ log: Annotation({ reducer: (a: string[], b: string[]) => [...a, ...b], default: () => [] }), answer: Annotation() });
  return new StateGraph(State)
    .addNode("plan", () => ({ log: ["plan"] }))
    .addNode("ask", () => ({ answer: interrupt("ship it?") }))
    .addNode("finish", (state: { answer: string }) => ({ log: [`finish:${state.answer}`] }))
    .addEdge(START, "plan")
    .addEdge("plan", "ask")
    .addEdge("ask", "finish")
    .addEdge("finish", END)
    .compile({ checkpointer });
}

/** What 0.1.0's script did to the thread, run on LangGraph. */
async function writtenByLangGraph() {
  const graph = build(langgraph, new langgraph.MemorySaver());
  await graph.invoke({ log: ["start"] }, config);
  await graph.invoke(new langgraph.Command({ resume: "yes" }), config);
  await graph.updateState(config, { log: ["edited"] }, "finish");
  let afterPlan: any;
  for await (const snapshot of graph.getStateHistory(config)) if (afterPlan === undefined && snapshot.next.includes("ask")) afterPlan = snapshot;
  await graph.invoke(null, { configurable: { ...config.configurable, checkpoint_id: afterPlan.config.configurable.checkpoint_id } });
  await graph.invoke(new langgraph.Command({ resume: "no" }), config);
  await graph.invoke({ log: ["again"] }, config);
  await graph.invoke(new langgraph.Command({ resume: "later" }), config);
  return graph;
}

async function historyOf(graph: any) {
  const rows: { source: string; step: number; next: string[]; values: unknown; parent: boolean; tasks: string[] }[] = [];
  for await (const s of graph.getStateHistory(config))
    rows.push({
      source: s.metadata.source,
      step: s.metadata.step,
      next: s.next,
      values: s.values,
      parent: s.parentConfig !== undefined,
      tasks: s.tasks.map((task: any) => task.name),
    });
  return rows;
}

describe("a thread written by 0.1.0, loaded by today's code", () => {
  for (const name of ["memory", "sqlite"] as const) {
    it(`verifies, keeps its state, and shows LangGraph's history (${name})`, async () => {
      const dir = await mkdtemp(join(tmpdir(), "replaygraph-release-0.1-"));
      const store = name === "memory" ? new replaygraph.MemoryEventStore() : new SqliteEventStore(join(dir, "threads.db"));
      try {
        await replaygraph.importHistory(store, file);
        const graph = build(replaygraph, store);
        const verified = await replaygraph.verify(graph, threadId);
        expect(verified.ok ? "ok" : verified.divergence).toBe("ok");
        // 0.1.0's own getState of this thread, as its script printed it.
        expect((await graph.getState(config)).values).toEqual({ log: ["start", "plan", "finish:no", "again", "plan", "finish:later"], answer: "later" });

        const expected = await historyOf(await writtenByLangGraph());
        const actual = await historyOf(graph);
        const fork = actual.findIndex((row) => row.source === "fork");
        expect(fork).toBeGreaterThan(0);
        // Before its fork (older checkpoints): exactly LangGraph's, input checkpoint at step -1 included.
        expect(actual.slice(fork + 1)).toEqual(expected.slice(fork + 1));
        expect(actual.at(-1)).toMatchObject({ source: "input", step: -1, next: ["__start__"], tasks: ["__start__"], parent: false });
        // From the fork on: the same checkpoints, steps counted from the old head (update at 4, so the fork is 5).
        const withoutSteps = (rows: typeof actual) => rows.map(({ step: _step, ...row }) => row);
        expect(withoutSteps(actual.slice(0, fork + 1))).toEqual(withoutSteps(expected.slice(0, fork + 1)));
        expect(actual[fork]!.step).toBe(actual[fork + 1]!.step + 1);
        expect(actual.slice(0, fork + 1).map((row) => row.step)).toEqual(expected.slice(0, fork + 1).map((row) => row.step + 3));

        // The old thread goes on: a new input runs from its head.
        const more = await graph.invoke({ log: ["more"] }, config);
        expect(more).toMatchObject({ log: ["start", "plan", "finish:no", "again", "plan", "finish:later", "more", "plan"] });
        expect((await graph.getState(config)).next).toEqual(["ask"]);
      } finally {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});
