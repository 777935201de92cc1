import { EffectOutsideNodeError, DuplicateEffectKeyError, InvalidEffectKeyError } from "../errors/effect-errors.js";
import { assertSerializable } from "../serialization/assert-serializable.js";
import { roundTrip } from "../serialization/round-trip.js";
import { currentTask, outsideIoWatch } from "./task-context.js";

/**
 * Journals a side effect of a node. The first execution of the task runs `fn` and appends its
 * result to the thread (`EffectRecorded`); every re-execution of that task (for a resume, a
 * retry, or after a crash) returns the recorded result without running `fn`. `key` names the
 * effect within the node; a key used twice in one execution is refused.
 *
 * The result must survive a superjson round trip; callers always get the round-tripped value, so
 * the first execution and a replay see the same thing.
 *
 * @example
 * const nodeA = async (state: typeof State.State) => {
 *   const auditId = await effect("create-audit-log", () => db.createAuditLog({ userId: state.userId }));
 *   const approved = interrupt("Approve this change?");   // the audit log is created once
 *   return { approved, auditId };
 * };
 */
export async function effect<T>(key: string, fn: () => T | Promise<T>): Promise<T> {
  const task = currentTask();
  if (!task) throw new EffectOutsideNodeError();
  if (typeof key !== "string" || key.length === 0) throw new InvalidEffectKeyError(task.node, key);
  if (task.effectKeys.has(key)) throw new DuplicateEffectKeyError(task.node, key);
  task.effectKeys.add(key);
  if (task.effects.has(key)) return task.effects.get(key) as T;
  if (task.durable) await outsideIoWatch(() => task.beforeEffect());
  const result = await outsideIoWatch(fn, key);
  if (!task.durable) return result;
  assertSerializable(result, `the result of effect '${key}' in node '${task.node}'`);
  const recorded = await outsideIoWatch(() => task.recordEffect(key, roundTrip(result)));
  task.effects.set(key, recorded);
  return recorded as T;
}
