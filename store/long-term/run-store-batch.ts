import { assertValidNamespace } from "./assert-valid-namespace.js";
import type { Item, ListNamespacesOperation, Operation, PutOperation, SearchItem, SearchOperation } from "./base-store.js";
import { putIdOf, type BatchEmbeddings } from "./embed-batch.js";
import type { ItemTable } from "./item-table.js";
import { matchesFilter } from "./matches-filter.js";
import { rankBySimilarity } from "./rank-by-similarity.js";
import { selectNamespaces } from "./select-namespaces.js";

/** Throws `InvalidNamespaceError` for the first operation whose namespace a batch refuses (before anything runs). */
export function assertBatchNamespaces(operations: readonly Operation[]): void {
  for (const operation of operations) {
    if ("namespacePrefix" in operation) assertValidNamespace(operation.namespacePrefix, { allowEmpty: true, allowReservedRoot: true });
    else if ("namespace" in operation) assertValidNamespace(operation.namespace, { allowEmpty: false, allowReservedRoot: true });
  }
}

/**
 * Runs a batch against `table`: every get, search and listNamespaces is answered from the table as
 * it was before the batch; then the puts apply, several puts to one item collapsing into the last
 * one, applied where the first one stood. With `embedded` (a store with an index), searches with a
 * query are ranked and the puts' vectors are stored. Returns one result per operation (`null` for
 * a put).
 */
export function runStoreBatch(table: ItemTable, operations: readonly Operation[], now: Date, embedded?: BatchEmbeddings): unknown[] {
  const results: unknown[] = [];
  const puts = new Map<string, PutOperation>();
  for (const operation of operations) {
    if ("namespacePrefix" in operation) results.push(search(table, operation, embedded));
    else if ("matchConditions" in operation || "limit" in operation)
      results.push(selectNamespaces(table.namespacesWithItems(), operation as ListNamespacesOperation));
    else if ("value" in operation) {
      assertValidNamespace(operation.namespace, { allowEmpty: false, allowReservedRoot: true });
      const id = putIdOf(operation);
      // Setting an existing key keeps its first position and takes the latest operation.
      puts.set(id, operation);
      results.push(null);
    } else {
      assertValidNamespace(operation.namespace, { allowEmpty: false, allowReservedRoot: true });
      results.push(table.get(operation.namespace.join(":"), operation.key) ?? null);
    }
  }
  for (const [id, put] of puts) {
    table.touchNamespace(put.namespace);
    if (put.value === null) table.remove(put.namespace.join(":"), put.key);
    else {
      table.upsert(put.namespace, put.key, put.value, now);
      if (embedded) table.setVectors(put.namespace.join(":"), put.key, embedded.items.get(id) ?? []);
    }
  }
  return results;
}

function search(table: ItemTable, operation: SearchOperation, embedded: BatchEmbeddings | undefined): SearchItem[] {
  assertValidNamespace(operation.namespacePrefix, { allowEmpty: true, allowReservedRoot: true });
  const candidates: Item[] = table.itemsUnder(operation.namespacePrefix.join(":"));
  const filter = operation.filter;
  const matching = filter ? candidates.filter((item) => matchesFilter(item.value, filter)) : candidates;
  const offset = operation.offset ?? 0;
  const limit = operation.limit ?? 10;
  const query = operation.query === undefined ? undefined : embedded?.queries.get(operation.query);
  if (query) return rankBySimilarity(matching, query, (item) => table.vectorsOf(item.namespace.join(":"), item.key), offset, limit);
  return matching.slice(offset, offset + limit);
}
