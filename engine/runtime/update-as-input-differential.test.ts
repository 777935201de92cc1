import { describe, expect, it } from "vitest";
import { onBothStores } from "../graph/testing/on-both-libraries.js";

// Differential: LangGraph's update as input, on LangGraph 1.7.3 and on replaygraph (memory, and
// SQLite read back from a fresh handle). `updateState(config, values, "__input__")` makes an input
// checkpoint (the values before it, next `__start__`); `"__start__"` then writes the values as
// START's task would (START's edges decide what runs next). A bulkUpdateState superstep of several
// updates is one checkpoint; a Command as an update's values routes (its Sends included).

const shapeOf = (snapshot: any) => ({
  values: snapshot.values,
  next: snapshot.next,
  step: snapshot.metadata?.step,
  source: snapshot.metadata?.source,
  tasks: snapshot.tasks.map((task: any) => task.name),
  results: snapshot.tasks.map((task: any) => task.result ?? null),
});

async function historyOf(graph: any, config: unknown): Promise<unknown[]> {
  const history: unknown[] = [];
  for await (const snapshot of graph.getStateHistory(config)) history.push(shapeOf(snapshot));
  return history;
}

function agentTool(lib: any, checkpointer: unknown) {
  const { Annotation, StateGraph, START } = lib;
  return new StateGraph(Annotation.Root({ foo: Annotation() }))
    .addNode("agent", (state: { foo: string }) => ({ foo: `${state.foo}>agent` }))
    .addNode("tool", (state: { foo: string }) => ({ foo: `${state.foo}>tool` }))
    .addEdge(START, "agent")
    .addEdge("agent", "tool")
    .compile({ checkpointer });
}

function mapReduce(lib: any, checkpointer: unknown) {
  const { Annotation, StateGraph, START, Command, Send } = lib;
  const State = Annotation.Root({
    foo: Annotation(),
    tasks: Annotation({ default: () => [], reducer: (all: number[], more: number | number[]) => [...all, ...(Array.isArray(more) ? more : [more])] }),
  });
  return new StateGraph(State)
    .addNode("agent", () => ({ foo: "agent" }))
    .addNode("map", () => new Command({ goto: [new Send("task", { index: 0 }), new Send("task", { index: 1 })], update: { foo: "map" } }), { ends: ["task"] })
    .addNode("task", (task: { index: number }) => ({ tasks: [task.index] }))
    .addEdge(START, "agent")
    .addEdge("agent", "map")
    .compile({ checkpointer });
}

describe("updateState as input, on both libraries", () => {
  for (const store of ["memory", "sqlite"] as const) {
    it(`"__input__" makes an input checkpoint, "__start__" writes it and routes by START's edges, null input runs from either (${store})`, async () => {
      const seen = await onBothStores(store, async (lib, checkpointer) => {
        const config = { configurable: { thread_id: "t" } };
        await agentTool(lib, checkpointer()).updateState(config, { foo: "given" }, "__input__");
        const reopened = agentTool(lib, checkpointer());
        const atInput = shapeOf(await reopened.getState(config));
        // A run from the input checkpoint runs its __start__ task: the input is written, then agent and tool.
        await reopened.invoke({ foo: "first" }, { configurable: { thread_id: "v" } });
        await reopened.updateState({ configurable: { thread_id: "v" } }, { foo: "second" }, "__input__");
        const fromInput = [await reopened.invoke(null, config), await agentTool(lib, checkpointer()).invoke(null, { configurable: { thread_id: "v" } })];
        const afterRun = await historyOf(agentTool(lib, checkpointer()), { configurable: { thread_id: "v" } });
        const other = { configurable: { thread_id: "u" } };
        await reopened.bulkUpdateState(other, [
          { updates: [{ values: { foo: "in" }, asNode: "__input__" }] },
          { updates: [{ values: { foo: "started" }, asNode: "__start__" }] },
        ]);
        const atStart = shapeOf(await agentTool(lib, checkpointer()).getState(other));
        const fromStart = await agentTool(lib, checkpointer()).invoke(null, other);
        return { atInput, fromInput, afterRun, atStart, fromStart, history: await historyOf(agentTool(lib, checkpointer()), other) };
      });
      expect(seen.replaygraph).toEqual(seen.langgraph);
      expect(seen.replaygraph.atInput).toEqual({ values: {}, next: ["__start__"], step: -1, source: "input", tasks: ["__start__"], results: [null] });
      expect(seen.replaygraph.atStart).toEqual({ values: { foo: "started" }, next: ["agent"], step: 0, source: "update", tasks: ["agent"], results: [null] });
      expect(seen.replaygraph.fromInput).toEqual([{ foo: "given>agent>tool" }, { foo: "second>agent>tool" }]);
      // The run from the input checkpoint makes no second input checkpoint: 4 for the first run, 4 for the second.
      expect(seen.replaygraph.afterRun).toHaveLength(8);
      expect(seen.replaygraph.fromStart).toEqual({ foo: "started>agent>tool" });
    });

    it(`a run's history cloned by bulkUpdateState, Sends given as a Command, reads as the run's (${store})`, async () => {
      const seen = await onBothStores(store, async (lib, checkpointer) => {
        const { Command, Send } = lib;
        const ran = { configurable: { thread_id: "ran" } };
        await mapReduce(lib, checkpointer()).invoke({ foo: "input" }, ran);
        const cloned = { configurable: { thread_id: "cloned" } };
        await mapReduce(lib, checkpointer()).bulkUpdateState(cloned, [
          { updates: [{ values: { foo: "input" }, asNode: "__input__" }] },
          { updates: [{ values: { foo: "input" }, asNode: "__start__" }] },
          { updates: [{ values: { foo: "agent" }, asNode: "agent" }] },
          {
            updates: [
              { values: new Command({ goto: [new Send("task", { index: 0 }), new Send("task", { index: 1 })], update: { foo: "map" } }), asNode: "map" },
            ],
          },
          {
            updates: [
              { values: { tasks: [0] }, asNode: "task" },
              { values: { tasks: [1] }, asNode: "task" },
            ],
          },
        ]);
        const graph = mapReduce(lib, checkpointer());
        return { ran: await historyOf(graph, ran), cloned: await historyOf(graph, cloned), values: (await graph.getState(cloned)).values };
      });
      expect(seen.replaygraph).toEqual(seen.langgraph);
      expect(seen.replaygraph.values).toEqual({ foo: "map", tasks: [0, 1] });
      // One checkpoint per superstep: the two task updates are one.
      expect(seen.replaygraph.cloned.map((entry: any) => entry.next)).toEqual(seen.replaygraph.ran.map((entry: any) => entry.next));
    });

    it(`a superstep of several updates is one checkpoint; several without asNode, or with "__input__", are refused (${store})`, async () => {
      const seen = await onBothStores(store, async (lib, checkpointer) => {
        const config = { configurable: { thread_id: "t" } };
        const graph = agentTool(lib, checkpointer());
        await graph.bulkUpdateState(config, [
          {
            updates: [
              { values: { foo: "a" }, asNode: "agent" },
              { values: {}, asNode: "tool" },
            ],
          },
        ]);
        const refusals: string[] = [];
        for (const updates of [
          [{ values: { foo: "x" } }, { values: { foo: "y" } }],
          [
            { values: { foo: "x" }, asNode: "__input__" },
            { values: {}, asNode: "agent" },
          ],
        ]) {
          await graph.bulkUpdateState(config, [{ updates }]).then(
            () => refusals.push("accepted"),
            (error: Error) => refusals.push(error.name),
          );
        }
        return { history: await historyOf(agentTool(lib, checkpointer()), config), refusals };
      });
      expect(seen.replaygraph).toEqual(seen.langgraph);
      expect(seen.replaygraph.history).toHaveLength(1);
      expect(seen.replaygraph.refusals).toEqual(["InvalidUpdateError", "InvalidUpdateError"]);
    });
  }
});
