import { InterruptOutsideNodeError, MissingCheckpointerError, NonDeterminismError } from "../errors/run-errors.js";
import { assertSerializable } from "../serialization/assert-serializable.js";
import { stableHash } from "../serialization/stable-hash.js";
import type { RaisedInterrupt } from "../thread/events.js";
import { interruptIdOf } from "../thread/ids.js";
import { currentTask, effectRunningHere } from "./task-context.js";
import { InterruptInsideEffectError } from "../errors/effect-errors.js";
import { closeReplayWindow } from "./replay-window.js";
import { INTERRUPT } from "../graph/constants.js";

/** An interrupt as callers see it in `__interrupt__` and `getState().tasks[i].interrupts`. */
export interface Interrupt<TValue = unknown> {
  readonly id: string;
  readonly value: TValue;
}

/**
 * The signal that stops a node at `interrupt()`. It is not an error: the engine records the task
 * as interrupted. Never catch it; if node code does, the engine still records the interrupt and
 * raises a warning.
 */
export class GraphInterrupt extends Error {
  override readonly name = "GraphInterrupt";
  readonly interrupts: readonly RaisedInterrupt[];

  constructor(interrupts: readonly RaisedInterrupt[]) {
    // Control flow, not a failure: its stack is never read, and capturing one cost more than the
    // rest of raising an interrupt (about 5% of an interrupt-and-resume round trip).
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(
      JSON.stringify(
        interrupts.map(({ id, value }) => ({ id, value })),
        null,
        2,
      ),
    );
    Error.stackTraceLimit = stackTraceLimit;
    this.interrupts = interrupts;
  }
}

/** True for the signal `interrupt()` throws. */
export function isGraphInterrupt(error: unknown): error is GraphInterrupt {
  return error instanceof GraphInterrupt || (error instanceof Error && error.name === "GraphInterrupt" && "interrupts" in error);
}

/**
 * The options of `interrupt()`, in LangGraph's shape. `responseSchema` (LangGraph 1.7: a schema
 * the answer is validated against) is accepted and not used yet: validate the answer in the node.
 */
export interface InterruptOptions {
  readonly responseSchema?: unknown;
}

/**
 * Pauses the thread here and surfaces `value` to the caller (under `__interrupt__`). When the
 * thread is resumed with `new Command({ resume: answer })`, the node runs again from its first
 * line and this call returns `answer`. The k-th call in a node gets the k-th answer.
 * Type parameters in LangGraph's order: the payload's type, then the answer's.
 *
 * @example
 * const approve = async (state: typeof State.State) => {
 *   const ok = interrupt<{ question: string; draft: string }, boolean>({ question: "Send this email?", draft: state.draft });
 *   return ok ? { status: "approved" } : { status: "rejected" };
 * };
 */
export function interrupt<TValue = unknown, TAnswer = any>(value: TValue, options?: InterruptOptions): TAnswer {
  const task = currentTask();
  if (!task) throw new InterruptOutsideNodeError();
  if (!task.durable) throw new MissingCheckpointerError();
  const effectKey = effectRunningHere();
  if (effectKey !== undefined) throw new InterruptInsideEffectError(task.node, effectKey);
  assertSerializable(value, `interrupt payload of node '${task.node}'`);
  const index = task.callIndex++;
  const hash = stableHash(value);
  if (index < task.answers.length) {
    const recorded = task.raised[index];
    if (recorded && recorded.hash !== hash) {
      const detail = `the payload of interrupt() call #${index} differs from the recorded one, so its recorded answer may belong to another question`;
      task.warnings.push({ kind: "interrupt-sequence-changed", node: task.node, taskId: task.taskId, index, detail });
      if (task.strict) {
        task.nonDeterminism ??= new NonDeterminismError(task.node, index, detail);
        throw task.nonDeterminism;
      }
    }
    // The code before this answered call already ran once: what it did again is now known.
    if (index === task.replayWindow?.untilIndex) closeReplayWindow(task);
    return task.answers[index] as TAnswer;
  }
  // An earlier call of this execution paused and node code swallowed the signal: the task stays
  // paused there, so the answer to that question reaches that call by position (rules 4, 13).
  if (task.raisedNow) throw new GraphInterrupt(task.raisedNow);
  const raised: RaisedInterrupt = { id: interruptIdOf(task.taskId, index), index, value, hash };
  task.raisedNow = [raised];
  throw new GraphInterrupt([raised]);
}

/**
 * True when an `invoke()` result (or a stream chunk) carries `__interrupt__`: the thread waits,
 * on `interrupt()` calls or at a static breakpoint (an empty list), as LangGraph's `isInterrupted`.
 *
 * @example
 * const result = await graph.invoke(input, config);
 * if (isInterrupted<{ question: string }>(result)) console.log(result.__interrupt__[0]?.value.question);
 */
export function isInterrupted<TValue = unknown>(values: unknown): values is { [INTERRUPT]: Interrupt<TValue>[] } {
  return typeof values === "object" && values !== null && INTERRUPT in values && Array.isArray((values as Record<string, unknown>)[INTERRUPT]);
}
