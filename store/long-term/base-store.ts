import { assertValidNamespace } from "./assert-valid-namespace.js";

/** One stored item of a long-term memory store (LangGraph's `Item`). */
export interface Item {
  /** The stored data; its top-level keys are what `search` filters on. */
  value: Record<string, any>;
  /** Unique within the namespace. */
  key: string;
  /** The item's place in the hierarchy, e.g. `["memories", "user-1"]`. */
  namespace: string[];
  /** When the item was first put (an overwrite keeps it). */
  createdAt: Date;
  /** When the item was last put. */
  updatedAt: Date;
}

/** An item found by `search`; `score` is set only by a semantic (`query`) search, which these stores do not rank. */
export interface SearchItem extends Item {
  score?: number | undefined;
}

/** Read one item. */
export interface GetOperation {
  namespace: string[];
  key: string;
}

/** Items under a namespace prefix, filtered on their values' top-level keys. */
export interface SearchOperation {
  namespacePrefix: string[];
  /** Exact values, or operators: `$eq`, `$ne`, `$gt`, `$gte`, `$lt`, `$lte`, `$in`, `$nin`. */
  filter?: Record<string, any>;
  /** At most this many items. Default 10. */
  limit?: number;
  /** Skip this many matches first. Default 0. */
  offset?: number;
  /** A natural-language query: ignored by stores without an index (these stores have none). */
  query?: string;
}

/** Store (or, with `value: null`, delete) one item. */
export interface PutOperation {
  namespace: string[];
  key: string;
  value: Record<string, any> | null;
  /** Which fields to embed; stores without an index ignore it. */
  index?: false | string[];
}

/** A namespace pattern: its labels, where `"*"` matches any one label. */
export interface MatchCondition {
  matchType: "prefix" | "suffix";
  path: string[];
}

/** List the namespaces that hold items. */
export interface ListNamespacesOperation {
  matchConditions?: MatchCondition[];
  /** Cut each namespace to this many labels (the shortened ones are listed once). */
  maxDepth?: number;
  limit: number;
  offset: number;
}

/** Any operation `batch` takes. */
export type Operation = GetOperation | SearchOperation | PutOperation | ListNamespacesOperation;

/** The result of each operation of a batch, by position. */
export type OperationResults<TOperations extends readonly Operation[]> = {
  [K in keyof TOperations]: TOperations[K] extends PutOperation
    ? void
    : TOperations[K] extends SearchOperation
      ? SearchItem[]
      : TOperations[K] extends GetOperation
        ? Item | null
        : TOperations[K] extends ListNamespacesOperation
          ? string[][]
          : never;
};

/** Options of {@link BaseStore.search}. */
export interface SearchOptions {
  filter?: Record<string, any>;
  limit?: number;
  offset?: number;
  query?: string;
}

/** Options of {@link BaseStore.listNamespaces}. */
export interface ListNamespacesOptions {
  /** Only namespaces starting with these labels (`"*"` matches any one). */
  prefix?: string[];
  /** Only namespaces ending with these labels (`"*"` matches any one). */
  suffix?: string[];
  maxDepth?: number;
  /** Default 100. */
  limit?: number;
  offset?: number;
}

/**
 * What a node's `config.store` is: LangGraph's `BaseStore` methods. `compile({ store })` takes any
 * object with them — replaygraph's {@link BaseStore} subclasses, or LangGraph's own `InMemoryStore`.
 */
export interface StoreLike {
  batch(operations: Operation[]): Promise<unknown[]>;
  get(namespace: string[], key: string): Promise<Item | null>;
  search(namespacePrefix: string[], options?: SearchOptions): Promise<SearchItem[]>;
  put(namespace: string[], key: string, value: Record<string, any>, index?: false | string[]): Promise<void>;
  delete(namespace: string[], key: string): Promise<void>;
  listNamespaces(options?: ListNamespacesOptions): Promise<string[][]>;
}

/**
 * A long-term memory store: items kept across threads under hierarchical namespaces (LangGraph's
 * `BaseStore`). A subclass implements `batch`; the other methods check their arguments and call it.
 * Within one batch every read sees the store as it was before the batch, and the batch's puts then
 * apply (several puts to one item: the last wins).
 *
 * WARNING: what nodes write here is outside the thread's history. Replaying a thread does not
 * touch the store, and a node that re-executes for a resume repeats its store calls (see the
 * README's "Long-term memory" section).
 */
export abstract class BaseStore implements StoreLike {
  /** Runs the operations in order; see the class comment for what reads see. */
  abstract batch<TOperations extends Operation[]>(operations: TOperations): Promise<OperationResults<TOperations>>;

  /** The item at `namespace`/`key`, or null. */
  async get(namespace: string[], key: string): Promise<Item | null> {
    assertValidNamespace(namespace, { allowEmpty: false, allowReservedRoot: true });
    const [item] = await this.batch<[GetOperation]>([{ namespace, key }]);
    return item;
  }

  /**
   * Items whose namespace starts with `namespacePrefix` (`[]`: all), in the order their namespaces
   * were first written and, within one, the order the items were first put.
   *
   * @example
   * await store.search(["memories", userId], { filter: { kind: "preference", weight: { $gte: 2 } }, limit: 5 });
   */
  async search(namespacePrefix: string[], options: SearchOptions = {}): Promise<SearchItem[]> {
    assertValidNamespace(namespacePrefix, { allowEmpty: true, allowReservedRoot: true });
    const { filter, limit = 10, offset = 0, query } = options;
    const operation: SearchOperation = {
      namespacePrefix,
      limit,
      offset,
      ...(filter !== undefined ? { filter } : {}),
      ...(query !== undefined ? { query } : {}),
    };
    const [items] = await this.batch<[SearchOperation]>([operation]);
    return items;
  }

  /** Stores `value` at `namespace`/`key`, replacing what was there (its `createdAt` is kept); `null` deletes. */
  async put(namespace: string[], key: string, value: Record<string, any> | null, index?: false | string[]): Promise<void> {
    assertValidNamespace(namespace, { allowEmpty: false, allowReservedRoot: false });
    await this.batch<[PutOperation]>([{ namespace, key, value, ...(index !== undefined ? { index } : {}) }]);
  }

  /** Deletes the item at `namespace`/`key` (nothing happens if there is none). */
  async delete(namespace: string[], key: string): Promise<void> {
    assertValidNamespace(namespace, { allowEmpty: false, allowReservedRoot: true });
    await this.batch([{ namespace, key, value: null }]);
  }

  /** The namespaces holding items, sorted, filtered by `prefix`/`suffix`, cut to `maxDepth`. */
  async listNamespaces(options: ListNamespacesOptions = {}): Promise<string[][]> {
    const { prefix, suffix, maxDepth, limit = 100, offset = 0 } = options;
    const matchConditions: MatchCondition[] = [];
    if (prefix) {
      assertValidNamespace(prefix, { allowEmpty: true, allowReservedRoot: true });
      matchConditions.push({ matchType: "prefix", path: prefix });
    }
    if (suffix) {
      assertValidNamespace(suffix, { allowEmpty: true, allowReservedRoot: true });
      matchConditions.push({ matchType: "suffix", path: suffix });
    }
    const operation: ListNamespacesOperation = { matchConditions, limit, offset, ...(maxDepth !== undefined ? { maxDepth } : {}) };
    const [namespaces] = await this.batch<[ListNamespacesOperation]>([operation]);
    return namespaces;
  }

  /** Nothing to start; kept for LangGraph's interface. */
  start(): void {}

  /** Nothing to stop; a store with a connection closes it in `close()`. */
  stop(): void {}
}
