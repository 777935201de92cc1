import { HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import * as langgraph from "@langchain/langgraph";
import * as langgraphPrebuilt from "@langchain/langgraph/prebuilt";
import * as replaygraph from "replaygraph";
import * as replaygraphPrebuilt from "replaygraph/prebuilt";
import { z } from "zod";
import type { BenchConfig } from "./graph-kit.js";
import { ScriptedToolModel } from "./scripted-tool-model.js";

/** The part of a compiled chat agent the benchmark calls. */
export interface ChatAgent {
  invoke(input: { messages: BaseMessage[] }, config: BenchConfig): Promise<{ messages: BaseMessage[] }>;
}

const lookup = tool(async ({ query }: { query: string }) => `${query.length} facts`, {
  name: "lookup",
  description: "Looks facts up.",
  schema: z.object({ query: z.string() }),
});

/**
 * The chat agent, written once and built with each engine's own StateGraph, MessagesAnnotation,
 * ToolNode and toolsCondition (the port changes only the imports): START → agent; agent → tools
 * when the model called a tool, else END; tools → agent.
 */
export function chatAgent(engineName: string, checkpointer: unknown): ChatAgent {
  const { lib, prebuilt } = engineName === "LangGraph" ? { lib: langgraph, prebuilt: langgraphPrebuilt } : { lib: replaygraph, prebuilt: replaygraphPrebuilt };
  const model = new ScriptedToolModel();
  const builder = new (lib.StateGraph as any)(lib.MessagesAnnotation)
    .addNode("agent", async (state: { messages: BaseMessage[] }, config: unknown) => ({ messages: [await model.invoke(state.messages, config as never)] }))
    .addNode("tools", new prebuilt.ToolNode([lookup]))
    .addEdge(lib.START, "agent")
    .addConditionalEdges("agent", prebuilt.toolsCondition, ["tools", lib.END])
    .addEdge("tools", "agent");
  return builder.compile({ checkpointer }) as ChatAgent;
}

/** A turn's input: one human message. */
export function humanTurn(turn: number): { messages: BaseMessage[] } {
  return { messages: [new HumanMessage(`question ${turn}`)] };
}
