import { describe, expect, it } from "vitest";
import { onBothLibraries, type Library, type Observed } from "./testing/on-both-libraries.js";

// Each program runs on LangGraph 1.7 and on replaygraph (memory and SQLite); what a user observes
// (invoke's result, getState's values, the error's name and code) must be the same.

const concat = <T>(a: T[], b: T[]) => a.concat(b);
let threads = 0;
const config = () => ({ configurable: { thread_id: `channels-${++threads}` } });

async function expectSame(program: (lib: Library, checkpointer: unknown) => Promise<unknown>, expected: Observed): Promise<void> {
  const seen = await onBothLibraries(program);
  expect(seen.langgraph).toEqual(expected);
  expect(seen.memory).toEqual(seen.langgraph);
  expect(seen.sqlite).toEqual(seen.langgraph);
}

/** Invokes and reads the thread back, as a user would. */
async function invokeAndRead(
  graph: { invoke(input: unknown, config: unknown): Promise<unknown>; getState(config: unknown): Promise<{ values: unknown; next: unknown }> },
  input: unknown,
) {
  const thread = config();
  const output = await graph.invoke(input, thread);
  const state = await graph.getState(thread);
  return { output, values: state.values, next: state.next };
}

describe("a reducer channel without a default", () => {
  it("takes its first write as it is, then folds the next ones in", async () => {
    await expectSame(
      async ({ Annotation, StateGraph, START }, checkpointer) => {
        const State = Annotation.Root({ xs: Annotation<number[]>({ reducer: concat }) });
        const graph = new StateGraph(State)
          .addNode("a", () => ({ xs: [2] }))
          .addEdge(START, "a")
          .compile({ checkpointer: checkpointer as never });
        return [await invokeAndRead(graph, { xs: [1] }), await invokeAndRead(graph, {})];
      },
      {
        result: [
          { output: { xs: [1, 2] }, values: { xs: [1, 2] }, next: [] },
          { output: { xs: [2] }, values: { xs: [2] }, next: [] },
        ],
      },
    );
  });

  it("folds parallel writes in task order after taking the first (a + b, no reducer(undefined, write))", async () => {
    await expectSame(
      async ({ Annotation, StateGraph, START }, checkpointer) => {
        const State = Annotation.Root({ n: Annotation<number>({ reducer: (a, b) => a + b }), seen: Annotation<string>() });
        const graph = new StateGraph(State)
          .addNode("a", () => ({ n: 5 }))
          .addNode("b", () => ({ n: 7 }))
          .addNode("c", (state) => ({ seen: `n=${state.n}` }))
          .addEdge(START, "a")
          .addEdge(START, "b")
          .addEdge(["a", "b"], "c")
          .compile({ checkpointer: checkpointer as never });
        return invokeAndRead(graph, {});
      },
      { result: { output: { n: 12, seen: "n=12" }, values: { n: 12, seen: "n=12" }, next: [] } },
    );
  });
});

describe("Overwrite", () => {
  const program = (writers: Record<string, (lib: Library) => unknown>) => async (lib: Library, checkpointer: unknown) => {
    const { Annotation, StateGraph, START } = lib;
    const State = Annotation.Root({ xs: Annotation<string[]>({ reducer: concat, default: () => [] }) });
    const builder = new StateGraph(State);
    for (const [name, write] of Object.entries(writers)) builder.addNode(name, () => ({ xs: write(lib) as string[] })).addEdge(START, name);
    return invokeAndRead(builder.compile({ checkpointer: checkpointer as never }), { xs: ["in"] });
  };

  it("replaces a reducer channel's value, and the step's writes after it are ignored", async () => {
    await expectSame(program({ a: ({ Overwrite }) => new Overwrite(["o"]), b: () => ["b"], c: () => ["c"] }), {
      result: { output: { xs: ["o"] }, values: { xs: ["o"] }, next: [] },
    });
  });

  it("after the writes before it in task order, which it replaces too", async () => {
    await expectSame(program({ b: () => ["b"], z: ({ Overwrite }) => new Overwrite(["o"]) }), {
      result: { output: { xs: ["o"] }, values: { xs: ["o"] }, next: [] },
    });
  });

  it("in its plain form { __overwrite__: value } too, and in an input", async () => {
    await expectSame(
      async ({ Annotation, StateGraph, START, Overwrite }, checkpointer) => {
        const State = Annotation.Root({ xs: Annotation<number[]>({ reducer: concat, default: () => [1] }) });
        const graph = new StateGraph(State)
          .addNode("a", () => ({ xs: { __overwrite__: [7] } as unknown as number[] }))
          .addEdge(START, "a")
          .compile({ checkpointer: checkpointer as never });
        const plain = await invokeAndRead(graph, { xs: [2] });
        const passthrough = new StateGraph(State)
          .addNode("a", () => ({}))
          .addEdge(START, "a")
          .compile({ checkpointer: checkpointer as never });
        return [plain, await invokeAndRead(passthrough, { xs: new Overwrite([9]) as unknown as number[] })];
      },
      {
        result: [
          { output: { xs: [7] }, values: { xs: [7] }, next: [] },
          { output: { xs: [9] }, values: { xs: [9] }, next: [] },
        ],
      },
    );
  });

  it("twice in one step is an InvalidUpdateError", async () => {
    await expectSame(program({ a: ({ Overwrite }) => new Overwrite(["o"]), b: ({ Overwrite }) => new Overwrite(["p"]) }), {
      error: "InvalidUpdateError",
      lc_error_code: undefined,
    });
  });

  it("on a last-value channel is stored as written, { __overwrite__: value }", async () => {
    await expectSame(
      async ({ Annotation, StateGraph, START, Overwrite }, checkpointer) => {
        const State = Annotation.Root({ x: Annotation<unknown>() });
        const graph = new StateGraph(State)
          .addNode("a", () => ({ x: new Overwrite(5) }))
          .addEdge(START, "a")
          .compile({ checkpointer: checkpointer as never });
        return invokeAndRead(graph, { x: 1 });
      },
      { result: { output: { x: { __overwrite__: 5 } }, values: { x: { __overwrite__: 5 } }, next: [] } },
    );
  });
});

describe("a last-value channel", () => {
  it("written by two tasks of one step fails with InvalidUpdateError, code INVALID_CONCURRENT_GRAPH_UPDATE", async () => {
    await expectSame(
      async ({ Annotation, StateGraph, START }, checkpointer) => {
        const State = Annotation.Root({ x: Annotation<number>() });
        const graph = new StateGraph(State)
          .addNode("a", () => ({ x: 1 }))
          .addNode("b", () => ({ x: 2 }))
          .addEdge(START, "a")
          .addEdge(START, "b")
          .compile({ checkpointer: checkpointer as never });
        return invokeAndRead(graph, { x: 0 });
      },
      { error: "InvalidUpdateError", lc_error_code: "INVALID_CONCURRENT_GRAPH_UPDATE" },
    );
  });
});

describe("a node that returns a list", () => {
  it("with Commands: the updates and Commands apply in order, and the Commands' goto are followed", async () => {
    await expectSame(
      async ({ Annotation, StateGraph, START, Command, Send }, checkpointer) => {
        const State = Annotation.Root({ x: Annotation<number>(), xs: Annotation<string[]>({ reducer: concat, default: () => [] }) });
        const graph = new StateGraph(State)
          .addNode("a", () => [{ x: 3 }, new Command({ update: { xs: ["a"] }, goto: "b" }), new Command({ goto: [new Send("c", { xs: ["sent"] })] })], {
            ends: ["b", "c"],
          })
          .addNode("b", () => ({ xs: ["b"] }))
          .addNode("c", (state) => ({ xs: [`c:${JSON.stringify(state)}`] }))
          .addEdge(START, "a")
          .compile({ checkpointer: checkpointer as never });
        return invokeAndRead(graph, { x: 0 });
      },
      { result: { output: { x: 3, xs: ["a", "b", 'c:{"xs":["sent"]}'] }, values: { x: 3, xs: ["a", "b", 'c:{"xs":["sent"]}'] }, next: [] } },
    );
  });

  it("of Commands writing one last-value key twice fails with INVALID_CONCURRENT_GRAPH_UPDATE", async () => {
    await expectSame(
      async ({ Annotation, StateGraph, START, Command }, checkpointer) => {
        const State = Annotation.Root({ x: Annotation<number>() });
        const graph = new StateGraph(State)
          .addNode("a", () => [new Command({ update: { x: 1 } }), new Command({ update: { x: 2 } })])
          .addEdge(START, "a")
          .compile({ checkpointer: checkpointer as never });
        return invokeAndRead(graph, { x: 0 });
      },
      { error: "InvalidUpdateError", lc_error_code: "INVALID_CONCURRENT_GRAPH_UPDATE" },
    );
  });

  it("of plain updates only is refused with INVALID_GRAPH_NODE_RETURN_VALUE", async () => {
    await expectSame(
      async ({ Annotation, StateGraph, START }, checkpointer) => {
        const State = Annotation.Root({ x: Annotation<number>() });
        const graph = new StateGraph(State)
          .addNode("a", () => [{ x: 1 }, { x: 2 }])
          .addEdge(START, "a")
          .compile({ checkpointer: checkpointer as never });
        return invokeAndRead(graph, { x: 0 });
      },
      { error: "InvalidUpdateError", lc_error_code: "INVALID_GRAPH_NODE_RETURN_VALUE" },
    );
  });
});

describe("a Send whose argument is a Command", () => {
  it("gives the node the Command as its input; the Command it returns routes on (LangGraph's 'send sequences')", async () => {
    await expectSame(
      async ({ Annotation, StateGraph, START, Command, Send, isCommand }, checkpointer) => {
        const State = Annotation.Root({ items: Annotation<unknown[]>({ reducer: concat }) });
        const node = (name: string) => (state: unknown) => {
          const update = { items: Array.isArray((state as { items?: unknown }).items) ? [name] : [`${name}|${JSON.stringify(state)}`] };
          if (isCommand(state)) return new Command({ update, goto: state.goto as never });
          return update;
        };
        const graph = new StateGraph(State)
          .addNode("1", node("1"))
          .addNode("2", node("2"))
          .addNode("3", node("3"))
          .addNode("3.1", node("3.1"))
          .addEdge(START, "1")
          .addConditionalEdges("1", () => [
            new Send("2", new Command({ goto: new Send("2", 3) })),
            new Send("2", new Command({ goto: new Send("2", 4) })),
            "3.1",
          ])
          .addConditionalEdges("2", () => "3")
          .compile({ checkpointer: checkpointer as never });
        return invokeAndRead(graph, { items: ["0"] });
      },
      {
        result: {
          output: {
            items: [
              "0",
              "1",
              "3.1",
              '2|{"lg_name":"Command","goto":[{"lg_name":"Send","node":"2","args":3}]}',
              '2|{"lg_name":"Command","goto":[{"lg_name":"Send","node":"2","args":4}]}',
              "3",
              "2|3",
              "2|4",
              "3",
            ],
          },
          values: expect.anything(),
          next: [],
        },
      },
    );
  });
});

describe("a Command in its JSON form", () => {
  it("resumes as the Command does (a JSON round trip keeps its resume)", async () => {
    const { Annotation, Command, interrupt, MemoryEventStore, START, StateGraph } = await import("replaygraph");
    const State = Annotation.Root({ answer: Annotation<string>() });
    const graph = new StateGraph(State)
      .addNode("ask", () => ({ answer: interrupt<string>("name?") }))
      .addEdge(START, "ask")
      .compile({ checkpointer: new MemoryEventStore() });
    const thread = config();
    await graph.invoke({}, thread);
    const overTheWire = JSON.parse(JSON.stringify(new Command({ resume: "ada" }))) as never;
    expect(await graph.invoke(overTheWire, thread)).toEqual({ answer: "ada" });
  });
});
