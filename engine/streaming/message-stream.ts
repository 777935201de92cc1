import type { BaseMessage } from "@langchain/core/messages";
import { isCommand } from "../graph/command.js";
import { TAG_NOSTREAM } from "../graph/constants.js";
import { currentTask } from "../runtime/task-context.js";
import type { LangChainTracing } from "./langchain-tracing.js";

/** One `messages` chunk: a message (or a chunk of one) and the metadata of the run that produced it. */
export type MessageTuple = [message: BaseMessage, metadata: Record<string, unknown>];

type Metadata = Record<string, unknown>;

/**
 * The rules of `streamMode: "messages"`, a port of LangGraph's `StreamMessagesHandler`: which runs
 * stream, which messages are sent once, and the ids chunks get. The LangChain callback handler of
 * {@link createStreamMessagesHandler} feeds it the callbacks it gets.
 */
export class MessageStream {
  readonly #metadatas = new Map<string, Metadata>();
  readonly #seen = new Set<string>();
  readonly #streamed = new Set<string>();
  readonly #stableIds = new Map<string, string>();

  constructor(
    private readonly send: (chunk: MessageTuple) => void,
    private readonly messages: LangChainTracing["messages"],
  ) {}

  /** A message a node pushed with pushMessage(), with the node's metadata (LangGraph's `_emit(meta, message, undefined, false)`). */
  pushMessage(message: BaseMessage, metadata: Metadata): void {
    const { langgraph_task_id: _task, ...rest } = metadata;
    this.#emit(rest, message, undefined, false);
  }

  chatModelStarted(runId: string, tags: string[] | undefined, metadata: Metadata | undefined, name: string | undefined): void {
    if (tags?.includes(TAG_NOSTREAM) || tags?.includes("nostream")) return;
    // Replayed before the task's answered interrupt: streamed already by the run that paused.
    if (currentTask()?.replayWindow !== undefined) return;
    const meta = streamMetadataOf(metadata, tags, name);
    if (meta) this.#metadatas.set(runId, meta);
  }

  tokenStreamed(token: string, runId: string, chunk: unknown): void {
    this.#streamed.add(runId);
    const meta = this.#metadatas.get(runId);
    if (meta === undefined) return;
    const message = (chunk as { message?: unknown } | undefined)?.message;
    if (this.messages.isBaseMessage(message)) this.#emit(meta, message, runId, false);
    else this.#emit(meta, new this.messages.AIMessageChunk({ content: token }), runId, false);
  }

  /** A model's end: its whole message, when it did not stream. */
  modelEnded(output: { generations: unknown[][] }, runId: string): void {
    const meta = this.#metadatas.get(runId);
    if (meta === undefined) return;
    if (!this.#streamed.has(runId)) {
      const message = (output.generations[0]?.[0] as { message?: unknown } | undefined)?.message;
      if (this.messages.isBaseMessage(message)) this.#emit(meta, message, runId, true);
    }
    this.#streamed.delete(runId);
    this.#stableIds.delete(runId);
    this.forget(runId);
  }

  /** A node's start: its run streams what it returns, except the messages of its input. */
  nodeStarted(inputs: unknown, runId: string, tags: string[] | undefined, metadata: Metadata | undefined, name: string | undefined): void {
    if (metadata === undefined || name !== metadata["langgraph_node"] || tags?.includes("langsmith:hidden")) return;
    const meta = streamMetadataOf(metadata, tags, name);
    if (!meta) return;
    this.#metadatas.set(runId, meta);
    if (typeof inputs !== "object" || inputs === null) return;
    for (const value of Object.values(inputs)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if ((this.messages.isBaseMessage(item) || this.messages.isBaseMessageChunk(item)) && item.id !== undefined) this.#seen.add(item.id);
      }
    }
  }

  /** A node's end: the messages it returned (in its update, its Commands' updates, or its list of them). */
  nodeEnded(outputs: unknown, runId: string): void {
    const meta = this.#metadatas.get(runId);
    this.forget(runId);
    if (meta === undefined) return;
    messagesOfOutput(outputs, this.messages.isBaseMessage).forEach((message, index) => this.#emit(meta, message, runId, true, index));
  }

  forget(runId: string): void {
    this.#metadatas.delete(runId);
  }

  #emit(metadata: Metadata, message: BaseMessage, runId: string | undefined, dedupe: boolean, outputIndex?: number): void {
    if (dedupe && message.id !== undefined && this.#seen.has(message.id)) return;
    const id = runId === undefined ? message.id : this.#idOf(message, runId, outputIndex);
    if (id !== undefined && id !== message.id) {
      message.id = id;
      (message.lc_kwargs as Metadata)["id"] = id;
    }
    if (message.id !== undefined) this.#seen.add(message.id);
    this.send([message, metadata]);
  }

  /** LangGraph's id for a message of run `runId` without one: per tool call, per output, or one per model run. */
  #idOf(message: BaseMessage, runId: string, outputIndex: number | undefined): string {
    if (this.messages.ToolMessage.isInstance(message)) return message.id ?? `run-${runId}-tool-${message.tool_call_id}`;
    if (outputIndex !== undefined) return message.id ?? `run-${runId}-out-${outputIndex}`;
    let id = message.id;
    if (id === undefined || id === `run-${runId}`) id = this.#stableIds.get(runId) ?? id ?? `run-${runId}`;
    if (!this.#stableIds.has(runId)) this.#stableIds.set(runId, id);
    return id;
  }
}

/** The messages a node's output carries, in order: itself, its Commands' updates, its lists and its update's values. */
function messagesOfOutput(output: unknown, isMessage: (value: unknown) => value is BaseMessage): BaseMessage[] {
  const found: BaseMessage[] = [];
  const one = (value: unknown) => {
    if (isMessage(value)) found.push(value);
  };
  const walk = (value: unknown): void => {
    if (isCommand(value)) walk((value as { update?: unknown }).update);
    else if (isMessage(value)) one(value);
    else if (Array.isArray(value)) {
      const updates = value.some(isCommand);
      for (const item of value) updates ? walk(item) : one(item);
    } else if (value !== null && typeof value === "object") {
      for (const item of Object.values(value)) Array.isArray(item) ? walk(item) : one(item);
    }
  };
  walk(output);
  return found;
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
