import type { Context, Hono } from "hono";
import type { Engine } from "../service/create-engine.js";
import type { ThreadView } from "../service/engine-views.js";
import { ThreadHiddenError } from "../errors/resource-errors.js";
import { ThreadAlreadyExistsError } from "../errors/service-errors.js";
import { copyThreadEvents } from "./copy-thread-events.js";
import { isContained, matchesAuthFilters } from "./metadata-filters.js";
import { readJsonBody } from "./read-json-body.js";
import type { RequestAuthorizer } from "./request-auth.js";
import { threadCreateSchema, threadPatchSchema, threadSearchSchema } from "./request-schemas.js";
import type { ThreadCatalog, ThreadEntry } from "./thread-catalog.js";
import type { EventStore } from "../../store/event-store.js";

/** What the thread resource routes need. */
export interface ThreadResourceContext {
  readonly engine: Engine;
  readonly store: EventStore;
  readonly catalog: ThreadCatalog;
  readonly auth: RequestAuthorizer;
}

/** The engine's view of a thread with the table's metadata and times (the table is where PATCH writes). */
export async function threadViewWith(engine: Engine, entry: ThreadEntry): Promise<ThreadView> {
  return threadViewWithEntry(await engine.threads.get(entry.threadId), entry);
}

/** {@link threadViewWith} of a view already read. */
function threadViewWithEntry(view: ThreadView, entry: ThreadEntry): ThreadView {
  const updatedAt = Math.max(entry.updatedAt, view.updated_at ? Date.parse(view.updated_at) : 0);
  return { ...view, metadata: entry.metadata, created_at: new Date(entry.createdAt).toISOString(), updated_at: new Date(updatedAt).toISOString() };
}

/**
 * Threads as resources: create (`if_exists`), get, PATCH (merge metadata), DELETE (cancels its
 * active runs, then hides it), copy (a new thread with the same history), search and count (on the
 * thread table, newest first; a `status` filter reads the state of the candidates only, up to the
 * page). Custom auth: `threads:create` may add owner metadata; `threads:search` filters narrow the
 * search; the other events' filters must match the thread or it is 404.
 */
export function addThreadResourceRoutes(app: Hono, context: ThreadResourceContext): void {
  app.post("/threads", (c) => createThread(c, context));
  addThreadItemRoutes(app, context);
  addThreadSearchRoutes(app, context);
}

/** `GET|PATCH|DELETE /threads/{id}` and `POST /threads/{id}/copy`. */
function addThreadItemRoutes(app: Hono, context: ThreadResourceContext): void {
  const { engine, catalog, auth } = context;
  const visible = async (threadId: string, filters: Readonly<Record<string, unknown>> | undefined): Promise<ThreadEntry> => {
    const entry = await catalog.find(threadId);
    if (!entry || !matchesAuthFilters(entry.metadata, filters)) throw new ThreadHiddenError(threadId);
    return entry;
  };

  app.get("/threads/:thread_id", async (c) => {
    // thread-access has checked the caller may read it.
    const entry = await visible(c.req.param("thread_id"), undefined);
    return c.json(await threadViewWith(engine, entry));
  });

  app.patch("/threads/:thread_id", async (c) => {
    const threadId = c.req.param("thread_id");
    const body = await readJsonBody(c, threadPatchSchema);
    const value: Record<string, unknown> = { thread_id: threadId, metadata: { ...body.metadata } };
    const filters = await auth.authorize(c, "threads:update", value);
    await visible(threadId, filters);
    const entry = await catalog.patch(threadId, (value["metadata"] ?? {}) as Record<string, unknown>);
    if (!entry) throw new ThreadHiddenError(threadId);
    return c.json(await threadViewWith(engine, entry));
  });

  app.delete("/threads/:thread_id", async (c) => {
    const threadId = c.req.param("thread_id");
    const filters = await auth.authorize(c, "threads:delete", { thread_id: threadId });
    await visible(threadId, filters);
    for (const run of await engine.runs.list(threadId)) {
      if (run.status === "pending" || run.status === "running") await engine.runs.cancel(threadId, run.run_id, { action: "interrupt" });
    }
    await catalog.delist(threadId);
    return c.body(null, 204);
  });

  app.post("/threads/:thread_id/copy", async (c) => {
    const threadId = c.req.param("thread_id");
    const source = await visible(threadId, undefined);
    const newThreadId = crypto.randomUUID();
    const value: Record<string, unknown> = { thread_id: newThreadId, metadata: { ...source.metadata, thread_id: newThreadId } };
    await auth.authorize(c, "threads:create", value);
    await copyThreadEvents(context.store, threadId, newThreadId, (value["metadata"] ?? {}) as Record<string, unknown>);
    const entry = await catalog.list(newThreadId, (value["metadata"] ?? {}) as Record<string, unknown>);
    // As on the Agent Server, the copy has the checkpoints but no runs: the source's runs are in its history, hidden.
    for (const run of await engine.runs.list(newThreadId)) await catalog.delistRun(newThreadId, run.run_id);
    return c.json(await threadViewWith(engine, entry));
  });
}

/** `POST /threads/search` and `POST /threads/count`. */
function addThreadSearchRoutes(app: Hono, context: ThreadResourceContext): void {
  const { engine, catalog, auth } = context;
  const search = async (body: ReturnType<typeof threadSearchSchema.parse>, filters: Readonly<Record<string, unknown>> | undefined, limit: number) => {
    const found: ThreadView[] = [];
    let skipped = 0;
    for await (const entry of catalog.search({
      ids: body.ids,
      metadata: body.metadata,
      authFilters: filters,
      sortBy: body.sort_by,
      sortOrder: body.sort_order,
    })) {
      if (found.length >= limit) break;
      // Only the state needs the thread's events: without a status or values filter, the page's rows are read and nothing else.
      if (body.status === undefined && body.values === undefined && skipped < body.offset) {
        skipped++;
        continue;
      }
      const view = await threadViewWith(engine, entry);
      if (body.status !== undefined && view.status !== body.status) continue;
      if (body.values !== undefined && !isContained(view.values, body.values)) continue;
      if (skipped < body.offset) {
        skipped++;
        continue;
      }
      found.push(view);
    }
    return found;
  };
  app.post("/threads/search", async (c) => {
    const body = await readJsonBody(c, threadSearchSchema);
    const filters = await auth.authorize(c, "threads:search", {
      metadata: body.metadata,
      status: body.status,
      values: body.values,
      limit: body.limit,
      offset: body.offset,
    });
    const found = await search(body, filters, body.limit);
    const select = body.select;
    return c.json(select ? found.map((view) => Object.fromEntries(Object.entries(view).filter(([key]) => select.includes(key)))) : found);
  });
  app.post("/threads/count", async (c) => {
    const body = await readJsonBody(c, threadSearchSchema);
    const filters = await auth.authorize(c, "threads:search", { metadata: body.metadata, status: body.status, values: body.values, limit: 0, offset: 0 });
    if (body.status === undefined && body.values === undefined) {
      let count = 0;
      for await (const _entry of catalog.search({ ids: body.ids, metadata: body.metadata, authFilters: filters })) count++;
      return c.json(count);
    }
    return c.json((await search({ ...body, offset: 0 }, filters, Number.POSITIVE_INFINITY)).length);
  });
}

/** `POST /threads`: a new thread, or (`if_exists: "do_nothing"`) the existing one the caller may see. */
async function createThread(c: Context, context: ThreadResourceContext): Promise<Response> {
  const { engine, catalog, auth } = context;
  const body = await readJsonBody(c, threadCreateSchema);
  const threadId = body.thread_id ?? crypto.randomUUID();
  const value: Record<string, unknown> = { thread_id: threadId, metadata: { ...body.metadata }, if_exists: body.if_exists };
  const filters = await auth.authorize(c, "threads:create", value);
  const metadata = (value["metadata"] ?? {}) as Record<string, unknown>;
  // A thread id the server drew itself is new: no need to look it up in the table or the store.
  if (body.thread_id !== undefined) {
    const existing = await catalog.find(threadId);
    if (existing || (await catalog.isDeleted(threadId))) {
      if (!existing || body.if_exists === "raise" || !matchesAuthFilters(existing.metadata, filters)) throw new ThreadAlreadyExistsError(threadId);
      return c.json(await threadViewWith(engine, existing));
    }
  }
  // The SDK's `threads.create({ graphId })` sends the graph as `metadata.graph_id`: the thread runs that graph.
  const graphId = body.graph_id ?? (typeof metadata["graph_id"] === "string" ? metadata["graph_id"] : undefined);
  const view = await engine.threads.create({ threadId, metadata, ifExists: body.if_exists, ...(graphId !== undefined ? { graphId } : {}) });
  return c.json(threadViewWithEntry(view, await catalog.list(threadId, metadata)));
}
