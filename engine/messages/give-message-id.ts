import type { BaseMessage } from "@langchain/core/messages";

/** Gives `message` an id when it has none (its serialized form included: `toJSON()` reads `lc_kwargs`). */
export function giveId(message: BaseMessage, newId: () => string): void {
  if (message.id !== undefined && message.id !== null) return;
  message.id = newId();
  (message.lc_kwargs as Record<string, unknown>)["id"] = message.id;
}
