import { AIMessage, AIMessageChunk, RemoveMessage, SystemMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";

/**
 * A chat agent's messages graph, written once for any LangGraph-shaped library (LangGraph itself
 * or replaygraph): the model asks for a tool, the tool answers (with a streamed chunk), an editor
 * replaces a message and removes another, and a summarizer clears the channel with
 * REMOVE_ALL_MESSAGES and starts over. Plain function nodes; the messages reducer does the rest.
 */
export interface MessagesLibrary {
  readonly StateGraph: new (state: any) => any;
  readonly MessagesAnnotation: unknown;
  readonly START: string;
  readonly END: string;
  readonly REMOVE_ALL_MESSAGES: string;
}

/** The nodes of the agent, in order. */
export const agentNodes = ["agent", "tool", "editor", "summarize"] as const;

/** Builds the agent graph on `library` (compile it with the library's checkpointer). */
export function buildMessagesAgent(library: MessagesLibrary): any {
  return new library.StateGraph(library.MessagesAnnotation)
    .addNode("agent", (state: { messages: BaseMessage[] }) => ({
      messages: [
        new AIMessage({
          content: `calling weather after ${state.messages.length} messages`,
          tool_calls: [{ name: "weather", args: { city: "SF", days: [1, 2] }, id: "call-1", type: "tool_call" }],
          usage_metadata: { input_tokens: 12, output_tokens: 5, total_tokens: 17 } as never,
          response_metadata: { model_name: "fake-model", finish_reason: "tool_calls" },
        }),
      ],
    }))
    .addNode("tool", () => ({
      messages: [
        new ToolMessage({ content: "72F and sunny", tool_call_id: "call-1", name: "weather", artifact: { raw: [72] } }),
        new AIMessageChunk({ id: "chunk-1", content: "It is 72F" }),
      ],
    }))
    .addNode("editor", () => ({
      messages: [new AIMessage({ id: "chunk-1", content: "It is 72F and sunny in SF." }), new RemoveMessage({ id: "sys" })],
    }))
    .addNode("summarize", (state: { messages: BaseMessage[] }) => ({
      messages: [
        new RemoveMessage({ id: library.REMOVE_ALL_MESSAGES }),
        new SystemMessage({ id: "summary", content: `summary of ${state.messages.length} messages` }),
        { role: "assistant", content: "Anything else?" },
        "thanks",
      ],
    }))
    .addEdge(library.START, "agent")
    .addEdge("agent", "tool")
    .addEdge("tool", "editor")
    .addEdge("editor", "summarize")
    .addEdge("summarize", library.END);
}

/** The agent's input: message-likes of every shape (a message, a string, `{ role, content }`, a tuple). */
export function agentInput(): { messages: unknown[] } {
  return {
    messages: [
      new SystemMessage({ id: "sys", content: "You are terse." }),
      "What is the weather in SF?",
      { role: "user", content: "And tomorrow?" },
      ["human", "as a tuple"],
    ],
  };
}
