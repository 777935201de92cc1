import type { RecordedEvent } from "../../store/event-store.js";
import { CorruptEventError } from "../../store/store-errors.js";
import { isThreadEventType } from "../runtime/is-thread-event.js";
import { defaultRunOptions } from "./encode-thread-event.js";
import type { PlannedTask, Routes, RunOptions, ThreadEvent } from "./events.js";

/** The parts of a stored event the upcaster reads (a {@link RecordedEvent}, or a line of a history file). */
export type StoredThreadEvent = Pick<RecordedEvent, "stream" | "revision" | "type" | "data" | "metadata">;

/**
 * The thread event a stored one holds, in today's in-memory shape, whatever format wrote it:
 * - format v1 (0.1.0): the data is the event object itself, `type` and `v: 1` included; it is
 *   returned as it is;
 * - format v2 (since 0.2, see encode-thread-event.ts): the data has no `type`; what v2 leaves
 *   out is put back from the store's type, stream, revision and metadata, and from the defaults.
 *
 * @throws {CorruptEventError} when the data is neither: not an event this version knows.
 */
export function upcastThreadEvent(stored: StoredThreadEvent): ThreadEvent {
  const data = stored.data as Record<string, unknown> | null;
  if (typeof data !== "object" || data === null || Array.isArray(data) || !isThreadEventType(stored.type)) throw notAnEvent(stored);
  if ("type" in data) {
    if (data["type"] !== stored.type || data["v"] !== 1) throw notAnEvent(stored);
    return data as unknown as ThreadEvent;
  }
  const runId = stored.metadata["runId"];
  // Fields in the order the decider writes them, the run id first.
  const event: Record<string, unknown> = runTypes.has(stored.type) && data["runId"] === undefined && typeof runId === "string" ? { type: stored.type, v: 1, runId, ...data } : { type: stored.type, v: 1, ...data };
  switch (stored.type) {
    case "ThreadCreated":
      if (event["threadId"] === undefined) event["threadId"] = threadIdOf(stored);
      if (event["reducerFirstWrite"] === undefined) event["reducerFirstWrite"] = "taken";
      else if (event["reducerFirstWrite"] === null) delete event["reducerFirstWrite"];
      break;
    case "RunStarted":
      if (isInput(event["input"])) event["input"] = { ...event["input"], routes: fullRoutes(event["input"].routes) };
      event["options"] = fullOptions(event["options"]);
      break;
    case "RunQueued":
      event["options"] = fullOptions(event["options"]);
      break;
    case "StepStarted":
      if (event["baseRevision"] === undefined) event["baseRevision"] = stored.revision - 1;
      if (Array.isArray(event["tasks"])) event["tasks"] = (event["tasks"] as PlannedTask[]).map(fullTask);
      break;
    case "TaskSucceeded":
      event["routes"] = fullRoutes(event["routes"]);
      break;
    case "StateUpdated":
      if (event["routes"] !== undefined) event["routes"] = fullRoutes(event["routes"]);
      break;
    case "InterruptResumed":
    case "RunSucceeded":
    case "RunFailed":
    case "RunCancelled":
    case "RunRolledBack":
    case "RunLeaseRenewed":
    case "TaskInterrupted":
    case "TaskFailed":
    case "StepCommitted":
    case "ThreadForked":
    case "BreakpointHit":
    case "ReplayWarningRaised":
    case "EffectRecorded":
      break;
  }
  return event as unknown as ThreadEvent;
}

/** The events that name their run (format v2 leaves the name out when the append's metadata has it). */
const runTypes: ReadonlySet<string> = new Set(["RunStarted", "RunQueued", "InterruptResumed", "RunSucceeded", "RunFailed", "RunCancelled", "RunRolledBack", "RunLeaseRenewed"]);

function threadIdOf(stored: StoredThreadEvent): string {
  return stored.stream.startsWith("thread-") ? stored.stream.slice("thread-".length) : stored.stream;
}

function isInput(input: unknown): input is { kind: "input"; routes?: unknown } {
  return typeof input === "object" && input !== null && (input as { kind?: unknown }).kind === "input";
}

function fullRoutes(routes: unknown): Routes {
  const given = (routes ?? {}) as Partial<Routes>;
  return { nodes: given.nodes ?? [], sends: given.sends ?? [], joins: given.joins ?? [] };
}

function fullOptions(options: unknown): RunOptions {
  return { ...defaultRunOptions, ...(options as Partial<RunOptions> | undefined) };
}

function fullTask(task: PlannedTask): PlannedTask {
  if (task.path !== undefined) return task;
  return "args" in task ? { id: task.id, node: task.node, path: `pull:${task.node}`, args: task.args } : { id: task.id, node: task.node, path: `pull:${task.node}` };
}

function notAnEvent(stored: StoredThreadEvent): CorruptEventError {
  return new CorruptEventError(stored.stream, stored.revision, `it is not a thread event this version knows (type '${stored.type}')`);
}
