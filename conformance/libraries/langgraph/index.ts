/**
 * What the upstream LangGraph tests import from LangGraph's own modules (`../graph/index.js`,
 * `../constants.js`, `../pregel/algo.js`, ...), for the `conformance-langgraph` project: the
 * installed `@langchain/langgraph` (the reference build), through its public entry points where a
 * name is public and by file path into its `dist/` where the tests reach an internal.
 * `conformance/library-redirect-plugin.ts` sends every such import here.
 */
export {
  Annotation,
  Command,
  END,
  entrypoint,
  getPreviousState,
  Graph,
  GraphRecursionError,
  INTERRUPT,
  interrupt,
  InvalidUpdateError,
  isCommand,
  isInterrupted,
  MemorySaver,
  MessageGraph,
  MessagesAnnotation,
  messagesStateReducer,
  MessagesValue,
  NodeInterrupt,
  Send,
  START,
  StateGraph,
  StateSchema,
  task,
} from "@langchain/langgraph";
export { BaseChannel, BinaryOperatorAggregate, EphemeralValue, LastValue, Topic } from "@langchain/langgraph/channels";
export { Channel, Pregel } from "@langchain/langgraph/pregel";
export { createAgentExecutor, ToolExecutor, ToolNode } from "@langchain/langgraph/prebuilt";
export { withLangGraph } from "@langchain/langgraph/zod";
export { getConfigTypeSchema, getInputTypeSchema, getOutputTypeSchema, getStateTypeSchema, getUpdateTypeSchema } from "@langchain/langgraph/zod/schema";
// Internals: their declaration files do not list these names, so they are read off the modules.
import * as algo from "../../../node_modules/@langchain/langgraph/dist/pregel/algo.js";
import * as constants from "../../../node_modules/@langchain/langgraph/dist/constants.js";
import * as read from "../../../node_modules/@langchain/langgraph/dist/pregel/read.js";
import * as internalUtils from "../../../node_modules/@langchain/langgraph/dist/utils.js";
import * as write from "../../../node_modules/@langchain/langgraph/dist/pregel/write.js";

function internal(module: object, exportName: string): unknown {
  const value = (module as Record<string, unknown>)[exportName];
  if (value === undefined)
    throw new Error(`@langchain/langgraph's dist no longer has ${exportName} where conformance/libraries/langgraph/index.ts looks for it`);
  return value;
}

export const CONFIG_KEY_CHECKPOINT_ID = internal(constants, "CONFIG_KEY_CHECKPOINT_ID");
export const CONFIG_KEY_CHECKPOINT_MAP = internal(constants, "CONFIG_KEY_CHECKPOINT_MAP");
export const CONFIG_KEY_CHECKPOINT_NS = internal(constants, "CONFIG_KEY_CHECKPOINT_NS");
export const CONFIG_KEY_NODE_FINISHED = internal(constants, "CONFIG_KEY_NODE_FINISHED");
export const COPY = internal(constants, "COPY");
export const PREVIOUS = internal(constants, "PREVIOUS");
export const PULL = internal(constants, "PULL");
export const PUSH = internal(constants, "PUSH");
export const TAG_NOSTREAM = internal(constants, "TAG_NOSTREAM");
export const TASKS = internal(constants, "TASKS");
export const _applyWrites = internal(algo, "_applyWrites");
export const _localRead = internal(algo, "_localRead");
export const _prepareNextTasks = internal(algo, "_prepareNextTasks");
export const increment = internal(algo, "increment");
export const shouldInterrupt = internal(algo, "shouldInterrupt");
export const PregelNode = internal(read, "PregelNode");
export const PASSTHROUGH = internal(write, "PASSTHROUGH");
export const gatherIterator = internal(internalUtils, "gatherIterator");
export { initializeAsyncLocalStorageSingleton } from "../initialize-async-local-storage.js";
