import type { BaseMessage } from "@langchain/core/messages";
import type { WriteContext } from "../graph/write-preparer.js";
import { langChainMessages } from "./langchain-messages.js";
import { giveId } from "./give-message-id.js";
import type { Messages } from "./messages-reducer.js";

/**
 * A write to a messages channel as it is recorded: every message-like coerced into its message
 * class, and every message without an id given one from `context` (so the fold never invents
 * one). A message object the node returned gets the id in place, as LangGraph's reducer does.
 */
export function prepareMessages(update: Messages, context: WriteContext): BaseMessage | BaseMessage[] {
  const core = langChainMessages();
  const prepare = (messageLike: Messages) => {
    const message = core.coerceMessageLikeToMessage(messageLike as never);
    giveId(message, context.newId);
    return message;
  };
  return Array.isArray(update) ? (update as readonly Messages[]).map(prepare) : prepare(update);
}
