import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { RunnableLambda, RunnableSequence } from "@langchain/core/runnables";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import * as langgraph from "@langchain/langgraph";
import { describe, expect, it } from "vitest";
import { onBothLibraries, type Library, type Observed } from "../graph/testing/on-both-libraries.js";

// A LangChain Runnable (anything with invoke(input, config)) is a node, on LangGraph and on
// replaygraph (memory and SQLite) alike; the caller's callbacks and signal reach it.

let threads = 0;
const config = () => ({ configurable: { thread_id: `runnables-${++threads}` } });

async function expectSame(program: (lib: Library, checkpointer: unknown) => Promise<unknown>, expected: Observed): Promise<void> {
  const seen = await onBothLibraries(program);
  expect(seen.langgraph).toEqual(expected);
  expect(seen.memory).toEqual(seen.langgraph);
  expect(seen.sqlite).toEqual(seen.langgraph);
}

/** Records the chain and chat-model runs it sees start and end, by run name. */
class RecordingHandler extends BaseCallbackHandler {
  name = "recording-handler";
  readonly seen: string[] = [];

  override handleChainStart(
    _chain: unknown,
    _inputs: unknown,
    _runId: string,
    _parentRunId?: string,
    _tags?: string[],
    _metadata?: unknown,
    _runType?: string,
    runName?: string,
  ): void {
    this.seen.push(`chain-start:${runName}`);
  }

  override handleChainEnd(): void {
    this.seen.push("chain-end");
  }

  override handleChatModelStart(): void {
    this.seen.push("chat-model-start");
  }

  override handleLLMEnd(): void {
    this.seen.push("llm-end");
  }
}

describe("a Runnable as a node", () => {
  it("a RunnableLambda", async () => {
    await expectSame(
      async ({ Annotation, StateGraph, START }, checkpointer) => {
        const State = Annotation.Root({ x: Annotation<number>() });
        const graph = new StateGraph(State)
          .addNode(
            "double",
            RunnableLambda.from((state: { x: number }) => ({ x: state.x * 2 })),
          )
          .addEdge(START, "double")
          .compile({ checkpointer: checkpointer as never });
        const thread = config();
        return [await graph.invoke({ x: 21 }, thread), (await graph.getState(thread)).values];
      },
      { result: [{ x: 42 }, { x: 42 }] },
    );
  });

  it("a RunnableSequence, as the second of two nodes", async () => {
    await expectSame(
      async ({ Annotation, StateGraph, START }, checkpointer) => {
        const State = Annotation.Root({ x: Annotation<number>(), label: Annotation<string>() });
        const sequence = RunnableSequence.from([
          RunnableLambda.from((state: { x: number }) => state.x + 1),
          RunnableLambda.from((n: number) => ({ label: `n=${n}` })),
        ]);
        const graph = new StateGraph(State)
          .addNode("first", (state) => ({ x: state.x * 10 }))
          .addNode("second", sequence)
          .addEdge(START, "first")
          .addEdge("first", "second")
          .compile({ checkpointer: checkpointer as never });
        return graph.invoke({ x: 4 }, config());
      },
      { result: { x: 40, label: "n=41" } },
    );
  });

  it("a compiled LangGraph graph (replaygraph runs it as a Runnable)", async () => {
    await expectSame(
      async ({ Annotation, StateGraph, START }, checkpointer) => {
        const Inner = langgraph.Annotation.Root({ x: langgraph.Annotation<number>() });
        const inner = new langgraph.StateGraph(Inner)
          .addNode("inc", (state) => ({ x: state.x + 1 }))
          .addEdge(langgraph.START, "inc")
          .compile();
        const State = Annotation.Root({ x: Annotation<number>() });
        const graph = new StateGraph(State)
          .addNode("inner", inner as never)
          .addEdge(START, "inner")
          .compile({ checkpointer: checkpointer as never });
        return graph.invoke({ x: 1 }, config());
      },
      { result: { x: 2 } },
    );
  });
});

describe("the caller's config reaches a node's Runnables", () => {
  it("callbacks passed to invoke() see a Runnable node's start and end, and a chat model called inside a node", async () => {
    const seen = await onBothLibraries(async ({ Annotation, StateGraph, START }, checkpointer) => {
      const State = Annotation.Root({ x: Annotation<number>(), reply: Annotation<string>() });
      const model = new FakeListChatModel({ responses: ["hello"] });
      const graph = new StateGraph(State)
        .addNode("lambda", RunnableLambda.from((state: { x: number }) => ({ x: state.x + 1 })).withConfig({ runName: "my-lambda" }))
        .addNode("ask", async (_state, nodeConfig) => ({ reply: String((await model.invoke("hi", nodeConfig as never)).content) }))
        .addEdge(START, "lambda")
        .addEdge("lambda", "ask")
        .compile({ checkpointer: checkpointer as never });
      const handler = new RecordingHandler();
      const output = await graph.invoke({ x: 1 }, { ...config(), callbacks: [handler] });
      return { output, seen: handler.seen };
    });
    const expected = ["chain-start:my-lambda", "chain-end", "chat-model-start", "llm-end"];
    for (const library of [seen.langgraph, seen.memory, seen.sqlite]) {
      expect(library).toMatchObject({ result: { output: { x: 2, reply: "hello" } } });
      const events = (library as { result: { seen: string[] } }).result.seen;
      // LangGraph also reports its own graph and node runs; replaygraph reports none of its own.
      expect(events.filter((event) => expected.includes(event) || event === "chain-start:my-lambda")).toEqual(expect.arrayContaining(expected));
      expect(events.indexOf("chain-start:my-lambda")).toBeLessThan(events.indexOf("chat-model-start"));
    }
    expect(seen.memory).toEqual(seen.sqlite);
  });

  it("tags and context pass through to a node's config", async () => {
    await expectSame(
      async ({ Annotation, StateGraph, START }, checkpointer) => {
        const State = Annotation.Root({ seen: Annotation<unknown>() });
        const graph = new StateGraph(State)
          .addNode("a", (_state, nodeConfig) => ({ seen: { tags: nodeConfig.tags, context: nodeConfig.context } }))
          .addEdge(START, "a")
          .compile({ checkpointer: checkpointer as never });
        return graph.invoke({}, { ...config(), tags: ["t1"], context: { user: "u1" } });
      },
      { result: { seen: { tags: ["t1"], context: { user: "u1" } } } },
    );
  });

  it("an aborted signal reaches the Runnable", async () => {
    const seen = await onBothLibraries(async ({ Annotation, StateGraph, START }, checkpointer) => {
      const State = Annotation.Root({ x: Annotation<number>() });
      const controller = new AbortController();
      let sawAbort: boolean | undefined;
      let finished: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (finished = resolve));
      const slow = RunnableLambda.from(async (state: { x: number }, runnableConfig) => {
        const signal = runnableConfig?.signal;
        controller.abort();
        await new Promise((resolve) => setTimeout(resolve, 20));
        sawAbort = signal?.aborted;
        finished();
        return { x: state.x };
      });
      const graph = new StateGraph(State)
        .addNode("slow", slow)
        .addEdge(START, "slow")
        .compile({ checkpointer: checkpointer as never });
      const ended = await graph.invoke({ x: 1 }, { ...config(), signal: controller.signal }).then(
        () => "returned",
        () => "rejected",
      );
      await done;
      return { ended, sawAbort };
    });
    expect(seen.langgraph).toEqual({ result: { ended: "rejected", sawAbort: true } });
    expect(seen.memory).toEqual(seen.langgraph);
    expect(seen.sqlite).toEqual(seen.langgraph);
  });
});

describe("compile({ store })", () => {
  it("reaches nodes as config.store", async () => {
    await expectSame(
      async ({ Annotation, StateGraph, START }, checkpointer) => {
        const store = new langgraph.InMemoryStore();
        const State = Annotation.Root({ x: Annotation<number>() });
        const graph = new StateGraph(State)
          .addNode("remember", async (state, nodeConfig) => {
            await (nodeConfig.store as langgraph.InMemoryStore).put(["memories"], "x", { x: state.x });
            return {};
          })
          .addEdge(START, "remember")
          .compile({ checkpointer: checkpointer as never, store });
        await graph.invoke({ x: 7 }, config());
        return (await store.get(["memories"], "x"))?.value;
      },
      { result: { x: 7 } },
    );
  });
});
