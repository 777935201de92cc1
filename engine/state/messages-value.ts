import type { BaseMessage } from "@langchain/core/messages";
import { z } from "zod";
import { messagesStateReducer } from "../messages/messages-reducer.js";
import { ReducedValue } from "./reduced-value.js";

/**
 * A StateSchema field of chat messages merged by {@link messagesStateReducer}, empty by default:
 * LangGraph's `MessagesValue`.
 *
 * @example
 * const State = new StateSchema({ messages: MessagesValue, userId: z.string() });
 */
export const MessagesValue: ReducedValue<BaseMessage[], any> = new ReducedValue<BaseMessage[], any>(
  z.custom<BaseMessage[]>().default(() => []),
  {
    inputSchema: z.custom(),
    reducer: messagesStateReducer as (current: BaseMessage[], update: any) => BaseMessage[],
    jsonSchemaExtra: { langgraph_type: "messages", description: "A list of chat messages" },
  },
);
