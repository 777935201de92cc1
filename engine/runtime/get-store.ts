import type { BaseStore } from "../../store/long-term/base-store.js";
import type { NodeConfig } from "../graph/graph-spec.js";
import { StoreOutsideNodeError } from "../errors/store-outside-node-error.js";
import { currentTask } from "./task-context.js";

/**
 * The long-term memory store of the running node (LangGraph's `getStore`): `config.store` of the
 * given config, or, without one, of the node running here (found through async local storage, at
 * any depth of its calls). Undefined when the graph has no store.
 *
 * @throws {StoreOutsideNodeError} when called without a config outside a running node.
 * @example
 * async function remember(text: string) {
 *   await getStore()!.put(["memories"], crypto.randomUUID(), { text });
 * }
 */
export function getStore(config?: Pick<NodeConfig, "store">): BaseStore | undefined {
  if (config !== undefined) return config.store;
  const task = currentTask();
  if (!task) throw new StoreOutsideNodeError();
  return task.longTermStore;
}
