import { OutsideNodeError } from "../errors/run-errors.js";
import type { LangGraphRunnableConfig } from "./langgraph-runnable-config.js";
import { currentTask } from "./task-context.js";

/**
 * The config of the node running here (what it got as its second argument), from any depth of
 * its call stack, as LangGraph's `getConfig()`.
 *
 * WARNING: outside a node it returns undefined, though its type says otherwise: LangGraph's does
 * the same, and code ported from it may rely on that.
 *
 * @example
 * const whoAsks = () => getConfig().configurable?.["user_id"];
 */
export function getConfig(): LangGraphRunnableConfig {
  return currentTask()?.config as LangGraphRunnableConfig;
}

/**
 * The `custom` stream writer of `config`, or of the node running here, as LangGraph's
 * `getWriter()`. Throws {@link OutsideNodeError} outside a node when no config is given.
 */
export function getWriter(config?: LangGraphRunnableConfig): ((chunk: unknown) => void) | undefined {
  const given = config ?? currentTask()?.config;
  if (!given) throw new OutsideNodeError("getWriter()");
  return given.writer;
}

/**
 * The input of the node running here: the state it was called with (or a `Send`'s args), as
 * LangGraph's `getCurrentTaskInput()`. Throws {@link OutsideNodeError} outside a node.
 */
export function getCurrentTaskInput<TInput = unknown>(_config?: LangGraphRunnableConfig): TInput {
  const task = currentTask();
  if (!task) throw new OutsideNodeError("getCurrentTaskInput()");
  return task.input as TInput;
}

/**
 * Sends `chunk` to `stream(..., { streamMode: "custom" })` consumers from the node running here;
 * does nothing outside a node. (LangGraph 1.7.3's `writer()` sends nothing from a StateGraph node:
 * it reads a writer its node config does not have. Here it sends, as `getWriter()`'s does.)
 */
export function writer<TChunk>(chunk: TChunk): void {
  currentTask()?.config.writer(chunk);
}
