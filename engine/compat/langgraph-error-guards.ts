import { UnknownInterruptError } from "../errors/resume-errors.js";
import { isGraphInterrupt } from "../runtime/interrupt.js";
import { isParentCommand } from "../runtime/parent-command.js";

/** True for an error that pauses or leaves a graph rather than failing it: here, an interrupt (LangGraph's `isGraphBubbleUp`). */
export function isGraphBubbleUp(error?: unknown): boolean {
  return isGraphInterrupt(error) || isParentCommand(error);
}

/** True for {@link UnknownInterruptError}: a resume whose interrupt id is not pending (LangGraph's `isUnknownInterruptError`). */
export function isUnknownInterruptError(error: unknown): error is UnknownInterruptError {
  return error instanceof UnknownInterruptError;
}

/**
 * LangGraph's guards for errors replaygraph never throws (`GraphDrained`, `NodeError`,
 * `NodeTimeoutError`, an answer refused by a `responseSchema`): always false, so
 * a `catch` block that asks still sees the error it caught.
 */
export function isGraphDrained(_error?: unknown): boolean {
  return false;
}

/** Always false: replaygraph never throws LangGraph's `NodeError` (see {@link isGraphDrained}). */
export function isNodeError(_error?: unknown): boolean {
  return false;
}

/** Always false: replaygraph has no node timeouts yet (see {@link isGraphDrained}). */
export function isNodeTimeoutError(_error?: unknown): boolean {
  return false;
}

/** Always false: `responseSchema` answers are not validated yet (see {@link isGraphDrained}). */
export function isInvalidResume(_error?: unknown): boolean {
  return false;
}
