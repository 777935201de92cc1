import { isPromiseLike } from "./is-promise-like.js";
import { NodeInterrupt } from "./node-interrupt.js";
import { runAsTask, type TaskContext } from "./task-context.js";

/** LangGraph's warning, word for word, for a `NodeInterrupt` thrown in a conditional edge. */
export const edgeInterruptWarning =
  "[WARN]: 'NodeInterrupt' thrown in conditional edge. This is likely a bug in your graph implementation.\n" +
  "NodeInterrupt should only be thrown inside a node, not in edge conditions.";

/**
 * Computes a task's routes in its task's context, as LangGraph runs a node's conditional edges
 * as part of its task: a `NodeInterrupt` an edge throws pauses the node (its writes discarded, it
 * runs again on `invoke(null)`), with LangGraph's console warning.
 */
export function routesInTask<T>(context: TaskContext, compute: () => T | Promise<T>): T | Promise<T> {
  try {
    const routes = runAsTask(context, compute);
    return isPromiseLike(routes) ? Promise.resolve(routes).catch(warnOfEdgeInterrupt) : routes;
  } catch (error) {
    return warnOfEdgeInterrupt(error);
  }
}

function warnOfEdgeInterrupt(error: unknown): never {
  if (error instanceof NodeInterrupt) console.warn(edgeInterruptWarning);
  throw error;
}
