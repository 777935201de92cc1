import type { BaseMessage } from "@langchain/core/messages";
import { isCommand } from "../graph/command.js";
import { TAG_NOSTREAM } from "../graph/constants.js";
import { currentTask } from "../runtime/task-context.js";
import { langChainTracing } from "./langchain-tracing.js";

/** One `messages` chunk: a message (or a chunk of one) and the metadata of the run that produced it. */
export type MessageTuple = [message: BaseMessage, metadata: Record<string, unknown>];

type Metadata = Record<string, unknown>;

/**
 * A LangChain callback handler that makes `streamMode: "messages"`, as LangGraph's
 * `StreamMessagesHandler` does (this is a port of its rules): each token a chat model streams
 * inside a node, as `[AIMessageChunk, metadata]`; the whole message of a model that did not
 * stream; and the messages a node returns that were neither streamed nor in its input.
 * Metadata is the model's (or node's) run metadata with its `tags` and `name`, as LangGraph's.
 *
 * Departure: a chat model called while its task re-executes for a resume, before the task reaches
 * its answered interrupt, is not streamed again: its tokens were streamed by the run that paused.
 * (LangGraph streams them again.)
 */
export function createStreamMessagesHandler(emit: (chunk: MessageTuple) => void): unknown {
  const { BaseCallbackHandler, messages } = langChainTracing('streamMode: "messages"');
  const { AIMessageChunk, isBaseMessage, isBaseMessageChunk, ToolMessage } = messages;

  class StreamMessagesHandler extends BaseCallbackHandler {
    name = "StreamMessagesHandler";
    // Chat models stream their tokens when a handler prefers it, even when called with invoke().
    lc_prefer_streaming = true;
    readonly #metadatas = new Map<string, Metadata>();
    readonly #seen = new Set<string>();
    readonly #streamed = new Set<string>();
    readonly #stableIds = new Map<string, string>();

    constructor() {
      super();
      // Inline, not in the background: a model's start is then seen inside its task (for the replay check), and chunks keep their order.
      this.awaitHandlers = true;
    }

    #emit(metadata: Metadata, message: BaseMessage, runId: string | undefined, dedupe: boolean, outputIndex?: number): void {
      if (dedupe && message.id !== undefined && this.#seen.has(message.id)) return;
      let id = message.id;
      if (runId !== undefined) {
        if (ToolMessage.isInstance(message)) id ??= `run-${runId}-tool-${message.tool_call_id}`;
        else if (outputIndex !== undefined) id ??= `run-${runId}-out-${outputIndex}`;
        else {
          if (id === undefined || id === `run-${runId}`) id = this.#stableIds.get(runId) ?? id ?? `run-${runId}`;
          if (!this.#stableIds.has(runId)) this.#stableIds.set(runId, id);
        }
      }
      if (id !== undefined && id !== message.id) {
        message.id = id;
        (message.lc_kwargs as Metadata)["id"] = id;
      }
      if (message.id !== undefined) this.#seen.add(message.id);
      emit([message, metadata]);
    }

    /** A message a node pushed with pushMessage(), with the node's metadata (LangGraph's `_emit(meta, message, undefined, false)`). */
    pushMessage(message: BaseMessage, metadata: Metadata): void {
      const { langgraph_task_id: _task, ...rest } = metadata;
      this.#emit(rest, message, undefined, false);
    }

    override handleChatModelStart(
      _llm: unknown,
      _messages: unknown,
      runId: string,
      _parentRunId?: string,
      _extra?: unknown,
      tags?: string[],
      metadata?: Metadata,
      name?: string,
    ): void {
      if (tags?.includes(TAG_NOSTREAM) || tags?.includes("nostream")) return;
      // Replayed before the task's answered interrupt: streamed already by the run that paused.
      if (currentTask()?.replayWindow !== undefined) return;
      const meta = streamMetadataOf(metadata, tags, name);
      if (meta) this.#metadatas.set(runId, meta);
    }

    override handleLLMNewToken(token: string, _index: unknown, runId: string, _parentRunId?: string, _tags?: string[], fields?: { chunk?: unknown }): void {
      this.#streamed.add(runId);
      const meta = this.#metadatas.get(runId);
      if (meta === undefined) return;
      const message = (fields?.chunk as { message?: unknown } | undefined)?.message;
      if (isBaseMessage(message)) this.#emit(meta, message, runId, false);
      else this.#emit(meta, new AIMessageChunk({ content: token }), runId, false);
    }

    override handleLLMEnd(output: { generations: unknown[][] }, runId: string): void {
      const meta = this.#metadatas.get(runId);
      if (meta === undefined) return;
      if (!this.#streamed.has(runId)) {
        const message = (output.generations[0]?.[0] as { message?: unknown } | undefined)?.message;
        if (isBaseMessage(message)) this.#emit(meta, message, runId, true);
      }
      this.#streamed.delete(runId);
      this.#metadatas.delete(runId);
      this.#stableIds.delete(runId);
    }

    override handleLLMError(_error: unknown, runId: string): void {
      this.#metadatas.delete(runId);
    }

    override handleChainStart(
      _chain: unknown,
      inputs: unknown,
      runId: string,
      _parentRunId?: string,
      tags?: string[],
      metadata?: Metadata,
      _runType?: string,
      name?: string,
    ): void {
      if (metadata === undefined || name !== metadata["langgraph_node"] || tags?.includes("langsmith:hidden")) return;
      const meta = streamMetadataOf(metadata, tags, name);
      if (!meta) return;
      this.#metadatas.set(runId, meta);
      // A node's input messages are not streamed when it returns them.
      if (typeof inputs === "object" && inputs !== null) {
        for (const value of Object.values(inputs)) {
          for (const item of Array.isArray(value) ? value : [value]) {
            if ((isBaseMessage(item) || isBaseMessageChunk(item)) && item.id !== undefined) this.#seen.add(item.id);
          }
        }
      }
    }

    override handleChainEnd(outputs: unknown, runId: string): void {
      const meta = this.#metadatas.get(runId);
      this.#metadatas.delete(runId);
      if (meta === undefined) return;
      let outputIndex = 0;
      const emitOne = (value: unknown) => {
        if (!isBaseMessage(value)) return;
        this.#emit(meta, value, runId, true, outputIndex);
        outputIndex += 1;
      };
      const emitOutput = (output: unknown): void => {
        if (isCommand(output)) emitOutput((output as { update?: unknown }).update);
        else if (isBaseMessage(output)) emitOne(output);
        else if (Array.isArray(output)) {
          const updates = output.some(isCommand);
          for (const value of output) updates ? emitOutput(value) : emitOne(value);
        } else if (output !== null && typeof output === "object") {
          for (const value of Object.values(output)) Array.isArray(value) ? emitOutput(value) : emitOne(value);
        }
      };
      emitOutput(outputs);
    }

    override handleChainError(_error: unknown, runId: string): void {
      this.#metadatas.delete(runId);
    }
  }
  return new StreamMessagesHandler();
}

/**
 * A chunk's metadata, LangGraph's way: `{ tags, name, ...the run's metadata }`, for runs inside a
 * task (with a checkpoint namespace) only. replaygraph's own `langgraph_task_id` is left out.
 */
function streamMetadataOf(metadata: Metadata | undefined, tags: string[] | undefined, name: string | undefined): Metadata | undefined {
  if (!metadata || !(metadata["langgraph_checkpoint_ns"] ?? metadata["checkpoint_ns"])) return undefined;
  const { langgraph_task_id: _task, ...rest } = metadata;
  return { tags, name, ...rest };
}
