import type { BaseMessage } from "@langchain/core/messages";
import { Annotation } from "../graph/annotation.js";
import { messagesStateReducer, type Messages } from "./messages-reducer.js";

/**
 * A state with one channel, `messages`, merged by {@link messagesStateReducer}: the state of a chat
 * agent, as LangGraph's `MessagesAnnotation`. Extend it with `Annotation.Root({ ...MessagesAnnotation.spec, ... })`.
 *
 * @example
 * const graph = new StateGraph(MessagesAnnotation)
 *   .addNode("agent", (state) => ({ messages: [new AIMessage("hello")] }))
 *   .addEdge(START, "agent")
 *   .compile({ checkpointer: new MemorySaver() });
 */
export const MessagesAnnotation = Annotation.Root({
  messages: Annotation<BaseMessage[], Messages>({ reducer: messagesStateReducer, default: () => [] }),
});
