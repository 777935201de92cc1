import { notSupported, type NotSupported } from "./not-supported.js";

// LangGraph JS 1.7.3 exports that replaygraph cannot do yet. Each imports fine and throws
// NotSupportedError, saying what to use instead, when used. LANGGRAPH-NAMES.md lists every
// LangGraph export and what it is here.

const memoryStore = "Long-term memory stores are not supported: keep such data in your own database, or in the graph's state.";
const checkpointer =
  "replaygraph's checkpointer is an event store: compile({ checkpointer }) with MemorySaver, SqliteEventStore (replaygraph/sqlite) or EventStoreDBEventStore (replaygraph/eventstoredb).";
const checkpoints = "Checkpoints are derived from a thread's event stream here: read them with graph.getState(config) and graph.getStateHistory(config).";
const channels = "Declare state with Annotation.Root({ key: Annotation<T>({ reducer, default }) }): each key is a channel.";
const stateSchema =
  "UntrackedValue and DeltaValue fields are not supported yet: declare a StateSchema with Standard Schemas and ReducedValue fields, or Annotation.Root({ key: Annotation<T>({ reducer, default }) }).";
const messages =
  "Declare a messages key with a reducer of your own: Annotation.Root({ messages: Annotation<BaseMessage[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) }).";
const functional = "The functional API is not supported yet: write the workflow as a StateGraph, and journal a side effect with effect(key, fn).";
const streamV3 =
  'Streaming v3 (protocol events, run streams) is not supported: use graph.stream(input, { streamMode: "values" | "updates" | "custom" | "debug" }).';
const internal = "It is part of LangGraph's internals, which replaygraph does not have.";
const notThrown = "replaygraph never throws it: catch ReplayGraphError (every error replaygraph throws) and branch on its `code`.";

/** Not supported: {@link memoryStore}. */
export const AsyncBatchedStore: NotSupported = notSupported("AsyncBatchedStore", memoryStore);
/** Not supported: {@link checkpointer}. */
export const BaseCheckpointSaver: NotSupported = notSupported("BaseCheckpointSaver", checkpointer);
/** Not supported: {@link checkpoints}. */
export const copyCheckpoint: NotSupported = notSupported("copyCheckpoint", checkpoints);
/** Not supported: {@link checkpoints}. */
export const emptyCheckpoint: NotSupported = notSupported("emptyCheckpoint", checkpoints);
/** Not supported: {@link channels}. */
export const BaseChannel: NotSupported = notSupported("BaseChannel", channels);
/** Not supported: {@link channels}. */
export const BinaryOperatorAggregate: NotSupported = notSupported("BinaryOperatorAggregate", channels);
/** Not supported: {@link channels}. */
export const DeltaChannel: NotSupported = notSupported("DeltaChannel", channels);
/** Not supported: {@link channels}. */
export const UntrackedValueChannel: NotSupported = notSupported("UntrackedValueChannel", channels);
/** Not supported: {@link stateSchema}. */
export const UntrackedValue: NotSupported = notSupported("UntrackedValue", stateSchema);
/** Not supported: {@link stateSchema}. */
export const DeltaValue: NotSupported = notSupported("DeltaValue", stateSchema);
/** Not supported: {@link messages}. */
export const MessagesDeltaValue: NotSupported = notSupported("MessagesDeltaValue", messages);
/** Not supported: {@link messages}. */
export const MessageGraph: NotSupported = notSupported("MessageGraph", messages);
/** Not supported: {@link messages}. */
export const messagesDeltaReducer: NotSupported = notSupported("messagesDeltaReducer", messages);
/** Not supported: {@link streamV3}. */
export const ChatModelStreamImpl: NotSupported = notSupported("ChatModelStreamImpl", streamV3);
/** Not supported: {@link streamV3}. */
export const GraphRunStream: NotSupported = notSupported("GraphRunStream", streamV3);
/** Not supported: {@link streamV3}. */
export const SubgraphRunStream: NotSupported = notSupported("SubgraphRunStream", streamV3);
/** Not supported: {@link streamV3}. */
export const RunControl: NotSupported = notSupported("RunControl", streamV3);
/** Not supported: {@link streamV3}. */
export const StreamChannel: NotSupported = notSupported("StreamChannel", streamV3);
/** Not supported: {@link streamV3}. */
export const EventLog: NotSupported = notSupported("EventLog", streamV3);
/** Not supported: {@link streamV3}. */
export const STREAM_EVENTS_V3_MODES: NotSupported = notSupported("STREAM_EVENTS_V3_MODES", streamV3);
/** Not supported: {@link streamV3}. */
export const convertToProtocolEvent: NotSupported = notSupported("convertToProtocolEvent", streamV3);
/** Not supported: {@link streamV3}. */
export const createGraphRunStream: NotSupported = notSupported("createGraphRunStream", streamV3);
/** Not supported: {@link streamV3}. */
export const createLifecycleTransformer: NotSupported = notSupported("createLifecycleTransformer", streamV3);
/** Not supported: {@link streamV3}. */
export const createMessagesTransformer: NotSupported = notSupported("createMessagesTransformer", streamV3);
/** Not supported: {@link streamV3}. */
export const createSubgraphDiscoveryTransformer: NotSupported = notSupported("createSubgraphDiscoveryTransformer", streamV3);
/** Not supported: {@link streamV3}. */
export const createValuesTransformer: NotSupported = notSupported("createValuesTransformer", streamV3);
/** Not supported: {@link streamV3}. */
export const filterLifecycleEntries: NotSupported = notSupported("filterLifecycleEntries", streamV3);
/** Not supported: {@link streamV3}. */
export const filterSubgraphHandles: NotSupported = notSupported("filterSubgraphHandles", streamV3);
/** Not supported: {@link streamV3}. */
export const isCheckpointEnvelope: NotSupported = notSupported("isCheckpointEnvelope", streamV3);
/** Not supported: {@link streamV3}. */
export const isNativeTransformer: NotSupported = notSupported("isNativeTransformer", streamV3);
/** Not supported: {@link streamV3}. */
export const GraphCallbackHandler: NotSupported = notSupported("GraphCallbackHandler", streamV3);
/** Not supported: {@link internal}. */
export const COMMAND_SYMBOL: NotSupported = notSupported("COMMAND_SYMBOL", `${internal} Test for a Command with isCommand(value).`);
/** Not supported: {@link internal}. */
export const CommandInstance: NotSupported = notSupported("CommandInstance", `${internal} Build commands with new Command({ resume, update, goto }).`);
/** Not supported: {@link internal}. */
export const _markInvalidResume: NotSupported = notSupported("_markInvalidResume", internal);
/** Not supported: {@link internal}. */
export const getSubgraphsSeenSet: NotSupported = notSupported("getSubgraphsSeenSet", internal);
/** Not supported: {@link notThrown}. */
export const GraphBubbleUp: NotSupported = notSupported("GraphBubbleUp", `${notThrown} An interrupt is a GraphInterrupt (isGraphInterrupt).`);
/** Not supported: {@link notThrown}. */
export const GraphDrained: NotSupported = notSupported("GraphDrained", notThrown);
/** Not supported: {@link notThrown}. */
export const EmptyChannelError: NotSupported = notSupported("EmptyChannelError", notThrown);
/** Not supported: {@link notThrown}. */
export const MultipleSubgraphsError: NotSupported = notSupported("MultipleSubgraphsError", notThrown);
/** Not supported: {@link notThrown}. */
export const NodeError: NotSupported = notSupported("NodeError", notThrown);
/** Not supported: {@link notThrown}. */
export const NodeTimeoutError: NotSupported = notSupported("NodeTimeoutError", `${notThrown} Node timeouts are not supported yet.`);
/** Not supported: {@link notThrown}. */
export const RemoteException: NotSupported = notSupported("RemoteException", notThrown);
/** Not supported: {@link notThrown}. */
export const StateGraphInputError: NotSupported = notSupported("StateGraphInputError", `${notThrown} A bad state definition throws InvalidGraphError.`);
