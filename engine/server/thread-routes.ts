import type { Hono } from "hono";
import type { Engine } from "../service/create-engine.js";
import type { StateSnapshot } from "../thread/state-snapshot.js";
import { isContained } from "./metadata-filters.js";
import { readJsonBody } from "./read-json-body.js";
import { historySchema, stateAtCheckpointSchema, stateUpdateSchema } from "./request-schemas.js";

/** A checkpoint's state as the Agent Server's `ThreadState` shows it (snake_case, `checkpoint` beside `config`). */
export function threadStateOf(snapshot: StateSnapshot): Record<string, unknown> {
  const { checkpoint_id, ...rest } = snapshot.config.configurable;
  return {
    values: snapshot.values,
    next: snapshot.next,
    tasks: snapshot.tasks.map((task) => ({
      id: task.id,
      name: task.name,
      error: task.error ? task.error.message : null,
      interrupts: task.interrupts,
      checkpoint: null,
      state: null,
      result: task.result ?? null,
    })),
    checkpoint: { ...rest, checkpoint_id: checkpoint_id ?? null, checkpoint_map: null },
    metadata: snapshot.metadata ?? null,
    created_at: snapshot.createdAt ?? null,
    parent_checkpoint: snapshot.parentConfig ? { ...snapshot.parentConfig.configurable, checkpoint_map: null } : null,
    interrupts: snapshot.tasks.flatMap((task) => task.interrupts),
  };
}

/**
 * A thread's state: `state` get/post, `state/{checkpoint_id}`, `state/checkpoint`, `history` get/post
 * (`limit`, `before`). Threads as resources (create, get, patch, delete, copy, search) are in
 * thread-resource-routes.ts.
 */
export function addThreadRoutes(app: Hono, engine: Engine): void {
  app.get("/threads/:thread_id/state", async (c) => c.json(threadStateOf(await engine.threads.getState(c.req.param("thread_id")))));
  app.get("/threads/:thread_id/state/:checkpoint_id", async (c) =>
    c.json(threadStateOf(await engine.threads.getState(c.req.param("thread_id"), c.req.param("checkpoint_id")))),
  );
  app.post("/threads/:thread_id/state/checkpoint", async (c) => {
    const body = await readJsonBody(c, stateAtCheckpointSchema);
    return c.json(threadStateOf(await engine.threads.getState(c.req.param("thread_id"), body.checkpoint?.checkpoint_id ?? undefined)));
  });
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
    return all
      .slice(start)
      .filter((snapshot) => body.metadata === undefined || isContained(snapshot.metadata ?? {}, body.metadata))
      .slice(0, body.limit)
      .map(threadStateOf);
  };
  app.post("/threads/:thread_id/history", async (c) => c.json(await history(c.req.param("thread_id"), await readJsonBody(c, historySchema))));
  app.get("/threads/:thread_id/history", async (c) => {
    const limit = c.req.query("limit");
    const before = c.req.query("before");
    return c.json(await history(c.req.param("thread_id"), historySchema.parse({ ...(limit ? { limit: Number(limit) } : {}), ...(before ? { before } : {}) })));
  });
}
