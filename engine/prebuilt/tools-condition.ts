import type { BaseMessage } from "@langchain/core/messages";
import { END } from "../graph/constants.js";

/**
 * LangGraph's conditional edge for a tool-calling agent: "tools" when the last message (of
 * `state.messages`, or of a messages array) has tool calls, END otherwise.
 *
 * @example
 * graph.addConditionalEdges("agent", toolsCondition, ["tools", END]);
 */
export function toolsCondition(state: BaseMessage[] | { readonly messages: readonly BaseMessage[] }): "tools" | typeof END {
  const messages = Array.isArray(state) ? state : (state as { readonly messages: readonly BaseMessage[] }).messages;
  const last = messages[messages.length - 1] as { tool_calls?: readonly unknown[] } | undefined;
  return last !== undefined && "tool_calls" in last && (last.tool_calls?.length ?? 0) > 0 ? "tools" : END;
}
