import { currentTask } from "../runtime/task-context.js";
import { scopeOf } from "./task-scope.js";

/**
 * The value the thread's previous run of the entrypoint saved: what it returned, or the `save`
 * of its `entrypoint.final()`. Undefined on a thread's first run (and outside an entrypoint).
 *
 * @example
 * const chat = entrypoint({ name: "chat", checkpointer }, async (message: string) => {
 *   const history = getPreviousState<string[]>() ?? [];
 *   return [...history, message];
 * });
 */
export function getPreviousState<TState>(): TState {
  const context = currentTask();
  return (context ? scopeOf(scopeOf(context).root).previous : undefined) as TState;
}
