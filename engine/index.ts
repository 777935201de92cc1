/**
 * replaygraph: LangGraph's programming model on an event-sourced thread actor.
 * Port a LangGraph JS graph by changing its imports to "replaygraph".
 */
export {
  Annotation,
  AnnotationRoot,
  type ChannelSpec,
  type StateDefinition,
  type StateOf,
  type UpdateOf,
  type StateOf as StateType,
  type UpdateOf as UpdateType,
} from "./graph/annotation.js";
export { withWritePreparer, type WriteContext, type WritePreparer } from "./graph/write-preparer.js";
export { MessagesAnnotation } from "./messages/messages-annotation.js";
export { MessagesZodMeta, MessagesZodState } from "./zod/messages-zod-state.js";
export { StateSchema } from "./state/langgraph-state-schema.js";
export { ReducedValue } from "./state/reduced-value.js";
export { MessagesValue } from "./state/messages-value.js";
export { getJsonSchemaFromSchema, getSchemaDefaultGetter, isSerializableSchema, isStandardSchema } from "./state/standard-schema.js";
export { REMOVE_ALL_MESSAGES, addMessages, messagesStateReducer, type Messages } from "./messages/messages-reducer.js";
export { Command, isCommand, type CommandParams } from "./graph/command.js";
export { END, INTERRUPT, START, WARNINGS } from "./graph/constants.js";
export { PULL, PUSH } from "./graph/constants.js";
export type { GraphLimits, NodeConfig, RetryPolicy } from "./graph/graph-spec.js";
export { Send, isSend } from "./graph/send.js";
export { Overwrite, type OverwriteValue } from "./graph/overwrite.js";
export type { AddNodeOptions } from "./graph/state-graph-builder.js";
export { StateGraph } from "./runtime/state-graph.js";
export { InMemoryCache, type CacheFullKey, type CacheLike } from "./cache/in-memory-cache.js";
export type { CachePolicy } from "./cache/cache-nodes.js";
export { Graph, type GraphNodeAction } from "./runtime/graph.js";
export { CompiledGraph } from "./runtime/compiled-graph.js";
export { CompiledStateGraph, type CompileOptions, type InvokeOutput } from "./runtime/compiled-state-graph.js";
export type { DrawableGraph, DrawableNode, DrawOptions } from "./graph/drawable-graph.js";
export { interrupt, isGraphInterrupt, isInterrupted, GraphInterrupt, type Interrupt, type InterruptOptions } from "./runtime/interrupt.js";
export { NodeInterrupt } from "./runtime/node-interrupt.js";
export { getConfig, getCurrentTaskInput, getWriter, writer } from "./runtime/node-context.js";
export type { LangGraphRunnableConfig } from "./runtime/langgraph-runnable-config.js";
export { effect } from "./runtime/effect.js";
export { entrypoint, Entrypoint, type EntrypointConfig, type EntrypointOptions, type EntrypointOutput } from "./func/entrypoint.js";
export type { EntrypointFinal } from "./func/entrypoint-final.js";
export { task, type TaskOptions } from "./func/task.js";
export { getPreviousState } from "./func/get-previous-state.js";
export { getStore } from "./runtime/get-store.js";
export type { RunConfig } from "./runtime/run-config.js";
export type { StreamMode } from "./runtime/run-sink.js";
export type { StreamEventsFilters, StreamEventsOptions } from "./streaming/stream-events.js";
export type { MessageTuple } from "./streaming/stream-messages-handler.js";
export type { StateSnapshot, SnapshotTask, CheckpointConfig, CheckpointMetadata } from "./thread/state-snapshot.js";
export type { ThreadEvent, ThreadEventType, ReplayWarningKind } from "./thread/events.js";
export type { ErrorRecord } from "./thread/events.js";
export { upcastThreadEvent, type StoredThreadEvent } from "./thread/upcast-thread-event.js";
export type { ReplayWarning } from "./thread/task-outcome.js";
export type { ThreadStatus } from "./thread/lifecycle-machine.js";
export { snapshotStreamOf } from "./snapshot/snapshot-stream.js";

export { ReplayGraphError, ReplayGraphError as BaseLangGraphError } from "./errors/replaygraph-error.js";
export { RunTimeoutError } from "./errors/run-timeout-error.js";
export { RunLeaseExpiredError } from "./errors/run-lease-expired-error.js";
export type { ErrorCategory, ErrorClass } from "./errors/error-category.js";
export type { Durability } from "./runtime/durability.js";
export { MissingPeerDependencyError } from "./errors/missing-peer-dependency-error.js";
export { NotSupportedError } from "./errors/not-supported-error.js";
export { InvalidGraphError, MissingEntryPointError, ReservedNameError, UnknownNodeError, UnreachableNodeError } from "./errors/graph-errors.js";
export {
  AmbiguousResumeError,
  InvalidResumeError,
  NoPendingInterruptError,
  StaleCheckpointError,
  ThreadNotFoundError,
  UnknownCheckpointError,
  UnknownInterruptError,
  UpdateWhileInterruptedError,
  type PendingInterruptSummary,
} from "./errors/resume-errors.js";
export {
  ConcurrentWriteError,
  EmptyInputError,
  GraphRecursionError,
  GraphValueError,
  InterruptOutsideNodeError,
  InvalidConfigError,
  InvalidInputError,
  InvalidThreadIdError,
  InvalidUpdateError,
  MissingCheckpointerError,
  NonDeterminismError,
  OutsideNodeError,
} from "./errors/run-errors.js";
export { NotSerializableError } from "./errors/not-serializable-error.js";
export { HistoryTooLongError, PayloadTooLargeError } from "./errors/limit-errors.js";
export { GeneratorNotAllowedError, TaskOutsideEntrypointError, TaskResultChangedError } from "./errors/func-errors.js";
export { StoreOutsideNodeError } from "./errors/store-outside-node-error.js";
export {
  DuplicateEffectKeyError,
  EffectOutsideNodeError,
  InterruptInsideEffectError,
  InvalidEffectKeyError,
  ReplayWarningError,
} from "./errors/effect-errors.js";

export { MemoryEventStore } from "../store/memory/memory-event-store.js";
export { MemorySaver } from "./runtime/memory-saver.js";
export type { Checkpoint, CheckpointListOptions, CheckpointTuple, CheckpointTupleMetadata, PendingWrite } from "./runtime/checkpoint-tuples.js";
export { ForwardingEventStore } from "../store/forwarding-event-store.js";
export { InMemoryStore, type InMemoryStoreOptions } from "../store/long-term/in-memory-store.js";
export {
  BaseStore,
  type GetOperation,
  type Item,
  type ListNamespacesOperation,
  type ListNamespacesOptions,
  type MatchCondition,
  type Operation,
  type OperationResults,
  type PutOperation,
  type SearchItem,
  type SearchOperation,
  type SearchOptions,
  type StoreLike,
} from "../store/long-term/base-store.js";
export { InvalidNamespaceError } from "../store/long-term/invalid-namespace-error.js";
export { InvalidIndexConfigError } from "../store/long-term/invalid-index-config-error.js";
export type { EmbeddingsLike, IndexConfig } from "../store/long-term/index-config.js";
export type {
  EventStore,
  ExpectedRevision,
  NewEvent,
  RecordedEvent,
  AppendToStreamOptions,
  AppendToStreamResult,
  ReadStreamOptions,
  ReadStreamResult,
  ListStreamsOptions,
  ListStreamsResult,
} from "../store/event-store.js";
export {
  CorruptEventError,
  EventTooLargeError,
  ExpectedRevisionConflictError,
  LangChainCoreMissingError,
  StoreUnavailableError,
  UnreadableLangChainValueError,
} from "../store/store-errors.js";

export { createEngine, type Engine, type EngineOptions, type RunCreateOptions } from "./service/create-engine.js";
export type { EngineThreads } from "./service/engine-threads.js";
export type { EngineRuns } from "./service/engine-runs.js";
export type { ThreadView, RunView } from "./service/engine-views.js";
export type { RunChunk } from "./service/run-broadcaster.js";
export type { RunStatus } from "./thread/run-records.js";
export type { MultitaskStrategy } from "./thread/events.js";
export { RunCancelledError, RunNotFoundError, ThreadAlreadyExistsError, ThreadBusyError, UnknownGraphError } from "./errors/service-errors.js";

export { history, readThreadHistory, type HistoryEntry, type HistoryOptions } from "./audit/history.js";
export { stateAt, type StateAtOptions, type StateAtRevision, type ReplayableGraph } from "./audit/state-at.js";
export { exportHistory, type ExportHistoryOptions, type ExportHistoryResult } from "./audit/export-history.js";
export { importHistory, type ImportHistoryOptions, type ImportHistoryResult } from "./audit/import-history.js";
export { historyFileFormat, historyFileVersion, type HistoryFileHeader } from "./audit/history-file-format.js";
export { RevisionOutOfRangeError, UnknownThreadError, UnrecordedEffectError } from "./errors/audit-errors.js";
export { verify, type Divergence, type VerifyOptions, type VerifyResult, type VerifiableGraph } from "./audit/verify-thread.js";
export { structuralDiff, type DiffEntry } from "./audit/structural-diff.js";
export { ImportTargetExistsError, InvalidExportError, TruncatedExportError } from "./errors/export-errors.js";

// LangGraph's other exports (LANGGRAPH-NAMES.md lists each): guards, and names that throw NotSupportedError when used.
export { isGraphBubbleUp, isGraphDrained, isInvalidResume, isNodeError, isNodeTimeoutError, isUnknownInterruptError } from "./compat/langgraph-error-guards.js";
export { ParentCommand, isParentCommand } from "./runtime/parent-command.js";
export {
  AsyncBatchedStore,
  BaseChannel,
  BaseCheckpointSaver,
  BinaryOperatorAggregate,
  COMMAND_SYMBOL,
  ChatModelStreamImpl,
  CommandInstance,
  DeltaChannel,
  DeltaValue,
  EmptyChannelError,
  EventLog,
  GraphBubbleUp,
  GraphCallbackHandler,
  GraphDrained,
  GraphRunStream,
  MessageGraph,
  MessagesDeltaValue,
  MultipleSubgraphsError,
  NodeError,
  NodeTimeoutError,
  RemoteException,
  RunControl,
  STREAM_EVENTS_V3_MODES,
  StateGraphInputError,
  StreamChannel,
  SubgraphRunStream,
  UntrackedValue,
  UntrackedValueChannel,
  _markInvalidResume,
  convertToProtocolEvent,
  copyCheckpoint,
  createGraphRunStream,
  createLifecycleTransformer,
  createMessagesTransformer,
  createSubgraphDiscoveryTransformer,
  createValuesTransformer,
  emptyCheckpoint,
  filterLifecycleEntries,
  filterSubgraphHandles,
  getSubgraphsSeenSet,
  isCheckpointEnvelope,
  isNativeTransformer,
  messagesDeltaReducer,
} from "./compat/langgraph-stubs.js";
export { pushMessage, type PushMessageOptions } from "./messages/push-message.js";
export type { WorkerOptions } from "./service/run-worker.js";
export { isStreamWatch, type StreamWatch, type StreamChangeListener, type StopWatching } from "../store/stream-watch.js";
