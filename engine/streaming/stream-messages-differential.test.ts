import { FakeListChatModel } from "@langchain/core/utils/testing";
import { describe, expect, it } from "vitest";
import { onBothLibraries } from "../graph/testing/on-both-libraries.js";
import { observedChunks } from "./testing/observed-chunks.js";

// Each library runs a program on its own store, so the programs use the same thread ids.
const thread = (name: string) => ({ configurable: { thread_id: name } });

async function gather(stream: AsyncIterable<unknown>): Promise<unknown[]> {
  const chunks: unknown[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('streamMode: "messages" (tokens of chat models called inside nodes, through LangChain callbacks)', () => {
  it("yields [AIMessageChunk, metadata] per token with LangGraph's metadata, beside values", async () => {
    const seen = await onBothLibraries(async ({ StateGraph, MessagesAnnotation, START }, checkpointer) => {
      const model = new FakeListChatModel({ responses: ["hi you"] });
      const graph = new StateGraph(MessagesAnnotation)
        .addNode("agent", async (state, config) => ({ messages: [await model.invoke(state.messages, config as never)] }))
        .addEdge(START, "agent")
        .compile({ checkpointer: checkpointer as never });
      const stream = await graph.stream({ messages: [{ role: "user", content: "hello" }] } as never, { ...thread("tokens-and-values"), streamMode: ["messages", "values"], tags: ["t1"], metadata: { user: "u1" } });
      return observedChunks(await gather(stream));
    });
    expect(seen.memory).toEqual(seen.langgraph);
    expect(seen.sqlite).toEqual(seen.langgraph);
  });
});
