import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import * as langgraph from "@langchain/langgraph";
import * as langgraphPrebuilt from "@langchain/langgraph/prebuilt";
import * as replaygraph from "replaygraph";
import * as replaygraphPrebuilt from "replaygraph/prebuilt";
import { SqliteEventStore } from "replaygraph/sqlite";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { spawnTypeScriptWorker } from "../../store/testing/spawn-typescript-worker.js";
import { ScriptedChatModel } from "./testing/scripted-chat-model.js";
import { buildWeatherEmailAgent, weatherAndEmailScript } from "./testing/weather-email-agent.js";

const config = { configurable: { thread_id: "t1" } };
const shapeOf = (message: any) => ({ type: message.getType(), content: message.content, tool_call_id: message.tool_call_id, status: message.status });

async function withSqliteFile<T>(body: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "replaygraph-tool-journal-"));
  try {
    return await body(join(dir, "threads.db"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A hand-built agent whose ToolNode (errors not handled) is retried; the email tool fails on its first attempt. */
function retriedAgent(lib: any, prebuilt: any, checkpointer: unknown) {
  const runs = { get_weather: 0, send_email: 0 };
  const getWeather = tool(
    async ({ city }: { city: string }) => {
      runs.get_weather++;
      return `It's sunny in ${city}.`;
    },
    { name: "get_weather", description: "Weather of a city.", schema: z.object({ city: z.string() }) },
  );
  const sendEmail = tool(
    async ({ to }: { to: string; body: string }) => {
      runs.send_email++;
      if (runs.send_email === 1) throw new Error("SMTP timeout");
      return `Sent to ${to}.`;
    },
    { name: "send_email", description: "Sends an email.", schema: z.object({ to: z.string(), body: z.string() }) },
  );
  const llm = new ScriptedChatModel(weatherAndEmailScript());
  const graph = new lib.StateGraph(lib.MessagesAnnotation)
    .addNode("agent", async (state: any) => ({ messages: [await llm.invoke(state.messages)] }))
    .addNode("tools", new prebuilt.ToolNode([getWeather, sendEmail], { handleToolErrors: false }), {
      retryPolicy: { maxAttempts: 2, initialInterval: 1, jitter: false },
    })
    .addEdge(lib.START, "agent")
    .addConditionalEdges("agent", prebuilt.toolsCondition, ["tools", lib.END])
    .addEdge("tools", "agent")
    .compile({ checkpointer });
  return { graph, runs };
}

describe("ToolNode's journal: a tool call that finished runs once", () => {
  it.each(["memory", "sqlite"] as const)(
    "across a retry of the ToolNode (%s): LangGraph re-runs the finished tool, replaygraph does not; same messages",
    async (store) => {
      await withSqliteFile(async (path) => {
        const lg = retriedAgent(langgraph, langgraphPrebuilt, new langgraph.MemorySaver());
        const lgResult = await lg.graph.invoke({ messages: [new HumanMessage("Go")] }, config);
        const checkpointer = store === "memory" ? new replaygraph.MemorySaver() : new SqliteEventStore(path);
        try {
          const rg = retriedAgent(replaygraph, replaygraphPrebuilt, checkpointer);
          const rgResult = await rg.graph.invoke({ messages: [new HumanMessage("Go")] }, config);
          expect(rgResult.messages.map(shapeOf)).toEqual(lgResult.messages.map(shapeOf));
          expect(lg.runs).toEqual({ get_weather: 2, send_email: 2 });
          expect(rg.runs).toEqual({ get_weather: 1, send_email: 2 });
        } finally {
          await checkpointer.close();
        }
      });
    },
  );

  it("after a kill -9 mid-step (SQLite): the resumed run on a new process's store answers from the journal and runs only the unfinished tool", async () => {
    await withSqliteFile(async (path) => {
      const child = spawnTypeScriptWorker(new URL("./testing/crash-tool-node-worker.ts", import.meta.url), [path, "t1"]);
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("journaled") && resolve());
        child.on("exit", (code) => reject(new Error(`worker exited early (${code}): ${stderr}`)));
      });
      child.kill("SIGKILL");
      await new Promise((resolve) => child.on("exit", resolve));

      const store = new SqliteEventStore(path);
      try {
        const { agent, runs } = buildWeatherEmailAgent(store, 0);
        const result = await agent.invoke(null, config);
        expect(runs).toEqual({ get_weather: 0, send_email: 1 });
        expect(result.messages.map(shapeOf)).toEqual([
          { type: "human", content: "Weather, then email Ada", tool_call_id: undefined, status: undefined },
          { type: "ai", content: "", tool_call_id: undefined, status: undefined },
          { type: "tool", content: "It's sunny in Paris.", tool_call_id: "call_weather", status: "success" },
          { type: "tool", content: "Sent to ada@example.com: Sunny!", tool_call_id: "call_email", status: "success" },
          { type: "ai", content: "Done.", tool_call_id: undefined, status: undefined },
        ]);
        expect((await agent.getState(config)).next).toEqual([]);
      } finally {
        await store.close();
      }
    });
  });

  it("a parallel pause: both tools interrupt, both questions surface, one resume answers both by id and each tool runs to its end once", async () => {
    const runs = { a: 0, b: 0 };
    const ask = (name: "a" | "b") =>
      tool(
        async () => {
          const answer = replaygraph.interrupt(`approve ${name}?`);
          runs[name]++;
          return `${name}: ${String(answer)}`;
        },
        { name, description: name, schema: z.object({}) },
      );
    const llm = new ScriptedChatModel([
      new AIMessage({
        content: "",
        tool_calls: [
          { id: "ca", name: "a", args: {}, type: "tool_call" },
          { id: "cb", name: "b", args: {}, type: "tool_call" },
        ],
      }),
      new AIMessage("ok"),
    ]);
    const agent = replaygraphPrebuilt.createReactAgent({ llm, tools: [ask("a"), ask("b")], checkpointer: new replaygraph.MemorySaver() });
    const first: any = await agent.invoke({ messages: [new HumanMessage("Go")] }, config);
    expect(first.__interrupt__.map((entry: any) => entry.value).sort()).toEqual(["approve a?", "approve b?"]);
    const answers = Object.fromEntries(first.__interrupt__.map((entry: any) => [entry.id, entry.value === "approve a?" ? "yes" : "no"]));
    const done: any = await agent.invoke(new replaygraph.Command({ resume: answers }), config);
    expect(done.messages.slice(2, 4).map((message: any) => message.content)).toEqual(["a: yes", "b: no"]);
    expect(runs).toEqual({ a: 1, b: 1 });
  });
});
