import { roundTrip } from "../serialization/round-trip.js";

/** A cache entry's full key, as LangGraph's caches take it: `[namespace, key]`. */
export type CacheFullKey = readonly [namespace: readonly string[], key: string];

/**
 * What `compile({ cache })` takes: LangGraph's `BaseCache` methods, so LangGraph's own
 * `InMemoryCache` (or a subclass) works too.
 */
export interface CacheLike {
  get(keys: CacheFullKey[]): Promise<{ key: CacheFullKey; value: unknown }[]>;
  set(pairs: { key: CacheFullKey; value: unknown; ttl?: number }[]): Promise<void>;
  clear(namespaces: readonly (readonly string[])[]): Promise<void>;
}

interface Entry {
  readonly value: unknown;
  /** When it expires (ms since the epoch); absent: never. */
  readonly expires: number | undefined;
}

/**
 * The cache of node results `compile({ cache })` takes (LangGraph's `InMemoryCache`, from
 * `@langchain/langgraph-checkpoint`): entries by namespace and key, each with an optional `ttl`
 * in seconds. Values are copied in and out, as a stored value would be.
 *
 * @example
 * const graph = builder.compile({ checkpointer, cache: new InMemoryCache() });
 */
export class InMemoryCache implements CacheLike {
  #entries = new Map<string, Map<string, Entry>>();

  async get(keys: CacheFullKey[]): Promise<{ key: CacheFullKey; value: unknown }[]> {
    const now = Date.now();
    const found: { key: CacheFullKey; value: unknown }[] = [];
    for (const fullKey of keys) {
      const [namespace, key] = fullKey;
      const entries = this.#entries.get(namespace.join(","));
      const entry = entries?.get(key);
      if (entry === undefined) continue;
      if (entry.expires !== undefined && now >= entry.expires) {
        entries!.delete(key);
        continue;
      }
      found.push({ key: fullKey, value: roundTrip(entry.value) });
    }
    return found;
  }

  async set(pairs: { key: CacheFullKey; value: unknown; ttl?: number }[]): Promise<void> {
    const now = Date.now();
    for (const {
      key: [namespace, key],
      value,
      ttl,
    } of pairs) {
      const name = namespace.join(",");
      let entries = this.#entries.get(name);
      if (entries === undefined) this.#entries.set(name, (entries = new Map()));
      entries.set(key, { value: roundTrip(value), expires: ttl === undefined || ttl === null ? undefined : now + ttl * 1000 });
    }
  }

  /** Drops the entries of these namespaces; of every namespace when given none. */
  async clear(namespaces: readonly (readonly string[])[] = []): Promise<void> {
    if (namespaces.length === 0) {
      this.#entries = new Map();
      return;
    }
    for (const namespace of namespaces) this.#entries.delete(namespace.join(","));
  }
}
