import { AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import { FakeStreamingChatModel } from "@langchain/core/utils/testing";
import { z } from "zod";

/** The search tool of the streaming tests: a real LangChain tool. */
export const searchTool = tool(async ({ query }: { query: string }) => `results for ${query}`, {
  name: "search",
  description: "Searches the web.",
  schema: z.object({ query: z.string() }),
});

/**
 * A chat agent's model turn, on LangChain's FakeStreamingChatModel (it streams its chunks through
 * the callbacks): asked first, it calls `search`; given the tool's answer, it answers in words.
 */
export async function streamingModelTurn(messages: readonly BaseMessage[], config: unknown): Promise<BaseMessage> {
  const last = messages[messages.length - 1];
  const answered = last !== undefined && last.getType() === "tool";
  const chunks = answered
    ? [new AIMessageChunk("It is "), new AIMessageChunk("sunny.")]
    : [new AIMessageChunk({ content: "", tool_calls: [{ id: `call_${messages.length}`, name: "search", args: { query: "weather" }, type: "tool_call" }] })];
  const model = new FakeStreamingChatModel({ sleep: 0, chunks });
  return model.invoke([...messages], config as never);
}
