import type { Hono } from "hono";
import { RunStillActiveError } from "../errors/resource-errors.js";
import type { Engine } from "../service/create-engine.js";
import type { ThreadCatalog } from "./thread-catalog.js";

/**
 * `DELETE /threads/{thread_id}/runs/{run_id}`: a run that ended is removed from every run answer
 * (get, list, join, stream, cancel: 404 afterwards). Its steps stay in the thread's history, as
 * they are part of the thread's state; a run still pending or running must be cancelled first (409).
 * Auth (`threads:delete`) is checked by thread-access.
 */
export function addRunResourceRoutes(app: Hono, engine: Engine, catalog: ThreadCatalog): void {
  app.delete("/threads/:thread_id/runs/:run_id", async (c) => {
    const { thread_id: threadId, run_id: runId } = c.req.param();
    const run = await engine.runs.get(threadId, runId);
    if (run.status === "pending" || run.status === "running") throw new RunStillActiveError(threadId, runId);
    await catalog.delistRun(threadId, runId);
    return c.body(null, 204);
  });
}
