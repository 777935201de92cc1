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
    const message = storableMessageOf(core.coerceMessageLikeToMessage(messageLike as never));
    giveId(message, context.newId);
    return message;
  };
  return Array.isArray(update) ? (update as readonly Messages[]).map(prepare) : prepare(update);
}

/**
 * A message LangChain cannot serialize as itself rebuilt from its own fields, in its class. A
 * message made from another (`new AIMessage(response)`) keeps the other's whole object as its
 * constructor fields, and LangChain serializes it as `not_implemented`; its copy serializes as
 * any message. Any other message is returned as it is.
 */
function storableMessageOf(message: BaseMessage): BaseMessage {
  // LangChain's test, without serializing every message: a serializable class whose constructor fields are not another LangChain object.
  const kwargs = (message as { lc_kwargs?: unknown }).lc_kwargs;
  if (message.lc_serializable && !(typeof kwargs === "object" && kwargs !== null && "lc_kwargs" in kwargs)) return message;
  if ((message.toJSON() as { type?: string }).type !== "not_implemented") return message;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(message)) if (!key.startsWith("lc_") && key !== "type" && value !== undefined) fields[key] = value;
  const rebuilt = new (message.constructor as new (fields: unknown) => BaseMessage)(fields);
  return (rebuilt.toJSON() as { type?: string }).type === "constructor" ? rebuilt : message;
}
