import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import * as langgraph from "@langchain/langgraph";
import * as langgraphPrebuilt from "@langchain/langgraph/prebuilt";
import * as replaygraph from "replaygraph";
import * as replaygraphPrebuilt from "replaygraph/prebuilt";
import { EventStoreDBEventStore } from "replaygraph/eventstoredb";
import { SqliteEventStore } from "replaygraph/sqlite";
import { describe, expect, it } from "vitest";
import { expectReplayMatchesLive } from "../../scenarios/testing/expect-replay-matches-live.js";
import { EsdbWireServer } from "../../store/eventstoredb/testing/esdb-wire-server.js";
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
      const stream = await graph.stream({ messages: [{ role: "user", content: "hello" }] } as never, {
        ...thread("tokens-and-values"),
        streamMode: ["messages", "values"],
        tags: ["t1"],
        metadata: { user: "u1" },
      });
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
      const stream = await graph.stream(
        { messages: [new HumanMessage({ content: "weather?", id: "h1" })] },
        { ...thread("agent"), streamMode: ["messages", "updates"] },
      );
      return observedChunks(await gather(stream));
    });
    expect(seen.replaygraphMemory).toEqual(seen.langgraph);
    expect(seen.replaygraphSqlite).toEqual(seen.langgraph);
  });
});

describe("streamMode messages across an interrupt and a resume", () => {
  // The node drafts with a model, asks for a verdict, then polishes with another model call.
  const build = (lib: any, checkpointer: unknown) => {
    const { StateGraph, MessagesAnnotation, START, interrupt } = lib;
    const drafter = new FakeListChatModel({ responses: ["draft"] });
    const polisher = new FakeListChatModel({ responses: ["polished"] });
    return new StateGraph(MessagesAnnotation)
      .addNode("write", async (state: { messages: BaseMessage[] }, config: unknown) => {
        const draft = await drafter.invoke(state.messages, config as never);
        const verdict = interrupt({ draft: draft.content });
        const final = await polisher.invoke([...state.messages, draft], config as never);
        return { messages: [new AIMessage({ content: `${String(final.content)} (${String(verdict)})`, id: "reviewed" })] };
      })
      .addEdge(START, "write")
      .compile({ checkpointer });
  };
  const streamConfig = { ...thread("resume"), streamMode: ["messages", "updates"] };
  const program = async ({ lib }: Libraries, checkpointer: unknown, reopen: () => unknown = () => checkpointer) => {
    const paused = observedChunks(
      await gather(await build(lib, checkpointer).stream({ messages: [new HumanMessage({ content: "write", id: "h1" })] }, streamConfig)),
    );
    // The resume runs on a fresh graph and store handle (a restarted process, on SQLite).
    const resumed = observedChunks(await gather(await build(lib, reopen()).stream(new lib.Command({ resume: "ok" }), streamConfig)));
    return { paused, resumed };
  };

  it("streams each token once: a resumed node's model call before its answered interrupt is not streamed again (LangGraph streams it again)", async () => {
    const langgraphSeen = (await program({ lib: langgraph, prebuilt: langgraphPrebuilt }, new langgraph.MemorySaver())) as {
      paused: unknown[];
      resumed: unknown[];
    };
    const memory = new replaygraph.MemorySaver();
    const memorySeen = await program({ lib: replaygraph, prebuilt: replaygraphPrebuilt }, memory);
    const dir = await mkdtemp(join(tmpdir(), "replaygraph-streaming-"));
    const file = join(dir, "threads.db");
    const stores = [new SqliteEventStore(file)];
    try {
      const sqliteSeen = await program({ lib: replaygraph, prebuilt: replaygraphPrebuilt }, stores[0], () => {
        stores.push(new SqliteEventStore(file));
        return stores[stores.length - 1];
      });
      expect(sqliteSeen).toEqual(memorySeen);
      const live = build(replaygraph, stores[1]);
      stores.push(new SqliteEventStore(file));
      await expectReplayMatchesLive(live, (store) => build(replaygraph, store), stores[2]!, "resume");
    } finally {
      for (const store of stores) await store!.close();
      await rm(dir, { recursive: true, force: true });
    }
    // EventStoreDB (the real client against the wire-level test server; no node runs here): the
    // resume on a new connection, then a cold replay on a third.
    const server = await EsdbWireServer.start({ batchAppend: true });
    const clients = [0, 1, 2].map(() => new EventStoreDBEventStore({ connectionString: server.connectionString }));
    try {
      const esdbSeen = await program({ lib: replaygraph, prebuilt: replaygraphPrebuilt }, clients[0], () => clients[1]);
      expect(esdbSeen).toEqual(memorySeen);
      await expectReplayMatchesLive(build(replaygraph, clients[1]), (store) => build(replaygraph, store), clients[2]!, "resume");
    } finally {
      for (const client of clients) await client.close();
      await server.stop();
    }
    expect(memorySeen.paused).toEqual(langgraphSeen.paused);
    expect(tokensOf(memorySeen.paused)).toEqual([..."draft"]);
    // LangGraph re-runs the draft call on resume and streams it again (the fake model's next
    // answer, "draft" again as it cycles), then the polish; replaygraph streams the polish only.
    expect(tokensOf(langgraphSeen.resumed)).toEqual([..."draft", ..."polished"]);
    expect(tokensOf(memorySeen.resumed)).toEqual([..."polished"]);
    const replayedDraft = langgraphSeen.resumed.filter((chunk) => tokensOf([chunk]).length > 0).slice(0, "draft".length);
    expect(memorySeen.resumed).toEqual(langgraphSeen.resumed.filter((chunk) => !replayedDraft.includes(chunk)));
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
