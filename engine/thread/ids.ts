import { hexDigest as hex } from "../serialization/hex-digest.js";
import type { WritePreparer } from "../graph/write-preparer.js";

function uuidFromHex(h: string, version: string): string {
  const variant = ((Number.parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${version}${h.slice(13, 16)}-${variant}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/**
 * The id a {@link WritePreparer} gives the `index`-th thing it names in a write to `channel`,
 * recorded by `scope` (a task id, `<run id>/input`): UUID-shaped (version 5 layout), the same for
 * the same scope and position.
 */
export function writeIdOf(scope: string, channel: string, index: number): string {
  return uuidFromHex(hex("sha1", `${scope}\u0000${channel}\u0000${index}`), "5");
}

/** The event stream that holds a thread. */
export function streamNameOf(threadId: string): string {
  return `thread-${threadId}`;
}

/**
 * A task's id: deterministic from the thread, the checkpoint the step was planned from, the step
 * and the task's path, so re-planning the same step gives the same id and a new visit (a new
 * checkpoint) gives a new one.
 */
export function taskIdOf(threadId: string, baseRevision: number, step: number, path: string): string {
  return uuidFromHex(hex("sha1", `${threadId}\u0000${baseRevision}\u0000${step}\u0000${path}`), "5");
}

/**
 * The id of the `index`-th `interrupt()` call of a task: 32 lowercase hex characters (the shape
 * LangGraph clients use to tell a resume map from a value), the same on every re-execution.
 */
export function interruptIdOf(taskId: string, index: number): string {
  return hex("sha256", `${taskId}|${index}`).slice(0, 32);
}

/** True for a string shaped like an interrupt id. */
export function isInterruptId(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value);
}

/**
 * A checkpoint's id: UUID-shaped, unique per thread and revision, and ordered like revisions
 * when compared as strings within one thread.
 */
export function checkpointIdOf(threadId: string, revision: number): string {
  return `${checkpointIdPrefixOf(threadId)}${revision.toString(16).padStart(12, "0")}`;
}

/**
 * The id of the input checkpoint a run's new input opens (LangGraph's step −1 checkpoint, whose
 * `__start__` task writes the input): the id of the checkpoint after that input, in another UUID
 * variant digit, so the two never collide. It sorts apart from the others as a string; compare
 * checkpoint ids with {@link checkpointOrderOf}.
 */
export function inputCheckpointIdOf(threadId: string, revision: number): string {
  const id = checkpointIdOf(threadId, revision);
  return `${id.slice(0, 19)}9${id.slice(20)}`;
}

/** True for the id of an input checkpoint (see {@link inputCheckpointIdOf}): never a thread's head. */
export function isInputCheckpointId(threadId: string, checkpointId: string): boolean {
  const revision = revisionOfCheckpointId(threadId, checkpointId);
  return revision !== undefined && checkpointId === inputCheckpointIdOf(threadId, revision);
}

/** Where a checkpoint id sits in its thread's history: its revision, the input checkpoint just before the one after it. */
export function checkpointOrderOf(threadId: string, checkpointId: string): number | undefined {
  const revision = revisionOfCheckpointId(threadId, checkpointId);
  if (revision === undefined) return undefined;
  return checkpointId === checkpointIdOf(threadId, revision) ? revision : revision - 0.5;
}

/** The last thread's checkpoint id prefix: a run asks for the same thread's ids many times in a row. */
let lastPrefix = { threadId: "", prefix: "" };

function checkpointIdPrefixOf(threadId: string): string {
  if (lastPrefix.threadId === threadId && lastPrefix.prefix !== "") return lastPrefix.prefix;
  const hash = hex("sha1", threadId);
  const prefix = `${hash.slice(0, 8)}-${hash.slice(8, 12)}-6${hash.slice(13, 16)}-8${hash.slice(17, 20)}-`;
  lastPrefix = { threadId, prefix };
  return prefix;
}

/**
 * The revision a checkpoint id names, or undefined when it is not one of this thread's ids. An
 * input checkpoint's id names the revision of the input event: a run or fork from it starts from
 * the state with that input applied.
 */
export function revisionOfCheckpointId(threadId: string, checkpointId: string): number | undefined {
  const match = /^[0-9a-f-]{23}-([0-9a-f]{12})$/.exec(checkpointId);
  if (!match) return undefined;
  const revision = Number.parseInt(match[1]!, 16);
  return checkpointIdOf(threadId, revision) === checkpointId || inputCheckpointIdOf(threadId, revision) === checkpointId ? revision : undefined;
}

/** The thread that holds the `callIndex`-th subgraph run of a task. */
export function childThreadIdOf(parentThreadId: string, node: string, taskId: string, callIndex: number): string {
  return `${parentThreadId}/${node}.${taskId.slice(0, 8)}/${callIndex}`;
}

/** The canonical path of a task: PULL tasks (triggered by edges) by node, then PUSH tasks (Sends) by index. */
export function pullPathOf(node: string): string {
  return `pull:${node}`;
}

export function pushPathOf(index: number): string {
  return `push:${String(index).padStart(6, "0")}`;
}
