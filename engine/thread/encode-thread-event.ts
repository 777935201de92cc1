import type { PlannedTask, Routes, RunOptions, ThreadEvent } from "./events.js";

/**
 * What the store already knows of an event when it is appended: its thread, its revision, and
 * the run its append's metadata names. Format v2 leaves these out of the event's data.
 */
export interface ThreadEventContext {
  readonly threadId: string;
  readonly revision: number;
  /** The `runId` of the append's metadata (absent: the append names no run). */
  readonly runId: string | undefined;
  /** The `step` of the append's metadata, when it has one. */
  readonly step?: unknown;
  /** The `task` (a task id) of the append's metadata, when it has one. */
  readonly task?: unknown;
}

/** The events that name their run (format v2 leaves the name out when the append's metadata has it). */
export const runTypes: ReadonlySet<string> = new Set([
  "RunStarted",
  "RunQueued",
  "InterruptResumed",
  "RunSucceeded",
  "RunFailed",
  "RunCancelled",
  "RunRolledBack",
  "RunLeaseRenewed",
]);
/** The events that name their step, and their task (left out when the append's metadata has them as `step` and `task`). */
export const stepTypes: ReadonlySet<string> = new Set(["StepStarted", "TaskSucceeded", "TaskInterrupted", "TaskFailed", "StepCommitted", "BreakpointHit"]);
export const taskTypes: ReadonlySet<string> = new Set(["TaskSucceeded", "TaskInterrupted", "TaskFailed", "ReplayWarningRaised", "EffectRecorded"]);

/** The run options a run takes when its caller and graph set none (what format v2 leaves out). */
export const defaultRunOptions: RunOptions = { recursionLimit: 25, interruptBefore: [], interruptAfter: [], strict: false, warningsAsErrors: false };

/**
 * Encodes a thread event in format v2, the stored form since 0.2 (format v1, 0.1.0's, stored the
 * event object as it is in memory). Stored data leaves out what is known without it:
 * - the event's `type` and `v` (the store keeps the type beside the data);
 * - a `runId`, `step` or `taskId` equal to the append metadata's (`runId`, `step`, `task`; see
 *   encodeThreadEvents), a planned task's `id` equal to the metadata's `task`, and the thread id
 *   of `ThreadCreated` (the stream's);
 * - run options at their defaults, empty `routes` lists (a task's routes when all are empty), a `StepStarted.baseRevision` that is
 *   the revision just before the event, a pull task's `path` (`pull:<node>`);
 * - `ThreadCreated.reducerFirstWrite: "taken"` (every thread since 0.2; a 0.1.0 thread's rule,
 *   absent in memory, is stored as `null`).
 *
 * `upcastThreadEvent` (upcast-thread-event.ts) reads both formats back to the same event.
 */
export function encodeThreadEvent(event: ThreadEvent, context: ThreadEventContext): Record<string, unknown> {
  const { type: _type, v: _v, ...rest } = event;
  const data: Record<string, unknown> = rest;
  if (runTypes.has(event.type) && data["runId"] === context.runId) delete data["runId"];
  if (stepTypes.has(event.type) && data["step"] === context.step) delete data["step"];
  if (taskTypes.has(event.type) && data["taskId"] === context.task) delete data["taskId"];
  switch (event.type) {
    case "ThreadCreated":
      if (event.threadId === context.threadId) delete data["threadId"];
      if (event.reducerFirstWrite === "taken") delete data["reducerFirstWrite"];
      else data["reducerFirstWrite"] = null;
      return data;
    case "RunStarted":
      if (event.input.kind === "input") data["input"] = { ...event.input, routes: compactRoutes(event.input.routes) };
      return withCompactOptions(data, event.options);
    case "RunQueued":
      return withCompactOptions(data, event.options);
    case "StepStarted":
      if (event.baseRevision === context.revision - 1) delete data["baseRevision"];
      data["tasks"] = event.tasks.map((task) => compactTask(task, context.task));
      return data;
    case "TaskSucceeded":
      if (event.routes.nodes.length + event.routes.sends.length + event.routes.joins.length === 0) delete data["routes"];
      else data["routes"] = compactRoutes(event.routes);
      return data;
    case "StateUpdated":
      if (event.routes !== undefined) data["routes"] = compactRoutes(event.routes);
      return data;
    case "TaskInterrupted":
    case "TaskFailed":
    case "StepCommitted":
    case "InterruptResumed":
    case "ThreadForked":
    case "BreakpointHit":
    case "ReplayWarningRaised":
    case "EffectRecorded":
    case "RunSucceeded":
    case "RunFailed":
    case "RunCancelled":
    case "RunRolledBack":
    case "RunLeaseRenewed":
      return data;
  }
}

function withCompactOptions(data: Record<string, unknown>, options: RunOptions): Record<string, unknown> {
  const compact: Record<string, unknown> = {};
  if (options.recursionLimit !== defaultRunOptions.recursionLimit) compact["recursionLimit"] = options.recursionLimit;
  if (options.interruptBefore === "*" || options.interruptBefore.length > 0) compact["interruptBefore"] = options.interruptBefore;
  if (options.interruptAfter === "*" || options.interruptAfter.length > 0) compact["interruptAfter"] = options.interruptAfter;
  if (options.strict) compact["strict"] = true;
  if (options.warningsAsErrors === true) compact["warningsAsErrors"] = true;
  if (options.durability !== undefined) compact["durability"] = options.durability;
  if (options.streams !== undefined) compact["streams"] = options.streams;
  if (Object.keys(compact).length === 0) delete data["options"];
  else data["options"] = compact;
  return data;
}

function compactRoutes(routes: Routes): Partial<Routes> {
  const compact: { nodes?: Routes["nodes"]; sends?: Routes["sends"]; joins?: Routes["joins"] } = {};
  if (routes.nodes.length > 0) compact.nodes = routes.nodes;
  if (routes.sends.length > 0) compact.sends = routes.sends;
  if (routes.joins.length > 0) compact.joins = routes.joins;
  return compact;
}

function compactTask(task: PlannedTask, sharedTaskId: unknown): Partial<PlannedTask> {
  const compact: { id?: string; node: string; path?: string; args?: unknown } = { node: task.node };
  if (task.id !== sharedTaskId) compact.id = task.id;
  if (task.path !== `pull:${task.node}`) compact.path = task.path;
  if ("args" in task) compact.args = task.args;
  return compact;
}
