import { describe, expect, it } from "vitest";
import { onBothLibraries, type Library, type Observed } from "./testing/on-both-libraries.js";

// Every builder form LangGraph 1.7 has, as one program run on LangGraph and on replaygraph
// (memory and SQLite): the same results, states and errors.

const concat = <T>(a: T[], b: T[]) => a.concat(b);
let threads = 0;
const config = () => ({ configurable: { thread_id: `forms-${++threads}` } });

async function expectSame(program: (lib: Library, checkpointer: unknown) => Promise<unknown>, expected: Observed): Promise<void> {
  const seen = await onBothLibraries(program);
  expect(seen.langgraph).toEqual(expected);
  expect(seen.memory).toEqual(seen.langgraph);
  expect(seen.sqlite).toEqual(seen.langgraph);
}

describe("new StateGraph(...) accepts", () => {
  const run = async (lib: Library, checkpointer: unknown, builder: InstanceType<Library["StateGraph"]>) => {
    const graph = builder
      .addNode("a", (state: Record<string, unknown>) => ({ x: (state["x"] as number) + 1 }))
      .addEdge(lib.START, "a")
      .compile({ checkpointer: checkpointer as never });
    return graph.invoke({ x: 1 }, config());
  };

  it("an Annotation.Root, { stateSchema }, { state } and a plain definition", async () => {
    await expectSame(
      async (lib, checkpointer) => {
        const { Annotation, StateGraph } = lib;
        const State = Annotation.Root({ x: Annotation<number>() });
        return [
          await run(lib, checkpointer, new StateGraph(State) as never),
          await run(lib, checkpointer, new StateGraph({ stateSchema: State }) as never),
          await run(lib, checkpointer, new StateGraph({ state: State }) as never),
          await run(lib, checkpointer, new StateGraph({ x: Annotation<number>() }) as never),
        ];
      },
      { result: [{ x: 2 }, { x: 2 }, { x: 2 }, { x: 2 }] },
    );
  });

  it("the old { channels } form: null is last-value, { reducer, default } (or { value }) a reducer", async () => {
    await expectSame(
      async ({ StateGraph, START }, checkpointer) => {
        const graph = new StateGraph({
          channels: {
            x: null,
            xs: { reducer: concat, default: () => ["d"] },
            y: { value: (_a: number, b: number) => b, default: () => 0 },
            zs: { reducer: concat },
          },
        })
          .addNode("a", (state) => ({ x: (state["x"] as number) + 1, xs: ["a"], y: 3, zs: ["a"] }))
          .addEdge(START, "a")
          .compile({ checkpointer: checkpointer as never });
        return graph.invoke({ x: 1, zs: ["in"] }, config());
      },
      { result: { x: 2, xs: ["d", "a"], y: 3, zs: ["in", "a"] } },
    );
  });
});

describe("input and output schemas", () => {
  const In = (lib: Library) => lib.Annotation.Root({ q: lib.Annotation<string>() });
  const Out = (lib: Library) => lib.Annotation.Root({ answer: lib.Annotation<string>() });
  const All = (lib: Library) => lib.Annotation.Root({ q: lib.Annotation<string>(), answer: lib.Annotation<string>(), scratch: lib.Annotation<string>() });
  const program =
    (make: (lib: Library) => InstanceType<Library["StateGraph"]>, scratch = true) =>
    async (lib: Library, checkpointer: unknown) => {
      const seen: unknown[] = [];
      const graph = make(lib)
        .addNode("a", (state: Record<string, unknown>) => {
          seen.push(state);
          return { ...(scratch ? { scratch: "s" } : {}), answer: `A:${String(state["q"])}` };
        })
        .addNode("b", (state: Record<string, unknown>) => {
          seen.push(state);
          return {};
        })
        .addEdge(lib.START, "a")
        .addEdge("a", "b")
        .compile({ checkpointer: checkpointer as never });
      const thread = config();
      // The input's state keys outside the input schema are dropped; the output shows the output schema's keys.
      const output = await graph.invoke({ q: "hi", ...(scratch ? { scratch: "in" } : {}), answer: "pre" }, thread);
      return { output, seen, values: (await graph.getState(thread)).values };
    };
  const withAll = {
    output: { answer: "A:hi" },
    seen: [{ q: "hi" }, { q: "hi", answer: "A:hi", scratch: "s" }],
    values: { q: "hi", answer: "A:hi", scratch: "s" },
  };

  it("as { state, input, output }, { stateSchema, input, output } and (state, { input, output })", async () => {
    await expectSame(
      program((lib) => new lib.StateGraph({ state: All(lib), input: In(lib), output: Out(lib) }) as never),
      { result: withAll },
    );
    await expectSame(
      program((lib) => new lib.StateGraph({ stateSchema: All(lib), input: In(lib), output: Out(lib) }) as never),
      { result: withAll },
    );
    await expectSame(
      program((lib) => new lib.StateGraph(All(lib), { input: In(lib), output: Out(lib) }) as never),
      { result: withAll },
    );
  });

  it("as { input, output } alone: the state is the input schema, so nodes see its keys only", async () => {
    // No 'scratch' here: it is no channel of this graph (an input with it is refused; LangGraph drops it).
    await expectSame(
      program((lib) => new lib.StateGraph({ input: In(lib), output: Out(lib) }) as never, false),
      {
        result: { output: { answer: "A:hi" }, seen: [{ q: "hi" }, { q: "hi" }], values: { q: "hi", answer: "A:hi" } },
      },
    );
  });

  it("a node's own input schema: it receives those keys only, and they join the graph's channels", async () => {
    await expectSame(
      async ({ Annotation, StateGraph, START }, checkpointer) => {
        const State = Annotation.Root({ a: Annotation<number>(), b: Annotation<number>() });
        const Private = Annotation.Root({ a: Annotation<number>(), extra: Annotation<number>() });
        const seen: unknown[] = [];
        const graph = new StateGraph(State)
          .addNode("n", (state) => (seen.push(state), { extra: 5, b: 2 }) as never, { input: Private })
          .addNode("m", (state) => (seen.push(state), {}))
          .addEdge(START, "n")
          .addEdge("n", "m")
          .compile({ checkpointer: checkpointer as never });
        const thread = config();
        return { output: await graph.invoke({ a: 1, b: 1 }, thread), seen, values: (await graph.getState(thread)).values };
      },
      { result: { output: { a: 1, b: 2 }, seen: [{ a: 1 }, { a: 1, b: 2 }], values: { a: 1, b: 2, extra: 5 } } },
    );
  });
});

describe("addNode, addSequence, entry and finish points, conditional edges", () => {
  it("addNode({ a, b }), addNode([[name, fn, options]]), addSequence in both forms, setEntryPoint, setFinishPoint, addConditionalEdges({ source, path, pathMap })", async () => {
    await expectSame(
      async ({ Annotation, StateGraph }, checkpointer) => {
        const State = Annotation.Root({ log: Annotation<string[]>({ reducer: concat, default: () => [] }) });
        const step = (name: string) => () => ({ log: [name] });
        const graph = new StateGraph(State)
          .addNode({ a: step("a"), b: step("b") })
          .addNode([
            ["c", step("c")],
            ["d", (_state, config) => ({ log: [`d:${String(config.metadata?.["owner"])}`] }), { metadata: { owner: "ops" } }],
          ])
          .addSequence([
            ["s1", step("s1")],
            ["s2", step("s2")],
          ])
          .addSequence({ t1: step("t1"), t2: step("t2") })
          .setEntryPoint("a")
          .addEdge("a", "b")
          .addConditionalEdges({ source: "b", path: () => "go", pathMap: { go: "c" } })
          .addEdge("c", "d")
          .addEdge("d", "s1")
          .addEdge("s2", "t1")
          .setFinishPoint("t2")
          .compile({ checkpointer: checkpointer as never });
        return graph.invoke({}, config());
      },
      { result: { log: ["a", "b", "c", "d:ops", "s1", "s2", "t1", "t2"] } },
    );
  });

  it("addNode({}) is refused", async () => {
    const seen = await onBothLibraries(async ({ Annotation, StateGraph }) => new StateGraph(Annotation.Root({ x: Annotation<number>() })).addNode({}));
    expect(seen.langgraph).toMatchObject({ error: "Error" });
    expect(seen.memory).toMatchObject({ error: "InvalidGraphError" });
    expect(seen.sqlite).toEqual(seen.memory);
  });
});

describe("a deferred node", () => {
  const program =
    (defer: boolean) =>
    async ({ Annotation, StateGraph, START, END }: Library, checkpointer: unknown) => {
      const State = Annotation.Root({ log: Annotation<string[]>({ reducer: concat, default: () => [] }) });
      const step = (name: string) => () => ({ log: [name] });
      // Two branches of unequal length (a → a2 → a3 and b) both lead to c.
      const graph = new StateGraph(State)
        .addNode("a", step("a"))
        .addNode("a2", step("a2"))
        .addNode("a3", step("a3"))
        .addNode("b", step("b"))
        .addNode("c", (state) => ({ log: [`c:${state.log.length}`] }), { defer })
        .addEdge(START, "a")
        .addEdge(START, "b")
        .addEdge("a", "a2")
        .addEdge("a2", "a3")
        .addEdge("a3", "c")
        .addEdge("b", "c")
        .addEdge("c", END)
        .compile({ checkpointer: checkpointer as never });
      const thread = config();
      const output = await graph.invoke({}, thread);
      const history: unknown[] = [];
      // The input's own checkpoint (next: ["__start__"]) is not compared: replaygraph's history shape is another matter.
      for await (const snapshot of graph.getStateHistory(thread)) if (snapshot.next[0] !== "__start__") history.push(snapshot.next);
      return { output, history };
    };

  it("runs once, after the longer branch has finished (getState's next holds it back until then)", async () => {
    await expectSame(program(true), { result: { output: { log: ["a", "b", "a2", "a3", "c:4"] }, history: [[], ["c"], ["a3"], ["a2"], ["a", "b"]] } });
  });

  it("without defer runs once per branch", async () => {
    await expectSame(program(false), { result: { output: { log: ["a", "b", "a2", "c:2", "a3", "c:5"] }, history: expect.anything() } });
  });

  it("triggered with Sends runs beside them: only other triggered nodes hold it back, as in LangGraph", async () => {
    await expectSame(
      async ({ Annotation, StateGraph, START, Send, Command }, checkpointer) => {
        const State = Annotation.Root({ log: Annotation<string[]>({ reducer: concat, default: () => [] }) });
        const graph = new StateGraph(State)
          .addNode("a", () => ({ log: ["a"] }))
          .addNode(
            "w",
            (state) =>
              (state as unknown as { k: number }).k > 1
                ? new Command({
                    goto: new Send("w", { k: (state as unknown as { k: number }).k - 1 }),
                    update: { log: [`w${(state as unknown as { k: number }).k}`] },
                  })
                : { log: [`w${(state as unknown as { k: number }).k}`] },
            { ends: ["w"] },
          )
          .addNode("c", (state) => ({ log: [`c:${state.log.length}`] }), { defer: true })
          .addEdge(START, "a")
          .addConditionalEdges("a", () => [new Send("w", { k: 3 }), "c"])
          .compile({ checkpointer: checkpointer as never });
        return graph.invoke({}, config());
      },
      { result: { log: ["a", "c:1", "w3", "w2", "w1"] } },
    );
  });
});
