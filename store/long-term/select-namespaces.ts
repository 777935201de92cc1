import type { ListNamespacesOperation, MatchCondition } from "./base-store.js";

/**
 * `listNamespaces`' answer from the namespaces that hold items: those matching every condition,
 * cut to `maxDepth` labels (each shortened namespace once), sorted by their labels joined with ':'
 * in locale order (as LangGraph's InMemoryStore sorts), then `offset` and `limit` applied.
 */
export function selectNamespaces(namespaces: Iterable<readonly string[]>, operation: ListNamespacesOperation): string[][] {
  const conditions = operation.matchConditions ?? [];
  const selected = new Map<string, string[]>();
  for (const namespace of namespaces) {
    if (!conditions.every((condition) => satisfies(namespace, condition))) continue;
    const cut = operation.maxDepth === undefined ? [...namespace] : namespace.slice(0, operation.maxDepth);
    selected.set(cut.join(":"), cut);
  }
  const sorted = [...selected.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, namespace]) => namespace);
  const offset = operation.offset ?? 0;
  return sorted.slice(offset, offset + (operation.limit ?? sorted.length));
}

function satisfies(namespace: readonly string[], condition: MatchCondition): boolean {
  const { path } = condition;
  if (path.length > namespace.length) return false;
  const start = condition.matchType === "prefix" ? 0 : namespace.length - path.length;
  return path.every((label, i) => label === "*" || namespace[start + i] === label);
}
