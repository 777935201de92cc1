import type { EventStore, RecordedEvent } from "../../store/event-store.js";
import { UnknownThreadError } from "../errors/audit-errors.js";
import { InvalidInputError, MissingCheckpointerError } from "../errors/run-errors.js";
import type { ThreadEvent, ThreadEventType } from "../thread/events.js";
import { streamNameOf } from "../thread/ids.js";
import { upcastThreadEvent } from "../thread/upcast-thread-event.js";

/** One event of a thread's history, with where it sits: revision, time, run, step, node. */
export interface HistoryEntry {
  readonly threadId: string;
  /** The event's position in the thread's stream, from 0. */
  readonly revision: number;
  /** The event's id in the store (a UUID). */
  readonly id: string;
  readonly type: ThreadEventType;
  readonly event: ThreadEvent;
  /** When the engine wrote the event (its clock), or when the store recorded it. */
  readonly at: Date;
  /** When the store recorded the event. */
  readonly recordedAt: Date;
  /** The run the event belongs to, when it belongs to one. */
  readonly runId: string | undefined;
  /** The step (superstep) the event belongs to, when it belongs to one. */
  readonly step: number | undefined;
  /** The node whose task the event is about (for an answer: the one node it resumes). */
  readonly node: string | undefined;
  /** The task the event is about, when it is about one. */
  readonly taskId: string | undefined;
}

/** Which part of a history to read. */
export interface HistoryOptions {
  /** The first revision to return (inclusive). Defaults to 0. */
  readonly fromRevision?: number;
  /** The last revision to return (inclusive). Defaults to the end of the stream. */
  readonly toRevision?: number;
  /** Only events of these types (the others are still read, to know each entry's step and node). */
  readonly types?: readonly ThreadEventType[];
  /** Events read from the store at a time. Defaults to 1000. */
  readonly pageSize?: number;
}

/**
 * A thread's history as typed entries, oldest first, read page by page: a history of any length
 * streams in bounded memory. Throws {@link UnknownThreadError} when the thread has no events.
 *
 * @example
 * for await (const entry of history(graph, "thread-42", { types: ["TaskInterrupted", "InterruptResumed"] })) {
 *   console.log(entry.revision, entry.at.toISOString(), entry.node, entry.type);
 * }
 */
export function history(
  graph: { readonly checkpointer: EventStore | undefined },
  threadId: string,
  options: HistoryOptions = {},
): AsyncIterableIterator<HistoryEntry> {
  if (!graph.checkpointer) throw new MissingCheckpointerError("history()");
  return readThreadHistory(graph.checkpointer, threadId, options);
}

/**
 * {@link history} straight from a store, without the graph: a thread's events need no graph code
 * to be read (rebuilding its state does; see `stateAt`).
 */
export async function* readThreadHistory(store: EventStore, threadId: string, options: HistoryOptions = {}): AsyncIterableIterator<HistoryEntry> {
  const stream = streamNameOf(threadId);
  const pageSize = assertRevision(options.pageSize ?? 1000, "pageSize", 1);
  const fromRevision = assertRevision(options.fromRevision ?? 0, "fromRevision", 0);
  const toRevision = options.toRevision === undefined ? Number.MAX_SAFE_INTEGER : assertRevision(options.toRevision, "toRevision", 0);
  const types = options.types ? new Set<string>(options.types) : undefined;
  const head = await store.readStream(stream, { direction: "backwards", maxCount: 1 });
  if (!head.streamExists) throw new UnknownThreadError(threadId);
  const tasks = await openStepBefore(store, stream, fromRevision, pageSize);
  for (let next = fromRevision; next <= toRevision;) {
    const { events } = await store.readStream(stream, { fromRevision: next, maxCount: Math.min(pageSize, toRevision - next + 1) });
    for (const recorded of events) {
      const entry = entryOf(threadId, recorded, tasks);
      if (!types || types.has(entry.type)) yield entry;
    }
    if (events.length === 0) return;
    next = events[events.length - 1]!.revision + 1;
  }
}

/** What the open step's tasks are: task id to node, kept across pages. */
interface StepContext {
  step: number | undefined;
  readonly nodes: Map<string, string>;
}

/** The step open at `revision` (its StepStarted may be far back when the thread waited long on a human). */
async function openStepBefore(store: EventStore, stream: string, revision: number, pageSize: number): Promise<StepContext> {
  const context: StepContext = { step: undefined, nodes: new Map() };
  for (let before = revision - 1; before >= 0;) {
    const { events } = await store.readStream(stream, { direction: "backwards", fromRevision: before, maxCount: pageSize });
    const started = events.find((recorded) => recorded.type === "StepStarted");
    if (started) {
      entryOf("", started, context);
      return context;
    }
    if (events.length === 0) break;
    before = events[events.length - 1]!.revision - 1;
  }
  return context;
}

function entryOf(threadId: string, recorded: RecordedEvent, context: StepContext): HistoryEntry {
  const event = upcastThreadEvent(recorded);
  const at = typeof recorded.metadata["at"] === "number" ? new Date(recorded.metadata["at"]) : recorded.recordedAt;
  const metadataRunId = typeof recorded.metadata["runId"] === "string" ? recorded.metadata["runId"] : undefined;
  const where = whereOf(event, context);
  return {
    threadId,
    revision: recorded.revision,
    id: recorded.id,
    type: event.type,
    event,
    at,
    recordedAt: recorded.recordedAt,
    runId: ("runId" in event ? event.runId : undefined) ?? metadataRunId,
    step: where.step,
    node: where.node,
    taskId: where.taskId,
  };
}

/** The step, node and task an event is about; StepStarted opens a new step context. */
function whereOf(event: ThreadEvent, context: StepContext): { step?: number; node?: string; taskId?: string } {
  switch (event.type) {
    case "StepStarted":
      context.step = event.step;
      context.nodes.clear();
      for (const task of event.tasks) context.nodes.set(task.id, task.node);
      return { step: event.step, ...(event.tasks.length === 1 ? { node: event.tasks[0]!.node, taskId: event.tasks[0]!.id } : {}) };
    case "TaskSucceeded":
    case "TaskInterrupted":
    case "TaskFailed":
      return withNode({ step: event.step, taskId: event.taskId }, context.nodes.get(event.taskId));
    case "ReplayWarningRaised":
    case "EffectRecorded":
      return { ...(context.step !== undefined ? { step: context.step } : {}), node: event.node, taskId: event.taskId };
    case "InterruptResumed": {
      const taskIds = [...new Set(event.answers.map((answer) => answer.taskId))];
      const single = taskIds.length === 1 ? taskIds[0]! : undefined;
      return withNode(
        { ...(context.step !== undefined ? { step: context.step } : {}), ...(single ? { taskId: single } : {}) },
        single === undefined ? undefined : context.nodes.get(single),
      );
    }
    case "StepCommitted":
    case "BreakpointHit":
      return { step: event.step };
    case "ThreadCreated":
    case "RunStarted":
    case "StateUpdated":
    case "ThreadForked":
    case "RunSucceeded":
    case "RunFailed":
    case "RunQueued":
    case "RunCancelled":
    case "RunRolledBack":
    case "RunLeaseRenewed":
      return event.type === "StateUpdated" && event.asNode !== undefined ? { node: event.asNode } : {};
  }
}

function withNode<TWhere extends object>(where: TWhere, node: string | undefined): TWhere & { node?: string } {
  return node ? { ...where, node } : where;
}

function assertRevision(value: number, name: string, minimum: number): number {
  if (!Number.isSafeInteger(value) || value < minimum)
    throw new InvalidInputError(`history() option ${name} must be an integer >= ${minimum}; got ${String(value)}.`);
  return value;
}
