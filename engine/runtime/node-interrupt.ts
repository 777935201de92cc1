import { InterruptOutsideNodeError } from "../errors/run-errors.js";
import { assertSerializable } from "../serialization/assert-serializable.js";
import { stableHash } from "../serialization/stable-hash.js";
import type { RaisedInterrupt } from "../thread/events.js";
import { interruptIdOf } from "../thread/ids.js";
import { GraphInterrupt } from "./interrupt.js";
import { currentTask } from "./task-context.js";

/**
 * Thrown from a node, pauses it with `value` as its interrupt payload, as LangGraph's
 * `NodeInterrupt` does. The node's writes are discarded. To let it pass, change the state it
 * checks (`updateState(config, values)`) and continue with `invoke(null, config)`: the node runs
 * again from its first line.
 *
 * Unlike LangGraph's, the interrupt has an id (rule 2). A `Command({ resume })` answers it, but
 * `throw` returns nothing: the answer goes to the node's next `interrupt()` call, by position.
 *
 * @deprecated As in LangGraph: call `interrupt(value)` instead, which returns the answer.
 * @example
 * const gate = (state: typeof State.State) => {
 *   if (!state.approved) throw new NodeInterrupt({ reason: "needs approval" });
 *   return { status: "sent" };
 * };
 */
export class NodeInterrupt extends GraphInterrupt {
  constructor(value: unknown, _fields?: unknown) {
    super([raiseInTask(value)]);
  }
}

function raiseInTask(value: unknown): RaisedInterrupt {
  const task = currentTask();
  if (!task) throw new InterruptOutsideNodeError();
  // As LangGraph's: unlike interrupt(), a NodeInterrupt needs no checkpointer; without one the run
  // pauses, returns it in __interrupt__, and nothing is kept to continue from.
  assertSerializable(value, `NodeInterrupt payload of node '${task.node}'`);
  // After every recorded answer: a NodeInterrupt never takes the place of an answered question.
  const index = Math.max(task.callIndex, task.answers.length);
  return { id: interruptIdOf(task.taskId, index), index, value, hash: stableHash(value) };
}
