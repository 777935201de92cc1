import { Document } from "@langchain/core/documents";
import {
  AIMessage,
  AIMessageChunk,
  ChatMessage,
  FunctionMessage,
  HumanMessage,
  HumanMessageChunk,
  RemoveMessage,
  SystemMessage,
  ToolMessage,
  ToolMessageChunk,
} from "@langchain/core/messages";
import { ChatPromptValue, StringPromptValue } from "@langchain/core/prompt_values";

/** Every kind of LangChain object a graph's state holds, with the fields that matter (fresh instances each call). */
export function langChainSamples(): Record<string, object> {
  return {
    human: new HumanMessage({
      id: "h1",
      content: "What is the weather in SF?",
      name: "ada",
      additional_kwargs: { lc: 1, type: "constructor", id: ["not", "a", "class"] },
    }),
    multimodal: new HumanMessage({
      id: "h2",
      content: [
        { type: "text", text: "look" },
        { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } },
      ],
    }),
    system: new SystemMessage({ id: "s1", content: "You are terse." }),
    ai: new AIMessage({
      id: "a1",
      content: "",
      tool_calls: [{ name: "weather", args: { city: "SF", days: [1, 2] }, id: "call-1", type: "tool_call" }],
      invalid_tool_calls: [{ name: "broken", args: "{oops", id: "call-2", error: "bad json", type: "invalid_tool_call" }],
      usage_metadata: { input_tokens: 10, output_tokens: 4, total_tokens: 14 } as never, // core types it per message structure
      response_metadata: { model_name: "fake", finish_reason: "tool_calls" },
    }),
    aiChunk: new AIMessageChunk({
      id: "c1",
      content: "par",
      tool_call_chunks: [{ name: "weather", args: '{"city":', id: "call-1", index: 0, type: "tool_call_chunk" }],
      usage_metadata: { input_tokens: 1, output_tokens: 1, total_tokens: 2 } as never,
    }),
    humanChunk: new HumanMessageChunk({ id: "hc", content: "typing" }),
    tool: new ToolMessage({ id: "t1", content: "72F and sunny", tool_call_id: "call-1", name: "weather", artifact: { raw: [1, 2, 3] }, status: "success" }),
    toolChunk: new ToolMessageChunk({ id: "tc", content: "partial", tool_call_id: "call-1" }),
    chat: new ChatMessage({ id: "g1", content: "hello", role: "narrator" }),
    function: new FunctionMessage({ id: "f1", content: "{}", name: "legacy" }),
    remove: new RemoveMessage({ id: "a1" }),
    document: new Document({ id: "d1", pageContent: "Replay is the truth.", metadata: { source: "notes.md", lc: 7, nested: { lc: 1 } } }),
    chatPrompt: new ChatPromptValue([new SystemMessage("be brief"), new HumanMessage({ id: "h3", content: "hi" })]),
    stringPrompt: new StringPromptValue("Summarize: {text}"),
  };
}

/** The fields a user sees: own enumerable properties, LangChain's bookkeeping (lc_*) aside. */
export function fieldsOf(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith("lc_")))));
}

/**
 * The samples whose classes LangChain's own `load()` does not rebuild from their `toJSON()`
 * (core 1.4): StringPromptValue's constructor takes a string, not its kwargs; ToolMessageChunk has
 * no `lc_aliases`, so `tool_call_id` comes back as `toolCallId`, which it ignores. Stores give what
 * `load()` gives for them.
 */
export const lossyInLangChain: ReadonlySet<string> = new Set(["toolChunk", "stringPrompt"]);
