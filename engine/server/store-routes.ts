import type { Hono } from "hono";
import type { Item, StoreLike } from "../../store/long-term/base-store.js";
import { InvalidNamespaceError } from "../../store/long-term/invalid-namespace-error.js";
import { AuthForbiddenError } from "../errors/resource-errors.js";
import { matchesAuthFilters, type AuthFilters } from "./metadata-filters.js";
import { readJsonBody } from "./read-json-body.js";
import type { RequestAuthorizer } from "./request-auth.js";
import { storeDeleteSchema, storeGetSchema, storeNamespacesSchema, storePutSchema, storeSearchSchema } from "./resource-schemas.js";

/** An item as the Agent Server shows it (snake_case times). */
const itemView = (item: Item & { score?: number | undefined }) => ({
  namespace: item.namespace,
  key: item.key,
  value: item.value,
  created_at: item.createdAt.toISOString(),
  updated_at: item.updatedAt.toISOString(),
  ...(item.score !== undefined ? { score: item.score } : {}),
});

/** What store auth filters are matched against: the item's value, its namespace and key (as the Agent Server does). */
const authMatches = (namespace: readonly string[], key: string | undefined, value: Record<string, unknown> | undefined, filters: AuthFilters | undefined) =>
  matchesAuthFilters({ ...value, namespace, ...(key === undefined ? {} : { key }) }, filters);

const assertLabels = (namespace: readonly string[]) => {
  for (const label of namespace)
    if (label === "" || label.includes(".")) throw new InvalidNamespaceError(namespace, `label '${label}' is empty or contains '.'`);
};

/**
 * The long-term store (`/store/items`, `/store/items/search`, `/store/namespaces`) over a
 * LangGraph-style `BaseStore` — the same store the graphs get as `config.store`. Custom auth events
 * `store:put|get|delete|search|list_namespaces`; an item whose value, namespace or key the
 * caller's filters do not match is 404 to read and is left out of searches.
 */
export function addStoreRoutes(app: Hono, store: StoreLike, auth: RequestAuthorizer): void {
  addItemRoutes(app, store, auth);
  addStoreSearchRoutes(app, store, auth);
}

/** `PUT|GET|DELETE /store/items`: one item by namespace and key. */
function addItemRoutes(app: Hono, store: StoreLike, auth: RequestAuthorizer): void {
  app.put("/store/items", async (c) => {
    const body = await readJsonBody(c, storePutSchema);
    assertLabels(body.namespace);
    const value: Record<string, unknown> = { namespace: body.namespace, key: body.key, value: body.value };
    const filters = await auth.authorize(c, "store:put", value);
    const namespace = value["namespace"] as string[];
    const existing = await store.get(namespace, String(value["key"]));
    if (existing && !authMatches(existing.namespace, existing.key, existing.value, filters)) return c.json({ detail: "Item not found" }, 404);
    if (!authMatches(namespace, String(value["key"]), value["value"] as Record<string, unknown>, filters)) throw new AuthForbiddenError("store:put");
    await store.put(namespace, String(value["key"]), value["value"] as Record<string, unknown>, body.index === null ? undefined : body.index);
    return c.body(null, 204);
  });
  app.get("/store/items", async (c) => {
    const query = storeGetSchema.parse(c.req.query());
    const value: Record<string, unknown> = { namespace: query.namespace, key: query.key };
    const filters = await auth.authorize(c, "store:get", value);
    const item = await store.get(value["namespace"] as string[], String(value["key"]));
    if (item && !authMatches(item.namespace, item.key, item.value, filters)) return c.json({ detail: "Item not found" }, 404);
    return c.json(item ? itemView(item) : null);
  });
  app.delete("/store/items", async (c) => {
    const body = await readJsonBody(c, storeDeleteSchema);
    assertLabels(body.namespace);
    const value: Record<string, unknown> = { namespace: body.namespace, key: body.key };
    const filters = await auth.authorize(c, "store:delete", value);
    const namespace = value["namespace"] as string[];
    const existing = await store.get(namespace, String(value["key"]));
    if (existing ? !authMatches(existing.namespace, existing.key, existing.value, filters) : false) return c.json({ detail: "Item not found" }, 404);
    if (!existing && !authMatches(namespace, String(value["key"]), undefined, filters)) throw new AuthForbiddenError("store:delete");
    await store.delete(namespace, String(value["key"]));
    return c.body(null, 204);
  });
}

/** `POST /store/items/search` and `POST /store/namespaces`, leaving out what the caller's filters do not match. */
function addStoreSearchRoutes(app: Hono, store: StoreLike, auth: RequestAuthorizer): void {
  app.post("/store/items/search", async (c) => {
    const body = await readJsonBody(c, storeSearchSchema);
    assertLabels(body.namespace_prefix);
    const filters = await auth.authorize(c, "store:search", {
      namespace: body.namespace_prefix,
      filter: body.filter,
      limit: body.limit,
      offset: body.offset,
      query: body.query,
    });
    const options = { ...(body.filter ? { filter: body.filter } : {}), ...(body.query ? { query: body.query } : {}) };
    if (filters === undefined) {
      return c.json({ items: (await store.search(body.namespace_prefix, { ...options, limit: body.limit, offset: body.offset })).map(itemView) });
    }
    // With auth filters the store cannot page for us: scan pages and keep what the caller may see.
    const kept: Item[] = [];
    for (let scanned = 0; kept.length < body.offset + body.limit;) {
      const page = await store.search(body.namespace_prefix, { ...options, limit: 1000, offset: scanned });
      scanned += page.length;
      kept.push(...page.filter((item) => authMatches(item.namespace, item.key, item.value, filters)));
      if (page.length < 1000) break;
    }
    return c.json({ items: kept.slice(body.offset, body.offset + body.limit).map(itemView) });
  });
  app.post("/store/namespaces", async (c) => {
    const body = await readJsonBody(c, storeNamespacesSchema);
    for (const namespace of [body.prefix, body.suffix]) if (namespace) assertLabels(namespace);
    const filters = await auth.authorize(c, "store:list_namespaces", {
      namespace: body.prefix,
      suffix: body.suffix,
      max_depth: body.max_depth,
      limit: body.limit,
      offset: body.offset,
    });
    const options = {
      ...(body.prefix ? { prefix: body.prefix } : {}),
      ...(body.suffix ? { suffix: body.suffix } : {}),
      ...(typeof body.max_depth === "number" ? { maxDepth: body.max_depth } : {}),
    };
    if (filters === undefined) return c.json({ namespaces: await store.listNamespaces({ ...options, limit: body.limit, offset: body.offset }) });
    const all = await store.listNamespaces({ ...options, limit: 10_000, offset: 0 });
    return c.json({
      namespaces: all.filter((namespace) => authMatches(namespace, undefined, undefined, filters)).slice(body.offset, body.offset + body.limit),
    });
  });
}
