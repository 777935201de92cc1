import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";

/**
 * The chat agent benchmark's model: a real LangChain `BaseChatModel` (so each call goes through
 * LangChain's invoke, callbacks and message handling on both engines) answering from a script, in
 * no time: after a human message it calls the `lookup` tool; after the tool's answer it answers
 * in words. It keeps no state, so every thread and turn gets the same answers.
 */
export class ScriptedToolModel extends BaseChatModel {
  constructor() {
    super({});
  }

  override _llmType(): string {
    return "scripted-tool-model";
  }

  override bindTools(): this {
    return this;
  }

  override async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const last = messages[messages.length - 1];
    const turn = messages.filter((message) => message.getType() === "human").length;
    const message =
      last?.getType() === "tool"
        ? new AIMessage(`Turn ${turn}: the answer is ${String(last.content)}.`)
        : new AIMessage({ content: "", tool_calls: [{ id: `call_${turn}`, name: "lookup", args: { query: `question ${turn}` }, type: "tool_call" }] });
    return { generations: [{ text: typeof message.content === "string" ? message.content : "", message }] };
  }
}
