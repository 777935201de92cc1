import { describe, expect, it } from "vitest";
import { onBothStores } from "../graph/testing/on-both-libraries.js";

// Differential: a node that writes keys the state does not have (in its returned update, in a
// Command, in a subgraph's Command.PARENT), on LangGraph 1.7.3 and on replaygraph: the keys are
// dropped, the known ones written; the `updates` stream, the state and the history's task results
// show the known keys only. On SQLite the state is read back from a fresh handle.

function build(lib: any, checkpointer: unknown) {
  const { Annotation, StateGraph, START, Command } = lib;
  const State = Annotation.Root({ log: Annotation({ reducer: (a: string[], b: string[]) => [...a, ...b], default: () => [] }) });
  const child = new StateGraph(State)
    .addNode("inner", () => new Command({ graph: Command.PARENT, goto: "last", update: { log: ["inner"], visited: ["inner"] } }))
    .addEdge(START, "inner")
    .compile();
  return new StateGraph(State)
    .addNode("plain", () => ({ log: ["plain"], now: 123 }))
    .addNode("only", () => ({ typo: "x" }))
    .addNode("command", () => new Command({ update: { log: ["command"], extra: true }, goto: "child" }), { ends: ["child"] })
    .addNode("child", child, { ends: ["last"] })
    .addNode("last", (state: { log: string[] }) => ({ log: [`last:${state.log.length}`] }))
    .addEdge(START, "plain")
    .addEdge("plain", "only")
    .addEdge("only", "command")
    .compile({ checkpointer });
}

describe("a node that writes keys the state does not have, on both libraries", () => {
  for (const store of ["memory", "sqlite"] as const) {
    it(`drops them and writes the rest (${store})`, async () => {
      const seen = await onBothStores(store, async (lib, checkpointer) => {
        const config = { configurable: { thread_id: "t" } };
        const updates: unknown[] = [];
        for await (const chunk of await build(lib, checkpointer()).stream({ log: [] }, { ...config, streamMode: "updates" })) updates.push(chunk);
        const reopened = build(lib, checkpointer());
        const state = await reopened.getState(config);
        const results: unknown[] = [];
        for await (const snapshot of reopened.getStateHistory(config))
          results.push(snapshot.tasks.filter((task: any) => task.result !== undefined).map((task: any) => [task.name, task.result]));
        return { updates, values: state.values, results };
      });
      expect(seen.replaygraph).toEqual(seen.langgraph);
      expect(seen.replaygraph.values).toEqual({ log: ["plain", "command", "inner", "last:3"] });
    });
  }
});
