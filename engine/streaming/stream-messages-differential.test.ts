import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import * as langgraph from "@langchain/langgraph";
import * as langgraphPrebuilt from "@langchain/langgraph/prebuilt";
import * as replaygraph from "replaygraph";
import * as replaygraphPrebuilt from "replaygraph/prebuilt";
import { SqliteEventStore } from "replaygraph/sqlite";
import { describe, expect, it } from "vitest";
import { onBothLibraries } from "../graph/testing/on-both-libraries.js";
import { observedChunks } from "./testing/observed-chunks.js";
import { searchTool, streamingModelTurn } from "./testing/streaming-agent.js";

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

describe("streamMode messages in a tool-calling agent (each library's ToolNode and toolsCondition)", () => {
  it("streams the model's chunks and the ToolNode's ToolMessage, with updates beside them", async () => {
    const seen = await onBothLibrariesWithPrebuilt(async ({ lib, prebuilt }, checkpointer) => {
      const { StateGraph, MessagesAnnotation, START } = lib;
      const graph = new StateGraph(MessagesAnnotation)
        .addNode("agent", async (state: { messages: BaseMessage[] }, config: unknown) => ({ messages: [await streamingModelTurn(state.messages, config)] }))
        .addNode("tools", new prebuilt.ToolNode([searchTool]))
        .addEdge(START, "agent")
        .addConditionalEdges("agent", prebuilt.toolsCondition, ["tools", "__end__"])
        .addEdge("tools", "agent")
        .compile({ checkpointer });
      const stream = await graph.stream({ messages: [new HumanMessage({ content: "weather?", id: "h1" })] }, { ...thread("agent"), streamMode: ["messages", "updates"] });
      return observedChunks(await gather(stream));
    });
    expect(seen.replaygraphMemory).toEqual(seen.langgraph);
    expect(seen.replaygraphSqlite).toEqual(seen.langgraph);
  });
});

describe("streamMode messages across an interrupt and a resume", () => {
  const program = async ({ lib }: Libraries, checkpointer: unknown) => {
    const { StateGraph, MessagesAnnotation, START, interrupt, Command } = lib;
    const model = new FakeListChatModel({ responses: ["draft one", "final two"] });
    const graph = new StateGraph(MessagesAnnotation)
      .addNode("write", async (state: { messages: BaseMessage[] }, config: unknown) => {
        const draft = await model.invoke(state.messages, config as never);
        const verdict = interrupt({ draft: draft.content });
        return { messages: [new AIMessage({ content: `${String(draft.content)} (${String(verdict)})`, id: "reviewed" })] };
      })
      .addEdge(START, "write")
      .compile({ checkpointer });
    const config = { ...thread("resume"), streamMode: ["messages", "updates"] };
    const paused = observedChunks(await gather(await graph.stream({ messages: [new HumanMessage({ content: "write", id: "h1" })] }, config)));
    const resumed = observedChunks(await gather(await graph.stream(new Command({ resume: "ok" }), config)));
    return { paused, resumed };
  };

  it("streams the tokens once: a resumed node's model call before its answered interrupt is not streamed again (LangGraph streams it again)", async () => {
    const seen = await onBothLibrariesWithPrebuilt(program);
    const langgraph = seen.langgraph as { paused: unknown[]; resumed: unknown[] };
    expect(seen.replaygraphMemory).toEqual(seen.replaygraphSqlite);
    const replaygraph = seen.replaygraphMemory as { paused: unknown[]; resumed: unknown[] };
    expect(replaygraph.paused).toEqual(langgraph.paused);
    // The run that paused streamed the draft's tokens on both libraries.
    expect(tokensOf(replaygraph.paused)).toEqual([..."draft one"]);
    // On resume LangGraph re-runs the node's model call and streams its tokens again (the second
    // response of the fake model); replaygraph re-runs it too but does not stream it twice.
    expect(tokensOf(langgraph.resumed)).toEqual([..."final two"]);
    expect(tokensOf(replaygraph.resumed)).toEqual([]);
    const withoutTokens = (chunks: unknown[]) => chunks.filter((chunk) => tokensOf([chunk]).length === 0);
    expect(replaygraph.resumed).toEqual(withoutTokens(langgraph.resumed));
  });
});

function tokensOf(chunks: readonly unknown[]): string[] {
  return chunks.flatMap((chunk) => {
    const [mode, payload] = chunk as [string, [{ class: string; content: string }, unknown]];
    return mode === "messages" && payload[0].class === "AIMessageChunk" ? [payload[0].content] : [];
  });
}

interface Libraries {
  readonly lib: any;
  readonly prebuilt: any;
}

/** Runs `program` on LangGraph (MemorySaver) and on replaygraph (memory, and a SQLite file), each with its own prebuilt. */
async function onBothLibrariesWithPrebuilt(program: (libraries: Libraries, checkpointer: any) => Promise<unknown>) {
  const dir = await mkdtemp(join(tmpdir(), "replaygraph-streaming-"));
  const sqlite = new SqliteEventStore(join(dir, "threads.db"));
  try {
    return {
      langgraph: await program({ lib: langgraph, prebuilt: langgraphPrebuilt }, new langgraph.MemorySaver()),
      replaygraphMemory: await program({ lib: replaygraph, prebuilt: replaygraphPrebuilt }, new replaygraph.MemorySaver()),
      replaygraphSqlite: await program({ lib: replaygraph, prebuilt: replaygraphPrebuilt }, sqlite),
    };
  } finally {
    await sqlite.close();
    await rm(dir, { recursive: true, force: true });
  }
}
