import { langChainTracing } from "./langchain-tracing.js";
import { MessageStream, type MessageTuple } from "./message-stream.js";

export type { MessageTuple } from "./message-stream.js";

type Metadata = Record<string, unknown>;

/**
 * A LangChain callback handler that makes `streamMode: "messages"`, as LangGraph's
 * `StreamMessagesHandler` does ({@link MessageStream} holds the rules): each token a chat model
 * streams inside a node, as `[AIMessageChunk, metadata]`; the whole message of a model that did
 * not stream; and the messages a node returns that were neither streamed nor in its input.
 * Metadata is the model's (or node's) run metadata with its `tags` and `name`, as LangGraph's.
 *
 * Departure: a chat model called while its task re-executes for a resume, before the task reaches
 * its answered interrupt, is not streamed again: its tokens were streamed by the run that paused.
 * (LangGraph streams them again.)
 */
export function createStreamMessagesHandler(emit: (chunk: MessageTuple) => void): unknown {
  const { BaseCallbackHandler, messages } = langChainTracing('streamMode: "messages"');

  class StreamMessagesHandler extends BaseCallbackHandler {
    name = "StreamMessagesHandler";
    // Chat models stream their tokens when a handler prefers it, even when called with invoke().
    lc_prefer_streaming = true;
    // Inline, not in the background: a model's start is then seen inside its task (for the replay check), and chunks keep their order.
    override awaitHandlers = true;
    readonly stream = new MessageStream(emit, messages);

    /** A message a node pushed with pushMessage(). */
    pushMessage(message: Parameters<MessageStream["pushMessage"]>[0], metadata: Metadata): void {
      this.stream.pushMessage(message, metadata);
    }

    override handleChatModelStart(
      _llm: unknown,
      _m: unknown,
      runId: string,
      _p?: string,
      _x?: unknown,
      tags?: string[],
      metadata?: Metadata,
      name?: string,
    ): void {
      this.stream.chatModelStarted(runId, tags, metadata, name);
    }
    override handleLLMNewToken(token: string, _index: unknown, runId: string, _p?: string, _tags?: string[], fields?: { chunk?: unknown }): void {
      this.stream.tokenStreamed(token, runId, fields?.chunk);
    }
    override handleLLMEnd(output: { generations: unknown[][] }, runId: string): void {
      this.stream.modelEnded(output, runId);
    }
    override handleLLMError(_error: unknown, runId: string): void {
      this.stream.forget(runId);
    }
    override handleChainStart(
      _chain: unknown,
      inputs: unknown,
      runId: string,
      _p?: string,
      tags?: string[],
      metadata?: Metadata,
      _t?: string,
      name?: string,
    ): void {
      this.stream.nodeStarted(inputs, runId, tags, metadata, name);
    }
    override handleChainEnd(outputs: unknown, runId: string): void {
      this.stream.nodeEnded(outputs, runId);
    }
    override handleChainError(_error: unknown, runId: string): void {
      this.stream.forget(runId);
    }
  }
  return new StreamMessagesHandler();
}
