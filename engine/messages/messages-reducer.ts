import { randomUUID } from "node:crypto";
import type { BaseMessage, BaseMessageLike } from "@langchain/core/messages";
import { InvalidUpdateError } from "../errors/run-errors.js";
import { withWritePreparer } from "../graph/write-preparer.js";
import { langChainMessages, type LangChainMessages } from "./langchain-messages.js";
import { giveId } from "./give-message-id.js";
import { prepareMessages } from "./prepare-messages.js";

/**
 * The id of a `RemoveMessage` that clears the channel: `new RemoveMessage({ id: REMOVE_ALL_MESSAGES })`
 * drops every message before it; only the messages after it in the same write remain.
 */
export const REMOVE_ALL_MESSAGES = "__remove_all__";

/** What a messages channel takes: a message-like (a message, a string, `{ role, content }`, `[role, content]`) or a list of them. */
export type Messages = BaseMessageLike | readonly BaseMessageLike[];

/**
 * Merges messages by id, LangGraph's way: both sides are coerced into message classes
 * (`"hi"` → `HumanMessage`, `{ role: "assistant", content }` → `AIMessage`, a chunk such as
 * `AIMessageChunk` → its message class); a message whose id is already in the list replaces it in
 * place, one with a new id is appended; a `RemoveMessage` drops the message with its id (an
 * unknown id is an error); a `RemoveMessage` with id {@link REMOVE_ALL_MESSAGES} drops everything
 * before it.
 *
 * Replay re-applies recorded writes, so ids must not be invented here: a channel built with this
 * reducer gives every message of a write its id when the write is recorded (see
 * {@link prepareMessages}), derived from the task (or input, or update) that wrote it. A message
 * that still has none here (one in a channel's `default`) gets a random id, as in LangGraph.
 *
 * @example
 * const State = Annotation.Root({
 *   messages: Annotation<BaseMessage[], Messages>({ reducer: messagesStateReducer, default: () => [] }),
 * });
 */
export const messagesStateReducer = withWritePreparer(function messagesStateReducer(left: Messages, right: Messages): BaseMessage[] {
  const core = langChainMessages();
  const current = listOf(left).map((message) => toMessage(core, message));
  const incoming = listOf(right).map((message) => toMessage(core, message));
  for (const message of current) giveId(message, randomUUID);
  let removeAllAt = -1;
  incoming.forEach((message, index) => {
    giveId(message, randomUUID);
    if (core.RemoveMessage.isInstance(message) && message.id === REMOVE_ALL_MESSAGES) removeAllAt = index;
  });
  if (removeAllAt >= 0) return incoming.slice(removeAllAt + 1);
  const merged = [...current];
  const positions = new Map(merged.map((message, index) => [message.id, index]));
  const removed = new Set<string | undefined>();
  for (const message of incoming) {
    const position = positions.get(message.id);
    const removal = core.RemoveMessage.isInstance(message);
    if (position !== undefined) {
      if (removal) removed.add(message.id);
      else {
        removed.delete(message.id);
        merged[position] = message;
      }
    } else if (removal) {
      throw new InvalidUpdateError(
        `A RemoveMessage names message id '${message.id}', which is not in the messages channel. ` +
          `Remove a message the state holds (new RemoveMessage({ id: message.id })), or use REMOVE_ALL_MESSAGES to clear the channel.`,
      );
    } else {
      positions.set(message.id, merged.length);
      merged.push(message);
    }
  }
  return removed.size === 0 ? merged : merged.filter((message) => !removed.has(message.id));
}, prepareMessages);

/** LangGraph's name for {@link messagesStateReducer}. */
export const addMessages = messagesStateReducer;

function listOf(messages: Messages): readonly BaseMessageLike[] {
  // As in LangGraph, an array is a list of messages (a lone [role, content] tuple must be wrapped in one).
  return Array.isArray(messages) ? (messages as readonly BaseMessageLike[]) : [messages as BaseMessageLike];
}

const chunkClasses = {
  human: "HumanMessage",
  ai: "AIMessage",
  system: "SystemMessage",
  tool: "ToolMessage",
  function: "FunctionMessage",
  generic: "ChatMessage",
} as const;

/** A message-like as a message; a chunk as a message of its type (its fields, without the chunk's own). */
function toMessage(core: LangChainMessages, messageLike: BaseMessageLike): BaseMessage {
  const message = core.coerceMessageLikeToMessage(messageLike);
  if (!core.BaseMessageChunk.isInstance(message)) return message;
  const className = chunkClasses[message.getType() as keyof typeof chunkClasses];
  if (className === undefined) return message;
  const fields = Object.fromEntries(Object.entries(message).filter(([key]) => key !== "type" && key !== "tool_call_chunks" && !key.startsWith("lc_")));
  const MessageClass = core[className] as unknown as new (fields: Record<string, unknown>) => BaseMessage;
  return new MessageClass(fields);
}
