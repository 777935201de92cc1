import { mergeRunConfigs } from "./merge-run-configs.js";
import type { RunConfig } from "./run-config.js";

// The methods that run the graph; as in LangGraph, getState and the other state methods read only their own config.
const runMethods = new Set<PropertyKey>(["invoke", "stream", "batch", "streamEvents"]);

/**
 * The same graph with `defaults` under every call's config (LangGraph's `graph.withConfig(config)`):
 * `invoke`, `stream`, `batch` and `streamEvents` see `mergeRunConfigs(defaults, config)`; `getState` and the other
 * state methods read their own config only, as in LangGraph.
 * The graph is not copied: threads, checkpointer and store are the graph's own.
 */
export function graphWithConfig<TGraph extends object>(graph: TGraph, defaults: RunConfig): TGraph {
  return new Proxy(graph, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      const method = value as (...args: unknown[]) => unknown;
      if (property === "withConfig") return (more: RunConfig) => graphWithConfig(target, mergeRunConfigs(defaults, more));
      if (runMethods.has(property))
        return (input: unknown, config?: RunConfig, ...rest: unknown[]) => method.call(target, input, mergeRunConfigs(defaults, config), ...rest);
      return method.bind(target);
    },
  });
}
