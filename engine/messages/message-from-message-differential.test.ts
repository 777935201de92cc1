import { describe, expect, it } from "vitest";
import { onBothStores } from "../graph/testing/on-both-libraries.js";

// Differential: a node that returns a message made from another (`new AIMessage(response)`, as
// LangGraph's own tests do), which LangChain serializes as `not_implemented`. LangGraph 1.7.3 reads
// it back from its checkpoint as that stub (no class, no content); replaygraph stores a copy of the
// message it was made from and reads it back (SQLite: from a fresh handle) as that message. A
// departure in the README.

describe("a message made from a message, on both libraries", () => {
  for (const store of ["memory", "sqlite"] as const) {
    it(`is stored as the message it copies (${store})`, async () => {
      const seen = await onBothStores(store, async (lib, checkpointer) => {
        const { AIMessage } = await import("@langchain/core/messages");
        const { MessagesAnnotation, StateGraph, START } = lib;
        const response = new AIMessage({ content: "", tool_calls: [{ id: "call_1", name: "search", args: { query: "q" } }] });
        const build = () =>
          new StateGraph(MessagesAnnotation)
            .addNode("agent", () => ({ messages: [new AIMessage(response as never)] }))
            .addEdge(START, "agent")
            .compile({ checkpointer: checkpointer() });
        const config = { configurable: { thread_id: "t" } };
        await build().invoke({ messages: [] }, config);
        const [message] = (await build().getState(config)).values.messages;
        return { class: message.constructor.name, content: message.content, toolCalls: message.tool_calls, hasId: typeof message.id === "string" };
      });
      expect(seen.langgraph).toEqual({ class: "Object", content: undefined, toolCalls: undefined, hasId: false });
      expect(seen.replaygraph).toEqual({ class: "AIMessage", content: "", toolCalls: [{ id: "call_1", name: "search", args: { query: "q" } }], hasId: true });
    });
  }
});
