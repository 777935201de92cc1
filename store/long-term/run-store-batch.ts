import { assertValidNamespace } from "./assert-valid-namespace.js";
import type { Item, ListNamespacesOperation, Operation, PutOperation, SearchItem, SearchOperation } from "./base-store.js";
import type { ItemTable } from "./item-table.js";
import { matchesFilter } from "./matches-filter.js";
import { selectNamespaces } from "./select-namespaces.js";

/**
 * Runs a batch against `table`: every get, search and listNamespaces is answered from the table as
 * it was before the batch; then the puts apply, several puts to one item collapsing into the last
 * one, applied where the first one stood. Returns one result per operation (`null` for a put).
 */
export function runStoreBatch(table: ItemTable, operations: readonly Operation[], now: Date): unknown[] {
  const results: unknown[] = [];
  const puts = new Map<string, PutOperation>();
  for (const operation of operations) {
    if ("namespacePrefix" in operation) results.push(search(table, operation));
    else if ("matchConditions" in operation || "limit" in operation) results.push(selectNamespaces(table.namespacesWithItems(), operation as ListNamespacesOperation));
    else if ("value" in operation) {
      assertValidNamespace(operation.namespace, { allowEmpty: false, allowReservedRoot: true });
      const id = `${operation.namespace.join(":")}:${operation.key}`;
      // Setting an existing key keeps its first position and takes the latest operation.
      puts.set(id, operation);
      results.push(null);
    } else {
      assertValidNamespace(operation.namespace, { allowEmpty: false, allowReservedRoot: true });
      results.push(table.get(operation.namespace.join(":"), operation.key) ?? null);
    }
  }
  for (const put of puts.values()) {
    table.touchNamespace(put.namespace);
    if (put.value === null) table.remove(put.namespace.join(":"), put.key);
    else table.upsert(put.namespace, put.key, put.value, now);
  }
  return results;
}

function search(table: ItemTable, operation: SearchOperation): SearchItem[] {
  assertValidNamespace(operation.namespacePrefix, { allowEmpty: true, allowReservedRoot: true });
  const candidates: Item[] = table.itemsUnder(operation.namespacePrefix.join(":"));
  const filter = operation.filter;
  const matching = filter ? candidates.filter((item) => matchesFilter(item.value, filter)) : candidates;
  const offset = operation.offset ?? 0;
  return matching.slice(offset, offset + (operation.limit ?? 10));
}

