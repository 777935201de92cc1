import { BaseChatModel, type BindToolsInput } from "@langchain/core/language_models/chat_models";
import { AIMessage, isAIMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import { RunnableLambda } from "@langchain/core/runnables";

/**
 * A real LangChain chat model for tests, answering from a script: its n-th answer in a
 * conversation is `script[n]`, where n counts the AIMessages already in the input. It keeps no
 * state of its own, so a fresh instance (a restarted process) answers a conversation the same way.
 * `bindTools` records the tools' names and returns the same model.
 */
export class ScriptedChatModel extends BaseChatModel {
  readonly script: readonly AIMessage[];
  readonly calls: BaseMessage[][] = [];
  /** The structured answer `withStructuredOutput(schema).invoke(messages)` gives, with the messages it got. */
  structured: unknown = undefined;
  readonly structuredCalls: BaseMessage[][] = [];
  boundTools: string[] = [];

  constructor(script: readonly AIMessage[]) {
    super({});
    this.script = script;
  }

  override _llmType(): string {
    return "scripted";
  }

  override bindTools(tools: BindToolsInput[]): this {
    this.boundTools = tools.map((tool) => String((tool as { name?: unknown }).name));
    return this;
  }

  /** A Runnable answering `structured` (a real RunnableLambda, so config and callbacks flow as for a model). */
  override withStructuredOutput(..._args: unknown[]): any {
    return RunnableLambda.from((messages: BaseMessage[]) => {
      this.structuredCalls.push(messages);
      return this.structured;
    });
  }

  override async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.calls.push(messages);
    const turn = messages.filter((message) => isAIMessage(message)).length;
    const scripted = this.script[turn] ?? new AIMessage("(the script ended)");
    const message = new AIMessage({ content: scripted.content, tool_calls: scripted.tool_calls ?? [] });
    return { generations: [{ text: typeof message.content === "string" ? message.content : "", message }] };
  }
}
