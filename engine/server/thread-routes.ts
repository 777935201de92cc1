import type { Hono } from "hono";
import type { Engine } from "../service/create-engine.js";
import type { ThreadView } from "../service/engine-views.js";
import type { StateSnapshot } from "../thread/state-snapshot.js";
import { readJsonBody } from "./read-json-body.js";
import { historySchema, stateUpdateSchema, threadCreateSchema, threadSearchSchema } from "./request-schemas.js";

/** A checkpoint's state as the Agent Server's `ThreadState` shows it (snake_case, `checkpoint` beside `config`). */
export function threadStateOf(snapshot: StateSnapshot): Record<string, unknown> {
  const { checkpoint_id, ...rest } = snapshot.config.configurable;
  return {
    values: snapshot.values,
    next: snapshot.next,
    tasks: snapshot.tasks.map((task) => ({ id: task.id, name: task.name, error: task.error ? task.error.message : null, interrupts: task.interrupts, checkpoint: null, state: null, result: task.result ?? null })),
    checkpoint: { ...rest, checkpoint_id: checkpoint_id ?? null, checkpoint_map: null },
    metadata: snapshot.metadata ?? null,
    created_at: snapshot.createdAt ?? null,
    parent_checkpoint: snapshot.parentConfig ? { ...snapshot.parentConfig.configurable, checkpoint_map: null } : null,
    interrupts: snapshot.tasks.flatMap((task) => task.interrupts),
  };
}

const matches = (thread: ThreadView, filter: Readonly<Record<string, unknown>> | undefined): boolean =>
  filter === undefined || Object.entries(filter).every(([key, value]) => JSON.stringify(thread.metadata[key]) === JSON.stringify(value));

/** Threads: create (`if_exists`), get, search, count, `state` get/post, `state/{checkpoint_id}`, `history` get/post. */
export function addThreadRoutes(app: Hono, engine: Engine): void {
  app.post("/threads", async (c) => {
    const body = await readJsonBody(c, threadCreateSchema);
    const thread = await engine.threads.create({
      ...(body.thread_id !== undefined ? { threadId: body.thread_id } : {}),
      ...(body.metadata !== undefined ? { metadata: body.metadata } : {}),
      ifExists: body.if_exists,
      ...(body.graph_id !== undefined ? { graphId: body.graph_id } : {}),
    });
    return c.json(thread);
  });
  const search = async (body: ReturnType<typeof threadSearchSchema.parse>): Promise<ThreadView[]> => {
    const all = await engine.threads.list(body.status !== undefined ? { status: body.status } : {});
    return all.filter((thread) => (body.ids === undefined || body.ids.includes(thread.thread_id)) && matches(thread, body.metadata)).reverse();
  };
  app.post("/threads/search", async (c) => {
    const body = await readJsonBody(c, threadSearchSchema);
    return c.json((await search(body)).slice(body.offset, body.offset + body.limit));
  });
  app.post("/threads/count", async (c) => c.json((await search(await readJsonBody(c, threadSearchSchema))).length));
  app.get("/threads/:thread_id", async (c) => c.json(await engine.threads.get(c.req.param("thread_id"))));
  app.get("/threads/:thread_id/state", async (c) => c.json(threadStateOf(await engine.threads.getState(c.req.param("thread_id")))));
  app.get("/threads/:thread_id/state/:checkpoint_id", async (c) =>
    c.json(threadStateOf(await engine.threads.getState(c.req.param("thread_id"), c.req.param("checkpoint_id")))),
  );
  app.post("/threads/:thread_id/state", async (c) => {
    const body = await readJsonBody(c, stateUpdateSchema);
    const values = Array.isArray(body.values) ? Object.assign({}, ...body.values) : (body.values ?? null);
    const checkpointId = body.checkpoint_id ?? body.checkpoint?.checkpoint_id;
    const config = await engine.threads.updateState(c.req.param("thread_id"), {
      values,
      ...(body.as_node !== undefined ? { asNode: body.as_node } : {}),
      ...(checkpointId !== undefined ? { checkpointId } : {}),
    });
    return c.json({ checkpoint: config.configurable });
  });
  const history = async (threadId: string, body: ReturnType<typeof historySchema.parse>) => {
    const all = await engine.threads.getHistory(threadId);
    const before = typeof body.before === "string" ? body.before : body.before?.configurable.checkpoint_id;
    const start = before === undefined ? 0 : all.findIndex((snapshot) => snapshot.config.configurable.checkpoint_id === before) + 1;
    return all.slice(start, start + body.limit).map(threadStateOf);
  };
  app.post("/threads/:thread_id/history", async (c) => c.json(await history(c.req.param("thread_id"), await readJsonBody(c, historySchema))));
  app.get("/threads/:thread_id/history", async (c) => {
    const limit = c.req.query("limit");
    const before = c.req.query("before");
    return c.json(await history(c.req.param("thread_id"), historySchema.parse({ ...(limit ? { limit: Number(limit) } : {}), ...(before ? { before } : {}) })));
  });
}
