import { BaseStore, type Item, type Operation, type OperationResults } from "./base-store.js";
import { copyItemValue } from "./copy-item-value.js";
import { embedBatch } from "./embed-batch.js";
import { resolveIndexConfig, type IndexConfig, type ResolvedIndex } from "./index-config.js";
import type { ItemTable } from "./item-table.js";
import { assertBatchNamespaces, runStoreBatch } from "./run-store-batch.js";

/** Options of {@link InMemoryStore}. */
export interface InMemoryStoreOptions {
  /**
   * Semantic search (LangGraph's index): items are embedded on `put`, and `search(prefix, { query })`
   * ranks them by cosine similarity, brute force over the candidates.
   */
  readonly index?: IndexConfig;
  /** The clock of `createdAt`/`updatedAt` (epoch ms); inject for deterministic tests. */
  readonly clock?: () => number;
}

/**
 * A long-term memory store in this process's memory, for tests and examples (LangGraph's
 * `InMemoryStore`): nodes read and write it as `config.store`, across threads.
 *
 * WARNING: everything is lost when the process ends; use `SqliteStore` from `replaygraph/sqlite`
 * to keep memories. Store writes are not part of any thread's history, and a node re-executed for
 * a resume repeats them.
 *
 * @example
 * const store = new InMemoryStore();
 * const graph = builder.compile({ checkpointer: new MemorySaver(), store });
 * // in a node: await config.store.put(["memories", userId], "diet", { text: "vegetarian" });
 * // semantic search: new InMemoryStore({ index: { dims: 1536, embeddings: new OpenAIEmbeddings(), fields: ["text"] } })
 */
export class InMemoryStore extends BaseStore {
  readonly #table = new MemoryItemTable();
  readonly #clock: () => number;
  readonly #index: ResolvedIndex | undefined;

  /** @throws {InvalidIndexConfigError} when `index` has no usable embeddings. */
  constructor(options: InMemoryStoreOptions = {}) {
    super();
    this.#index = options.index === undefined ? undefined : resolveIndexConfig("InMemoryStore", options.index);
    this.#clock = options.clock ?? Date.now;
  }

  async batch<TOperations extends Operation[]>(operations: TOperations): Promise<OperationResults<TOperations>> {
    assertBatchNamespaces(operations);
    const embedded = this.#index && (await embedBatch(this.#index, operations));
    return runStoreBatch(this.#table, operations, new Date(this.#clock()), embedded) as OperationResults<TOperations>;
  }
}

/** Namespaces in the order first written, each with its items in the order first put. */
class MemoryItemTable implements ItemTable {
  readonly #namespaces = new Map<string, { readonly labels: readonly string[]; readonly items: Map<string, Item> }>();
  readonly #vectors = new Map<string, readonly (readonly number[])[]>();

  get(namespace: string, key: string): Item | undefined {
    const item = this.#namespaces.get(namespace)?.items.get(key);
    return item && copyOf(item);
  }

  itemsUnder(prefix: string): Item[] {
    const found: Item[] = [];
    for (const [name, { items }] of this.#namespaces) {
      if (prefix === "" || name === prefix || name.startsWith(`${prefix}:`)) for (const item of items.values()) found.push(copyOf(item));
    }
    return found;
  }

  *namespacesWithItems(): Iterable<readonly string[]> {
    for (const { labels, items } of this.#namespaces.values()) if (items.size > 0) yield labels;
  }

  upsert(namespace: readonly string[], key: string, value: unknown, now: Date): void {
    const items = this.#namespaces.get(namespace.join(":"))!.items;
    const existing = items.get(key);
    const stored = copyItemValue(value) as Item["value"];
    if (existing) items.set(key, { ...existing, value: stored, updatedAt: now });
    else items.set(key, { value: stored, key, namespace: [...namespace], createdAt: now, updatedAt: now });
  }

  remove(namespace: string, key: string): void {
    this.#namespaces.get(namespace)?.items.delete(key);
    this.#vectors.delete(`${namespace}:${key}`);
  }

  vectorsOf(namespace: string, key: string): readonly (readonly number[])[] {
    return this.#vectors.get(`${namespace}:${key}`) ?? [];
  }

  setVectors(namespace: string, key: string, vectors: readonly (readonly number[])[]): void {
    if (vectors.length === 0) this.#vectors.delete(`${namespace}:${key}`);
    else this.#vectors.set(`${namespace}:${key}`, vectors);
  }

  touchNamespace(namespace: readonly string[]): void {
    const name = namespace.join(":");
    if (!this.#namespaces.has(name)) this.#namespaces.set(name, { labels: [...namespace], items: new Map() });
  }
}

function copyOf(item: Item): Item {
  return {
    value: copyItemValue(item.value),
    key: item.key,
    namespace: [...item.namespace],
    createdAt: new Date(item.createdAt),
    updatedAt: new Date(item.updatedAt),
  };
}
