import { HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import * as langgraph from "@langchain/langgraph";
import * as langgraphPrebuilt from "@langchain/langgraph/prebuilt";
import * as replaygraph from "replaygraph";
import * as replaygraphPrebuilt from "replaygraph/prebuilt";
import { describe, expect, it } from "vitest";
import { observedChunks } from "./testing/observed-chunks.js";
import { searchTool, streamingModelTurn } from "./testing/streaming-agent.js";

// streamEvents(input, { version: "v2" }) on LangGraph 1.7.3 and on replaygraph, the same graph:
// the sequence of events (name, tags, metadata, what data they carry) compared minus run ids.

async function eventsOf(graph: any, input: unknown, options: object): Promise<unknown[]> {
  const events: unknown[] = [];
  for await (const event of graph.streamEvents(input, { version: "v2", ...options })) {
    const { run_id: _run, parent_ids: _parents, data, ...rest } = event;
    // As the event arrives: a message in it may be changed later (LangGraph's reducer gives a ToolMessage its id in place).
    events.push(observedChunks([{ ...rest, data }])[0]);
  }
  return events;
}

/**
 * The events as two sequences: the graph run's own stream chunks (`on_chain_stream` of
 * `LangGraph`), and everything else. How the two interleave depends on when the caller pulls the
 * next chunk (LangGraph's loop runs ahead of its consumer), not on what happened.
 */
function split(events: readonly unknown[]): { chunks: unknown[]; runs: unknown[] } {
  const isChunk = (event: unknown) =>
    (event as { event: string; name: string }).event === "on_chain_stream" && (event as { name: string }).name === "LangGraph";
  return { chunks: events.filter(isChunk), runs: events.filter((event) => !isChunk(event)) };
}

/** Runs `program` on LangGraph, then on replaygraph: [LangGraph's result, replaygraph's]. */
async function onBoth(program: (side: (typeof sides)[number]) => Promise<unknown[]>): Promise<unknown[][]> {
  const results: unknown[][] = [];
  for (const side of sides) results.push(await program(side));
  return results;
}

const sides = [
  { name: "langgraph", lib: langgraph as any, prebuilt: langgraphPrebuilt as any, checkpointer: () => new langgraph.MemorySaver() },
  { name: "replaygraph", lib: replaygraph as any, prebuilt: replaygraphPrebuilt as any, checkpointer: () => new replaygraph.MemorySaver() },
];

describe("streamEvents v2", () => {
  it("a chat model inside a node: the graph's, the node's and the model's events", async () => {
    const [theirs, ours] = await onBoth(async ({ lib }) => {
      const model = new FakeListChatModel({ responses: ["hi"] });
      const graph = new lib.StateGraph(lib.MessagesAnnotation)
        .addNode("agent", async (state: { messages: BaseMessage[] }) => ({ messages: [await model.invoke(state.messages)] }))
        .addEdge(lib.START, "agent")
        .compile({ checkpointer: new lib.MemorySaver() });
      return eventsOf(graph, { messages: [new HumanMessage({ content: "hello", id: "h1" })] }, { configurable: { thread_id: "events" } });
    });
    expect(split(ours!)).toEqual(split(theirs!));
  });

  it("a tool-calling agent with each library's ToolNode", async () => {
    const [theirs, ours] = await onBoth(async ({ lib, prebuilt }) => {
      const graph = new lib.StateGraph(lib.MessagesAnnotation)
        .addNode("agent", async (state: { messages: BaseMessage[] }, config: unknown) => ({ messages: [await streamingModelTurn(state.messages, config)] }))
        .addNode("tools", new prebuilt.ToolNode([searchTool]))
        .addEdge(lib.START, "agent")
        .addConditionalEdges("agent", prebuilt.toolsCondition, ["tools", lib.END])
        .addEdge("tools", "agent")
        .compile({ checkpointer: new lib.MemorySaver() });
      return eventsOf(graph, { messages: [new HumanMessage({ content: "weather?", id: "h1" })] }, { configurable: { thread_id: "events-agent" } });
    });
    // Departure: LangGraph also reports each conditional edge's route function (toolsCondition) as
    // a RunnableLambda run inside its node's run; replaygraph does not.
    const routes = (theirs ?? []).filter((event) => (event as { name: string }).name === "RunnableLambda");
    expect(routes.map((event) => (event as { event: string }).event)).toEqual(["on_chain_start", "on_chain_end", "on_chain_start", "on_chain_end"]);
    expect(split(ours!)).toEqual(split((theirs ?? []).filter((event) => !routes.includes(event))));
  });
});
