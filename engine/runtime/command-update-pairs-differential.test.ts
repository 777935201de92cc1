import { describe, expect, it } from "vitest";
import { onBothStores } from "../graph/testing/on-both-libraries.js";

// Differential: `Command({ update: [[key, value], ...] })`, LangGraph's list form of an update,
// returned by a node and given as input, on LangGraph 1.7.3 and on replaygraph: the pairs write in
// order (a key twice is two writes), the `updates` and `tasks` streams and the history show them as
// LangGraph does (`{ $writes: [...] }` for a key written twice). On SQLite, read back from a fresh handle.

function build(lib: any, checkpointer: unknown) {
  const { Annotation, StateGraph, START, Command, interrupt } = lib;
  const State = Annotation.Root({
    log: Annotation({ reducer: (a: string, b: string) => [a, b].filter(Boolean).join(", "), default: () => "" }),
    last: Annotation(),
  });
  return new StateGraph(State)
    .addNode(
      "pairs",
      () =>
        new Command({
          update: [
            ["log", "p.0"],
            ["last", "p"],
            ["log", "p.1"],
          ],
        }),
    )
    .addNode("ask", () => ({ last: interrupt("go?") }))
    .addEdge(START, "pairs")
    .addEdge("pairs", "ask")
    .compile({ checkpointer });
}

describe("Command({ update: [[key, value], ...] }), on both libraries", () => {
  for (const store of ["memory", "sqlite"] as const) {
    it(`writes a node's pairs in order (${store})`, async () => {
      const seen = await onBothStores(store, async (lib, checkpointer) => {
        const config = { configurable: { thread_id: "t" } };
        const chunks: unknown[] = [];
        for await (const chunk of await build(lib, checkpointer()).stream({ log: "in" }, { ...config, streamMode: ["updates", "tasks"] })) {
          const [mode, payload] = chunk as [string, Record<string, unknown>];
          if (mode === "tasks") chunks.push([mode, { name: payload["name"], input: payload["input"], result: payload["result"] }]);
          else if (payload["__interrupt__"] === undefined) chunks.push(chunk);
        }
        const reopened = build(lib, checkpointer());
        const history: unknown[] = [];
        for await (const snapshot of reopened.getStateHistory(config))
          history.push([snapshot.metadata.source, snapshot.values, snapshot.tasks.map((task: any) => [task.name, task.result])]);
        return { chunks, history };
      });
      expect(seen.replaygraph.chunks).toEqual(seen.langgraph.chunks);
      expect(seen.replaygraph.history).toEqual(seen.langgraph.history);
      expect(seen.replaygraph.chunks).toContainEqual(["tasks", { name: "pairs", input: undefined, result: { log: { $writes: ["p.0", "p.1"] }, last: "p" } }]);
      expect(seen.replaygraph.history[0]).toEqual(["loop", { log: "in, p.0, p.1", last: "p" }, [["ask", undefined]]]);
    });
  }

  it("as input: the pairs write in order", async () => {
    const seen = await onBothStores("memory", async (lib, checkpointer) => {
      const { Annotation, StateGraph, START, Command } = lib;
      const State = Annotation.Root({ log: Annotation({ reducer: (a: string, b: string) => [a, b].filter(Boolean).join(", "), default: () => "" }) });
      const graph = new StateGraph(State)
        .addNode("echo", (state: { log: string }) => ({ log: `saw ${state.log}` }))
        .addEdge(START, "echo")
        .compile({ checkpointer: checkpointer() });
      const config = { configurable: { thread_id: "input" } };
      await graph.invoke({ log: "start" }, config);
      return graph.invoke(
        new Command({
          update: [
            ["log", "a"],
            ["log", "b"],
          ],
          goto: "echo",
        }),
        config,
      );
    });
    expect(seen.replaygraph).toEqual(seen.langgraph);
  });
});
