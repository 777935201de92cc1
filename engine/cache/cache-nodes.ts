import { createHash } from "node:crypto";
import { eventSerializer } from "../../store/event-serializer.js";
import { isCommand } from "../graph/command.js";
import type { GraphSpec, NodeConfig, NodeFunction, NodeSpec } from "../graph/graph-spec.js";
import { currentTask } from "../runtime/task-context.js";
import type { CacheFullKey, CacheLike } from "./in-memory-cache.js";

/** How a node's results are cached (LangGraph's `CachePolicy`); `addNode(name, fn, { cachePolicy: true })` is `{}`. */
export interface CachePolicy {
  /** The cache key of a node input. Default: a hash of the input's serialized form. */
  readonly keyFunc?: (input: unknown) => string;
  /** Seconds an entry lives. Default: until the cache is cleared. */
  readonly ttl?: number;
}

/** The policy an `addNode` option means: `true` is the default policy, `false` none. */
export function cachePolicyOf(option: unknown): CachePolicy | undefined {
  if (option === undefined || option === null || option === false) return undefined;
  return option === true ? {} : (option as CachePolicy);
}

const namespacePrefix = "replaygraph:node";

/** The cache namespace of the `task()` calls of the entrypoint `graphName`. */
export function taskCacheNamespaceOf(graphName: string): readonly string[] {
  return ["replaygraph:task", graphName];
}
const cachesBySpec = new WeakMap<GraphSpec, { readonly cache: CacheLike; readonly namespaces: readonly (readonly string[])[] }>();

/**
 * The graph with each node that has a cache policy looking its result up in `cache` first: a hit
 * is the node's result without running it (the task is recorded as any other, so a replay reads it
 * from the thread, never from the cache); a miss runs the node and stores what it returned.
 * Results that are Commands, and nodes that are subgraphs or Runnables, are not cached.
 */
export function cacheNodes(spec: GraphSpec, cache: CacheLike): GraphSpec {
  const nodes = new Map<string, NodeSpec>();
  const namespaces: (readonly string[])[] = [];
  for (const [name, node] of spec.nodes) {
    if (node.cachePolicy === undefined || typeof node.action !== "function") {
      nodes.set(name, node);
      continue;
    }
    const namespace = [namespacePrefix, spec.name, name];
    namespaces.push(namespace);
    nodes.set(name, { ...node, action: cachedAction(node.action, node.cachePolicy, namespace, cache) });
  }
  const cached: GraphSpec = { ...spec, nodes };
  cachesBySpec.set(cached, { cache, namespaces });
  return cached;
}

/** Empties the cache entries of a graph's nodes (`graph.clearCache()`); nothing when it has no cache. */
export async function clearNodeCache(spec: GraphSpec): Promise<void> {
  const entry = cachesBySpec.get(spec);
  if (entry !== undefined && entry.namespaces.length > 0) await entry.cache.clear(entry.namespaces);
}

function cachedAction(action: NodeFunction, policy: CachePolicy, namespace: readonly string[], cache: CacheLike): NodeFunction {
  return async (input: unknown, config: NodeConfig) => {
    const { value, cached } = await cachedCall(cache, policy, namespace, input, () => action(input, config));
    const task = currentTask();
    if (cached && task) task.cached = true;
    return value;
  };
}

/**
 * `run()`'s result from `cache` when it holds one for `input` under `namespace`, else `run()`'s
 * result, stored there unless it is a Command (or a list with one). Shared by cached nodes and
 * cached `task()` calls (one namespace per entrypoint, so `clearCache()` clears it; `keyPrefix`
 * names the task).
 */
export async function cachedCall(
  cache: CacheLike,
  policy: CachePolicy,
  namespace: readonly string[],
  input: unknown,
  run: () => unknown,
  keyPrefix = "",
): Promise<{ value: unknown; cached: boolean }> {
  const key: CacheFullKey = [namespace, keyPrefix + (policy.keyFunc ? policy.keyFunc(input) : defaultKeyOf(input))];
  const [hit] = await cache.get([key]);
  if (hit !== undefined) return { value: hit.value, cached: true };
  const value = await run();
  if (!isCommand(value) && !(Array.isArray(value) && value.some(isCommand)))
    await cache.set([{ key, value, ...(policy.ttl !== undefined ? { ttl: policy.ttl } : {}) }]);
  return { value, cached: false };
}

function defaultKeyOf(input: unknown): string {
  return createHash("sha256").update(eventSerializer.stringify(input)).digest("hex");
}
