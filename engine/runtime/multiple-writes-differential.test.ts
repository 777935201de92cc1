import { describe, expect, it } from "vitest";
import { onBothStores } from "../graph/testing/on-both-libraries.js";

// Differential: a node returning a list of Commands (or updates) that writes one key twice, on
// LangGraph 1.7 and on replaygraph: the writes fold in order, the `updates` stream lists them, a
// last-value key written twice is refused; on SQLite the state is read back from a fresh handle.

async function collect(stream: AsyncIterable<unknown>): Promise<unknown[]> {
  const chunks: unknown[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

function build(lib: any, checkpointer: unknown) {
  const { Annotation, StateGraph, START, Command } = lib;
  const State = Annotation.Root({ log: Annotation({ reducer: (a: string, b: string) => `${a}${b}`, default: () => "" }), last: Annotation() });
  return new StateGraph(State)
    .addNode("twice", () => [new Command({ update: { log: "a1", last: "x" } }), new Command({ update: { log: "a2" } }), { log: "a3" }])
    .addNode("after", (state: { log: string }) => ({ log: `|${state.log.length}` }))
    .addEdge(START, "twice")
    .addEdge("twice", "after")
    .compile({ checkpointer });
}

describe("a task that writes one key more than once, on both libraries", () => {
  for (const store of ["memory", "sqlite"] as const) {
    it(`folds the writes in order and streams them as a list (${store})`, async () => {
      const seen = await onBothStores(store, async (lib, checkpointer) => {
        const config = { configurable: { thread_id: "t" } };
        const output = await build(lib, checkpointer()).invoke({ log: "" }, config);
        const updates = await collect(await build(lib, checkpointer()).stream({ log: "" }, { configurable: { thread_id: "u" }, streamMode: "updates" }));
        const reopened = build(lib, checkpointer());
        const state = await reopened.getState(config);
        const history: unknown[] = [];
        for await (const snapshot of reopened.getStateHistory(config)) history.push(snapshot.values);
        return { output, updates, values: state.values, history };
      });
      expect(seen.replaygraph).toEqual(seen.langgraph);
      expect(seen.replaygraph.updates).toEqual([{ twice: [{ log: "a1" }, { last: "x" }, { log: "a2" }, { log: "a3" }] }, { after: { log: "|6" } }]);
    });
  }

  it("refuses a last-value key written twice by one task, with LangGraph's error code", async () => {
    const seen = await onBothStores("memory", async (lib) => {
      const { Annotation, StateGraph, START, Command } = lib;
      const graph = new StateGraph(Annotation.Root({ last: Annotation() }))
        .addNode("twice", () => [new Command({ update: { last: "x" } }), new Command({ update: { last: "y" } })])
        .addEdge(START, "twice")
        .compile();
      return graph.invoke({ last: "" }).then(
        () => "finished",
        (error: { name: string; lc_error_code?: string }) => [error.name, error.lc_error_code],
      );
    });
    expect(seen.replaygraph).toEqual(seen.langgraph);
  });
});
