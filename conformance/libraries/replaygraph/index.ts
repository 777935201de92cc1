import { uuid5, uuid6 } from "@langchain/langgraph-checkpoint";
import * as replaygraph from "replaygraph";
import * as prebuilt from "replaygraph/prebuilt";
import * as constants from "../../../engine/graph/constants.js";
import { entrypointChannels } from "../../../engine/func/entrypoint-chunks.js";
// LangGraph's `../graph/zod/*.js` (meta, schema, the plugin) are replaygraph/zod and replaygraph/zod/schema.
import * as replaygraphZod from "replaygraph/zod";
import * as replaygraphZodSchema from "replaygraph/zod/schema";
import { gatherIterator } from "../gather-iterator.js";
import { initializeAsyncLocalStorageSingleton } from "../initialize-async-local-storage.js";
import { notExported } from "./not-exported.js";

/**
 * What the upstream LangGraph tests import from LangGraph's modules and from
 * `@langchain/langgraph-checkpoint`, for the `conformance-replaygraph` project: replaygraph's
 * PUBLIC entry points only (`replaygraph`, and `replaygraph/zod` and `replaygraph/zod/schema` for
 * LangGraph's zod modules). A name replaygraph exports is taken from it (so a name added to
 * `engine/index.ts` is picked up here with no edit); a name it does not export is a stand-in that
 * fails the case using it with "replaygraph does not export X".
 * `conformance/library-redirect-plugin.ts` sends every such import here.
 */
const publicExports: Record<string, unknown> = { ...replaygraphZodSchema, ...replaygraphZod, ...replaygraph };
const prebuiltExports: Record<string, unknown> = prebuilt;

function fromReplaygraph(exportName: string): unknown {
  return publicExports[exportName] ?? notExported(exportName);
}

/** A name LangGraph exports from `@langchain/langgraph/prebuilt`: taken from `replaygraph/prebuilt`. */
function fromPrebuilt(exportName: string): unknown {
  return prebuiltExports[exportName] ?? notExported(exportName);
}

/**
 * A LangGraph internal constant the tests reach by file path (`../constants.js`), as the LangGraph
 * side reads it off `dist/constants.js`: the same value where replaygraph has one, in its sources.
 */
function internalConstant(exportName: string): unknown {
  return (constants as Record<string, unknown>)[exportName] ?? notExported(exportName);
}

// The names the upstream files import, one by one (their type-only imports are erased).
export const Annotation = fromReplaygraph("Annotation");
export const BaseChannel = fromReplaygraph("BaseChannel");
export const BaseCheckpointSaver = fromReplaygraph("BaseCheckpointSaver");
export const BaseStore = fromReplaygraph("BaseStore");
export const BinaryOperatorAggregate = fromReplaygraph("BinaryOperatorAggregate");
export const Channel = fromReplaygraph("Channel");
export const Command = fromReplaygraph("Command");
export const CONFIG_KEY_CHECKPOINT_ID = fromReplaygraph("CONFIG_KEY_CHECKPOINT_ID");
export const CONFIG_KEY_CHECKPOINT_MAP = fromReplaygraph("CONFIG_KEY_CHECKPOINT_MAP");
export const CONFIG_KEY_CHECKPOINT_NS = fromReplaygraph("CONFIG_KEY_CHECKPOINT_NS");
export const CONFIG_KEY_NODE_FINISHED = internalConstant("CONFIG_KEY_NODE_FINISHED");
export const COPY = internalConstant("COPY");
export const createAgentExecutor = fromPrebuilt("createAgentExecutor");
export const END = fromReplaygraph("END");
export const entrypoint = fromReplaygraph("entrypoint");
export const EphemeralValue = fromReplaygraph("EphemeralValue");
export const getConfigTypeSchema = fromReplaygraph("getConfigTypeSchema");
export const getInputTypeSchema = fromReplaygraph("getInputTypeSchema");
export const getOutputTypeSchema = fromReplaygraph("getOutputTypeSchema");
export const getPreviousState = fromReplaygraph("getPreviousState");
export const getStateTypeSchema = fromReplaygraph("getStateTypeSchema");
export const getUpdateTypeSchema = fromReplaygraph("getUpdateTypeSchema");
export const Graph = fromReplaygraph("Graph");
export const GraphRecursionError = fromReplaygraph("GraphRecursionError");
export const increment = fromReplaygraph("increment");
export const InMemoryCache = fromReplaygraph("InMemoryCache");
export const InMemoryStore = fromReplaygraph("InMemoryStore");
export const INTERRUPT = fromReplaygraph("INTERRUPT");
export const interrupt = fromReplaygraph("interrupt");
export const InvalidUpdateError = fromReplaygraph("InvalidUpdateError");
export const isCommand = fromReplaygraph("isCommand");
export const isInterrupted = fromReplaygraph("isInterrupted");
export const LastValue = fromReplaygraph("LastValue");
export const MemorySaver = fromReplaygraph("MemorySaver");
export const MessageGraph = fromReplaygraph("MessageGraph");
export const MessagesAnnotation = fromReplaygraph("MessagesAnnotation");
export const messagesStateReducer = fromReplaygraph("messagesStateReducer");
export const MessagesValue = fromReplaygraph("MessagesValue");
export const NodeInterrupt = fromReplaygraph("NodeInterrupt");
export const PASSTHROUGH = fromReplaygraph("PASSTHROUGH");
export const Pregel = fromReplaygraph("Pregel");
export const PregelNode = fromReplaygraph("PregelNode");
// LangGraph's internal name of the channel an entrypoint keeps its saved value in ("__previous__"): replaygraph's is "previous".
export const PREVIOUS = entrypointChannels.previous;
export const PULL = internalConstant("PULL");
export const PUSH = internalConstant("PUSH");
export const Send = fromReplaygraph("Send");
export const shouldInterrupt = fromReplaygraph("shouldInterrupt");
export const START = fromReplaygraph("START");
export const StateGraph = fromReplaygraph("StateGraph");
export const StateSchema = fromReplaygraph("StateSchema");
export const TAG_NOSTREAM = internalConstant("TAG_NOSTREAM");
export const task = fromReplaygraph("task");
export const TASKS = internalConstant("TASKS");
export const ToolExecutor = fromPrebuilt("ToolExecutor");
export const ToolNode = fromPrebuilt("ToolNode");
export const Topic = fromReplaygraph("Topic");
export const withLangGraph = fromReplaygraph("withLangGraph");
export const _applyWrites = fromReplaygraph("_applyWrites");
export const _localRead = fromReplaygraph("_localRead");
export const _prepareNextTasks = fromReplaygraph("_prepareNextTasks");

// Test plumbing (LangGraph internals the tests use as helpers) and id utilities: not library behaviour.
export { gatherIterator, initializeAsyncLocalStorageSingleton, uuid5, uuid6 };
