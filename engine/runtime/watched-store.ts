import type { BaseStore, Operation, StoreLike } from "../../store/long-term/base-store.js";
import { noticeSideEffect } from "./io-watch.js";

const watched = new WeakSet<object>();

/**
 * The store as nodes see it (`config.store`): the same store, whose writes (`put`, `delete`, and
 * `batch` with puts) count as side effects of the running task. A node re-executed for a resume
 * that writes the store before reaching its answered interrupt gets an `io-before-interrupt`
 * warning (SEMANTICS rule 15) whatever the store: the engine's I/O watch cannot see an in-memory
 * store, nor SQLite's synchronous native calls. Reads are not side effects and are not counted.
 * Every other property of the store (its own methods included) is passed through; a store without
 * `start`/`stop` gets ones that do nothing, so what nodes see has all of `BaseStore`'s methods.
 */
export function watchStoreWrites(store: StoreLike): BaseStore {
  if (watched.has(store)) return store as BaseStore;
  const proxy = new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (value === undefined && (property === "start" || property === "stop")) return doNothing;
      if (typeof value !== "function") return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property === "put" || property === "delete") {
        return (...args: unknown[]) => {
          noticeSideEffect(`a store ${String(property)} (${describe(args[0], args[1])})`);
          return method.apply(target, args);
        };
      }
      if (property === "batch") {
        return (operations: Operation[]) => {
          const write = Array.isArray(operations) ? operations.find((operation) => "value" in operation) : undefined;
          if (write && "value" in write) noticeSideEffect(`a store batch put (${describe(write.namespace, write.key)})`);
          return method.call(target, operations);
        };
      }
      return method.bind(target);
    },
  });
  watched.add(proxy);
  return proxy as BaseStore;
}

const doNothing = (): void => undefined;

function describe(namespace: unknown, key: unknown): string {
  return `${Array.isArray(namespace) ? namespace.join("/") : String(namespace)} ${String(key)}`;
}
