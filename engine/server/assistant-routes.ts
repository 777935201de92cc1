import type { Hono } from "hono";
import type { AssistantRegistry } from "./assistant-registry.js";
import { readJsonBody } from "./read-json-body.js";
import type { RequestAuthorizer } from "./request-auth.js";
import { assistantCreateSchema, assistantLatestSchema, assistantPatchSchema, assistantSearchSchema, assistantVersionsSchema } from "./resource-schemas.js";

const selected = <T extends object>(item: T, select: readonly string[] | undefined): Partial<T> =>
  select ? (Object.fromEntries(Object.entries(item).filter(([key]) => select.includes(key))) as Partial<T>) : item;

/**
 * Assistants: create (`if_exists`), get, PATCH (a new version), DELETE, search, count, versions,
 * `latest`. Custom auth events `assistants:create|read|update|delete|search`: `create` may change
 * the metadata; the others' filters must match or the assistant is 404.
 */
export function addAssistantRoutes(app: Hono, assistants: AssistantRegistry, auth: RequestAuthorizer): void {
  app.post("/assistants", async (c) => {
    const body = await readJsonBody(c, assistantCreateSchema);
    const assistantId = body.assistant_id ?? crypto.randomUUID();
    const value: Record<string, unknown> = { ...body, assistant_id: assistantId, metadata: { ...body.metadata } };
    const filters = await auth.authorize(c, "assistants:create", value);
    return c.json(await assistants.create(assistantId, { ...body, metadata: value["metadata"] as Record<string, unknown> }, body.if_exists, filters));
  });
  app.post("/assistants/search", async (c) => {
    const body = await readJsonBody(c, assistantSearchSchema);
    const filters = await auth.authorize(c, "assistants:search", { graph_id: body.graph_id, metadata: body.metadata, limit: body.limit, offset: body.offset });
    const found = await assistants.search({ ...body, authFilters: filters });
    return c.json(found.slice(body.offset, body.offset + body.limit).map((assistant) => selected(assistant, body.select)));
  });
  app.post("/assistants/count", async (c) => {
    const body = await readJsonBody(c, assistantSearchSchema);
    const filters = await auth.authorize(c, "assistants:search", { graph_id: body.graph_id, metadata: body.metadata, limit: 0, offset: 0 });
    return c.json((await assistants.search({ ...body, authFilters: filters })).length);
  });
  app.get("/assistants/:assistant_id", async (c) => {
    const assistantId = c.req.param("assistant_id");
    return c.json(await assistants.get(assistantId, await auth.authorize(c, "assistants:read", { assistant_id: assistantId })));
  });
  app.patch("/assistants/:assistant_id", async (c) => {
    const assistantId = c.req.param("assistant_id");
    const body = await readJsonBody(c, assistantPatchSchema);
    const value: Record<string, unknown> = { ...body, assistant_id: assistantId };
    const filters = await auth.authorize(c, "assistants:update", value);
    return c.json(await assistants.patch(assistantId, { ...body, metadata: value["metadata"] as Record<string, unknown> | undefined }, filters));
  });
  app.delete("/assistants/:assistant_id", async (c) => {
    const assistantId = c.req.param("assistant_id");
    const filters = await auth.authorize(c, "assistants:delete", { assistant_id: assistantId });
    return c.json([await assistants.delete(assistantId, filters)]);
  });
  app.post("/assistants/:assistant_id/versions", async (c) => {
    const assistantId = c.req.param("assistant_id");
    const body = await readJsonBody(c, assistantVersionsSchema);
    const filters = await auth.authorize(c, "assistants:read", { assistant_id: assistantId });
    return c.json(await assistants.versions(assistantId, body, filters));
  });
  app.post("/assistants/:assistant_id/latest", async (c) => {
    const assistantId = c.req.param("assistant_id");
    const body = await readJsonBody(c, assistantLatestSchema);
    const filters = await auth.authorize(c, "assistants:update", { assistant_id: assistantId, version: body.version });
    return c.json(await assistants.setLatest(assistantId, body.version, filters));
  });
}
