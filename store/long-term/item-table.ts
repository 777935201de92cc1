import type { Item } from "./base-store.js";

/**
 * Where a store keeps its items, as {@link runStoreBatch} needs it. Namespaces are passed as their
 * labels joined with ':' (labels cannot contain one). Every method is synchronous: a batch runs
 * as one unit (one SQLite transaction), with nothing of another batch in between.
 */
export interface ItemTable {
  get(namespace: string, key: string): Item | undefined;
  /**
   * Items whose namespace is `prefix` or starts with `prefix:` (all items for ""), ordered by when
   * their namespace was first written, then by when each item was first put.
   */
  itemsUnder(prefix: string): Item[];
  /** The namespaces that hold at least one item. */
  namespacesWithItems(): Iterable<readonly string[]>;
  /** Inserts or replaces an item (a replaced one keeps its `createdAt` and its place in the order). */
  upsert(namespace: readonly string[], key: string, value: unknown, now: Date): void;
  /** Deletes an item and its vectors. */
  remove(namespace: string, key: string): void;
  /** The vectors an index made of the item (none if it has none). */
  vectorsOf(namespace: string, key: string): readonly (readonly number[])[];
  /** Replaces the item's vectors (none: it has no vectors). */
  setVectors(namespace: string, key: string, vectors: readonly (readonly number[])[]): void;
  /** Gives `namespace` its place in the search order, if it has none yet. */
  touchNamespace(namespace: readonly string[]): void;
}
