/**
 * replaygraph: LangGraph's programming model on an event-sourced thread actor.
 * Port a LangGraph JS graph by changing its imports to "replaygraph".
 */
export { Annotation, AnnotationRoot, type ChannelSpec, type StateDefinition, type StateOf, type UpdateOf } from "./graph/annotation.js";
export { Command, isCommand, type CommandParams } from "./graph/command.js";
export { END, INTERRUPT, START, WARNINGS } from "./graph/constants.js";
export type { GraphLimits, NodeConfig, RetryPolicy } from "./graph/graph-spec.js";
export { Send, isSend } from "./graph/send.js";
export { Overwrite, type OverwriteValue } from "./graph/overwrite.js";
export type { AddNodeOptions } from "./graph/state-graph-builder.js";
export { StateGraph } from "./runtime/state-graph.js";
export { CompiledStateGraph, type CompileOptions, type InvokeOutput } from "./runtime/compiled-state-graph.js";
export { interrupt, isGraphInterrupt, GraphInterrupt, type Interrupt } from "./runtime/interrupt.js";
export { effect } from "./runtime/effect.js";
export type { RunConfig } from "./runtime/run-config.js";
export type { StreamMode } from "./runtime/run-sink.js";
export type { StateSnapshot, SnapshotTask, CheckpointConfig, CheckpointMetadata } from "./thread/state-snapshot.js";
export type { ThreadEvent, ThreadEventType, ReplayWarningKind } from "./thread/events.js";
export type { ReplayWarning } from "./thread/task-outcome.js";
export type { ThreadStatus } from "./thread/lifecycle-machine.js";
export { snapshotStreamOf } from "./snapshot/snapshot-stream.js";

export { ReplayGraphError } from "./errors/replaygraph-error.js";
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
  GraphRecursionError,
  InterruptOutsideNodeError,
  InvalidConfigError,
  InvalidInputError,
  InvalidThreadIdError,
  InvalidUpdateError,
  MissingCheckpointerError,
  NonDeterminismError,
} from "./errors/run-errors.js";
export { NotSerializableError } from "./errors/not-serializable-error.js";
export { HistoryTooLongError, PayloadTooLargeError } from "./errors/limit-errors.js";
export { DuplicateEffectKeyError, EffectOutsideNodeError, InterruptInsideEffectError, InvalidEffectKeyError, ReplayWarningError } from "./errors/effect-errors.js";

export { MemoryEventStore, MemoryEventStore as MemorySaver } from "../store/memory/memory-event-store.js";
export { ForwardingEventStore } from "../store/forwarding-event-store.js";
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
export { CorruptEventError, EventTooLargeError, ExpectedRevisionConflictError, StoreUnavailableError } from "../store/store-errors.js";

export { createEngine, type Engine, type EngineOptions, type RunCreateOptions } from "./service/create-engine.js";
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
