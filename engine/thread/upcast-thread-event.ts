import type { RecordedEvent } from "../../store/event-store.js";
import { CorruptEventError } from "../../store/store-errors.js";
import { isThreadEventType } from "../runtime/is-thread-event.js";
import { defaultRunOptions, runTypes, stepTypes, taskTypes } from "./encode-thread-event.js";
import type { PlannedTask, Routes, RunOptions, ThreadEvent } from "./events.js";

/** The parts of a stored event the upcaster reads (a {@link RecordedEvent}, or a line of a history file). */
export type StoredThreadEvent = Pick<RecordedEvent, "stream" | "revision" | "type" | "data" | "metadata">;

/**
 * The thread event a stored one holds, in today's in-memory shape, whatever format wrote it:
 * - format v1 (0.1.0): the data is the event object itself, `type` and `v: 1` included; it is
 *   returned as it is;
 * - format v2 (since 0.2, see encode-thread-event.ts): the data has no `type`; what v2 leaves
 *   out is put back from the store's type, stream, revision and metadata (`runId`, `step`,
 *   `task`), and from the defaults.
 *
 * @throws {CorruptEventError} when the data is neither: not an event this version knows.
 */
export function upcastThreadEvent(stored: StoredThreadEvent): ThreadEvent {
  const data = stored.data as Record<string, unknown> | null;
  if (typeof data !== "object" || data === null || Array.isArray(data) || !isThreadEventType(stored.type)) throw notAnEvent(stored);
  if ("type" in data || "v" in data) {
    // Format v1; v2 data has neither (a later format marks itself another way).
    if (data["type"] !== stored.type || data["v"] !== 1) throw notAnEvent(stored);
    return data as unknown as ThreadEvent;
  }
  const { runId, step, task } = stored.metadata;
  // Fields in the order the decider writes them, the run id first.
  const event: Record<string, unknown> = { type: stored.type, v: 1 };
  if (runTypes.has(stored.type) && data["runId"] === undefined && typeof runId === "string") event["runId"] = runId;
  if (stepTypes.has(stored.type) && data["step"] === undefined && typeof step === "number") event["step"] = step;
  if (taskTypes.has(stored.type) && data["taskId"] === undefined && typeof task === "string") event["taskId"] = task;
  Object.assign(event, data);
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
      if (Array.isArray(event["tasks"])) event["tasks"] = (event["tasks"] as Partial<PlannedTask>[]).map((planned) => fullTask(planned, task));
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

function fullTask(planned: Partial<PlannedTask>, sharedTaskId: unknown): PlannedTask {
  const node = planned.node as string;
  const id = planned.id ?? (sharedTaskId as string);
  const path = planned.path ?? `pull:${node}`;
  return "args" in planned ? { id, node, path, args: planned.args } : { id, node, path };
}

function notAnEvent(stored: StoredThreadEvent): CorruptEventError {
  return new CorruptEventError(stored.stream, stored.revision, `it is not a thread event this version knows (type '${stored.type}')`);
}
