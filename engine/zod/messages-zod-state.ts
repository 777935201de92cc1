import type { BaseMessage } from "@langchain/core/messages";
import { z } from "zod/v3";
import { messagesStateReducer, type Messages } from "../messages/messages-reducer.js";
import type { SchemaMeta } from "./schema-meta-registry.js";
import { withLangGraph } from "./with-lang-graph.js";

/**
 * The meta of a zod `messages` field, as LangGraph's `MessagesZodMeta`: merged by
 * {@link messagesStateReducer}, empty by default.
 *
 * @example
 * const State = z.object({ messages: z.custom<BaseMessage[]>().register(registry, MessagesZodMeta), step: z.number() });
 */
export const MessagesZodMeta: SchemaMeta<BaseMessage[], Messages> = {
  reducer: { fn: messagesStateReducer },
  jsonSchemaExtra: { langgraph_type: "messages" },
  default: () => [],
};

/**
 * A zod state with one channel, `messages`, merged by {@link messagesStateReducer}: LangGraph's
 * `MessagesZodState` (a zod 3 object, as LangGraph's is). Extend it with `MessagesZodState.extend({ ... })`.
 *
 * @example
 * const graph = new StateGraph(MessagesZodState).addNode("agent", agent).addEdge(START, "agent").compile();
 */
export const MessagesZodState = z.object({ messages: withLangGraph(z.custom<BaseMessage[]>(), MessagesZodMeta) });
