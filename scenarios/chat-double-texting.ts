import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { END, MessagesAnnotation, START, StateGraph, type EventStore, type NodeConfig } from "replaygraph";
import { ToolNode, toolsCondition } from "replaygraph/prebuilt";
import { z } from "zod";
import { sleep, stepMs } from "./double-texting.js";

/**
 * Seed 002's graph as its users write it: a messages agent whose (stubbed, slow) model calls a
 * search tool (stubbed, slow) through the prebuilt ToolNode, then answers from its result. Each
 * step takes {@link stepMs} and honours its AbortSignal, so a second message arrives mid-run.
 */
export function buildChatAgent(store: EventStore) {
  const search = tool(
    async ({ query }: { query: string }, config?: { signal?: AbortSignal }) => {
      await sleep(stepMs, config?.signal);
      return `3 results for ${query}`;
    },
    { name: "search", description: "Searches the web.", schema: z.object({ query: z.string() }) },
  );
  const agent = async (state: { messages: BaseMessage[] }, config: NodeConfig) => {
    await sleep(stepMs, config.signal);
    const last = state.messages.at(-1);
    if (last instanceof ToolMessage) return { messages: [new AIMessage(`answer from ${String(last.content)}`)] };
    const question = String(last?.content);
    return {
      messages: [new AIMessage({ content: "", tool_calls: [{ id: `call-${question}`, name: "search", args: { query: question }, type: "tool_call" }] })],
    };
  };
  return new StateGraph(MessagesAnnotation)
    .addNode("agent", agent)
    .addNode("tools", new ToolNode([search]))
    .addEdge(START, "agent")
    .addConditionalEdges("agent", toolsCondition, ["tools", END])
    .addEdge("tools", "agent")
    .compile({ checkpointer: store, name: "agent" });
}

/** A turn's input: the user's question. */
export function question(text: string): { messages: BaseMessage[] } {
  return { messages: [new HumanMessage(text)] };
}

/** What a user reads of a conversation: each message's kind and text (a tool call as its query). */
export function transcript(messages: readonly BaseMessage[]): string[] {
  return messages.map((message) => {
    const calls = (message as AIMessage).tool_calls ?? [];
    if (calls.length > 0) return `${message.getType()}: search(${String(calls[0]!.args["query"])})`;
    return `${message.getType()}: ${String(message.content)}`;
  });
}
