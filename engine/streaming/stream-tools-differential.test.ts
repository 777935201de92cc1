import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import * as langgraph from "@langchain/langgraph";
import * as langgraphPrebuilt from "@langchain/langgraph/prebuilt";
import * as replaygraph from "replaygraph";
import * as replaygraphPrebuilt from "replaygraph/prebuilt";
import { SqliteEventStore } from "replaygraph/sqlite";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { observedChunks } from "./testing/observed-chunks.js";

// Each library runs a program on its own store, so the programs use the same thread ids.
const thread = (name: string) => ({ configurable: { thread_id: name } });

const weather = tool(async ({ city }: { city: string }) => (city === "SF" ? "60 and foggy" : "90 and sunny"), {
  name: "weather",
  description: "The weather in a city.",
  schema: z.object({ city: z.string() }),
});

const broken = tool(
  async (): Promise<string> => {
    throw new Error("the weather service is down");
  },
  { name: "broken", description: "Always fails.", schema: z.object({}) },
);

const callOf = (id: string, name: string, args: Record<string, unknown>) => ({ id, name, args, type: "tool_call" as const });

/** A model turn without a model: asks for `calls` first, then answers "Done." once a tool answered. */
const agentTurn = (calls: ReturnType<typeof callOf>[]) => (state: { messages: BaseMessage[] }) => {
  const last = state.messages[state.messages.length - 1];
  if (last?.getType() === "tool") return { messages: [new AIMessage({ content: "Done.", id: "ai-done" })] };
  return { messages: [new AIMessage({ content: "", id: "ai-call", tool_calls: calls })] };
};

function agentGraph({ lib, prebuilt }: Libraries, calls: ReturnType<typeof callOf>[], checkpointer: unknown) {
  const { StateGraph, MessagesAnnotation, START } = lib as typeof langgraph;
  return new StateGraph(MessagesAnnotation)
    .addNode("agent", agentTurn(calls))
    .addNode("tools", new (prebuilt as typeof langgraphPrebuilt).ToolNode([weather, broken]))
    .addEdge(START, "agent")
    .addConditionalEdges("agent", (prebuilt as typeof langgraphPrebuilt).toolsCondition, ["tools", "__end__"])
    .addEdge("tools", "agent")
    .compile({ checkpointer: checkpointer as never });
}

/** The chunks as the user sees each when it arrives (LangGraph's reducer gives a ToolMessage its id later, in place). */
async function gather(stream: AsyncIterable<unknown>): Promise<unknown[]> {
  const chunks: unknown[] = [];
  for await (const chunk of stream) chunks.push(...observedChunks([chunk]));
  return chunks;
}

/** A subgraph namespace's task ids are each library's own: `node:<task>`. */
function withoutTaskIds(chunks: unknown[]): unknown[] {
  return chunks.map((chunk) =>
    Array.isArray(chunk) && Array.isArray(chunk[0]) ? [chunk[0].map((part: string) => part.replace(/:.*$/, ":<task>")), ...chunk.slice(1)] : chunk,
  );
}

describe('streamMode: "tools" (tool runs, through LangChain callbacks)', () => {
  it("yields on_tool_start and on_tool_end of a ToolNode's tools beside updates, and on_tool_error of a failing one", async () => {
    const seen = await onBothLibraries(async (libraries, checkpointer) => {
      const graph = agentGraph(libraries, [callOf("call_1", "weather", { city: "SF" }), callOf("call_2", "broken", {})], checkpointer);
      const stream = await graph.stream(
        { messages: [new HumanMessage({ content: "weather?", id: "h1" })] },
        { ...thread("agent"), streamMode: ["updates", "tools"] },
      );
      return gather(stream);
    });
    const events = (seen.langgraph as [string, { event?: string; name?: string }][])
      .filter(([mode]) => mode === "tools")
      .map(([, chunk]) => `${chunk.event} ${chunk.name}`);
    expect(events).toEqual(expect.arrayContaining(["on_tool_start weather", "on_tool_end weather", "on_tool_start broken", "on_tool_error broken"]));
    expect(seen.replaygraphMemory).toEqual(seen.langgraph);
    expect(seen.replaygraphSqlite).toEqual(seen.langgraph);
  });

  it("as the only mode, yields bare chunks, also for a tool a node invokes with its config", async () => {
    const seen = await onBothLibraries(async ({ lib }, checkpointer) => {
      const { StateGraph, Annotation, START } = lib as typeof langgraph;
      const graph = new StateGraph(Annotation.Root({ city: Annotation<string>(), report: Annotation<string>() }))
        .addNode("lookup", async (state, config) => ({ report: String(await weather.invoke({ city: state.city }, config)) }))
        .addEdge(START, "lookup")
        .compile({ checkpointer: checkpointer as never });
      return gather(await graph.stream({ city: "Rome" }, { ...thread("direct"), streamMode: "tools" }));
    });
    expect(seen.langgraph).toEqual([
      { event: "on_tool_start", name: "weather", input: expect.anything() },
      { event: "on_tool_end", name: "weather", output: "90 and sunny" },
    ]);
    expect(seen.replaygraphMemory).toEqual(seen.langgraph);
    expect(seen.replaygraphSqlite).toEqual(seen.langgraph);
  });

  it("yields a subgraph's tool runs under its namespace with subgraphs: true, and leaves them out without it", async () => {
    const seen = await onBothLibraries(async (libraries, checkpointer) => {
      const { StateGraph, MessagesAnnotation, START } = libraries.lib as typeof langgraph;
      const inner = agentGraph(libraries, [callOf("call_9", "weather", { city: "SF" })], undefined);
      const graph = new StateGraph(MessagesAnnotation)
        .addNode("assistant", inner as never)
        .addEdge(START, "assistant")
        .compile({ checkpointer: checkpointer as never });
      const input = () => ({ messages: [new HumanMessage({ content: "weather?", id: "h1" })] });
      const nested = await gather(await graph.stream(input(), { ...thread("nested"), streamMode: ["tools"], subgraphs: true }));
      const flat = await gather(await graph.stream(input(), { ...thread("flat"), streamMode: ["tools"] }));
      return { nested: withoutTaskIds(nested), flat };
    });
    expect(seen.langgraph).toMatchObject({ nested: [[["assistant:<task>"], "tools", { event: "on_tool_start" }], expect.anything()], flat: [] });
    expect(seen.replaygraphMemory).toEqual(seen.langgraph);
    expect(seen.replaygraphSqlite).toEqual(seen.langgraph);
  });
});

interface Libraries {
  readonly lib: typeof langgraph | typeof replaygraph;
  readonly prebuilt: typeof langgraphPrebuilt | typeof replaygraphPrebuilt;
}

async function onBothLibraries(program: (libraries: Libraries, checkpointer: unknown) => Promise<unknown>) {
  const dir = await mkdtemp(join(tmpdir(), "replaygraph-tools-stream-"));
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
