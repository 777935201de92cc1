import type { BaseMessage, BaseMessageLike } from "@langchain/core/messages";
import { appendWrite, isMultipleWrites, writesInOrderOf } from "../graph/multiple-writes.js";
import type { Writes } from "../thread/events.js";
import { currentTask, type TaskContext } from "../runtime/task-context.js";
import { langChainTracing } from "../streaming/langchain-tracing.js";

/** What {@link pushMessage} takes: the node's config (or none: the running node's), and the state key. */
export type PushMessageOptions = Record<string, unknown> & {
  /** The state key the message is written to; `null` streams it only. Default `"messages"`. */
  stateKey?: string | null;
};

/** The part of the messages stream handler that takes a pushed message (see stream-messages-handler.ts). */
interface PushTarget {
  readonly name: string;
  pushMessage(message: BaseMessage, metadata: Record<string, unknown>): void;
}

/** Writes a task's node pushed with pushMessage(), in order, by task execution. */
const pushedWrites = new WeakMap<TaskContext, [key: string, value: unknown][]>();

/**
 * LangGraph's `pushMessage`: sends `message` to the `messages` stream now, before the node returns
 * (with the node's metadata, as a message the node returned would be), and writes it to the state
 * key `options.stateKey` (default `"messages"`; `null` for none) with the node's update, in the
 * order the node pushed, before what it returns. The message must have an id.
 *
 * @example
 * ```ts
 * const progress = async (state, config) => {
 *   pushMessage(new AIMessage({ id: "status-1", content: "Looking it up…" }), config);
 *   return { answer: await lookUp(state.question) };
 * };
 * ```
 *
 * WARNING: a node that re-executes for a resume, before it reaches its answered interrupt, does
 * not stream a pushed message again (the run that paused streamed it); its write is recorded once,
 * with the update the node finally returns. A message pushed from a functional-API `task` is
 * streamed but not written to a state (an entrypoint has none).
 *
 * @throws {Error} "Message ID is required." (LangGraph's error) when the message has no id.
 */
export function pushMessage(message: BaseMessage | BaseMessageLike, options?: PushMessageOptions): BaseMessage {
  const { stateKey: givenKey, ...givenConfig } = options ?? {};
  const stateKey = givenKey === null ? undefined : (givenKey ?? "messages");
  const { messages } = langChainTracing("pushMessage");
  const valid = messages.coerceMessageLikeToMessage(message as BaseMessageLike);
  if (!valid.id) throw new Error("Message ID is required.");
  const task = currentTask();
  const config = (Object.keys(givenConfig).length > 0 ? givenConfig : (task?.config ?? {})) as { callbacks?: unknown; metadata?: Record<string, unknown> };
  // Replayed before the task's answered interrupt: streamed already by the run that paused.
  if (task?.replayWindow === undefined) {
    for (const handler of handlersOf(config.callbacks)) {
      if (isPushTarget(handler)) handler.pushMessage(valid, config.metadata ?? {});
    }
  }
  if (stateKey !== undefined && task !== undefined) {
    const writes = pushedWrites.get(task) ?? [];
    writes.push([stateKey, valid]);
    pushedWrites.set(task, writes);
  }
  return valid;
}

/**
 * `writes` (a node's update) after the writes its execution pushed: a key written by both records
 * the pushed values first, as LangGraph's task writes are in the order they were made.
 */
export function withPushedWrites(task: TaskContext, writes: Writes): Writes {
  const pushed = pushedWrites.get(task);
  if (pushed === undefined) return writes;
  const combined: Record<string, unknown> = {};
  const add = (key: string, value: unknown) => (combined[key] = key in combined ? appendWrite(combined[key], value) : value);
  for (const [key, value] of pushed) add(key, value);
  for (const key in writes) {
    const value = writes[key];
    if (isMultipleWrites(value) && key in combined) for (const each of writesInOrderOf(value)) add(key, each);
    else add(key, value);
  }
  return combined;
}

function handlersOf(callbacks: unknown): readonly unknown[] {
  if (Array.isArray(callbacks)) return callbacks;
  const handlers = (callbacks as { handlers?: unknown } | undefined)?.handlers;
  return Array.isArray(handlers) ? handlers : [];
}

function isPushTarget(handler: unknown): handler is PushTarget {
  return (
    typeof handler === "object" &&
    handler !== null &&
    (handler as PushTarget).name === "StreamMessagesHandler" &&
    typeof (handler as PushTarget).pushMessage === "function"
  );
}
