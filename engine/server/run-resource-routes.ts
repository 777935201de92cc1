import type { Hono } from "hono";
import { RunStillActiveError } from "../errors/resource-errors.js";
import type { Engine } from "../service/create-engine.js";
import { ThreadHiddenError } from "../errors/resource-errors.js";
import { matchesAuthFilters } from "./metadata-filters.js";
import { readJsonBody } from "./read-json-body.js";
import type { RequestAuthorizer } from "./request-auth.js";
import { cancelQuerySchema } from "./request-schemas.js";
import { bulkCancelSchema } from "./resource-schemas.js";
import type { ThreadCatalog } from "./thread-catalog.js";

/**
 * `DELETE /threads/{thread_id}/runs/{run_id}`: a run that ended is removed from every run answer
 * (get, list, join, stream, cancel: 404 afterwards). Its steps stay in the thread's history, as
 * they are part of the thread's state; a run still pending or running must be cancelled first (409).
 * Auth (`threads:delete`) is checked by thread-access.
 */
export function addRunResourceRoutes(app: Hono, engine: Engine, catalog: ThreadCatalog, auth: RequestAuthorizer): void {
  /**
   * `POST /runs/cancel?action=`: cancels the given runs of a thread (`{ thread_id, run_ids }`), or
   * every pending and/or running run (`{ status }`) of the threads the caller may update. 204.
   */
  app.post("/runs/cancel", async (c) => {
    const body = await readJsonBody(c, bulkCancelSchema);
    const { action } = cancelQuerySchema.parse(c.req.query());
    const filters = await auth.authorize(c, "threads:update", { thread_id: body.thread_id, run_ids: body.run_ids, status: body.status, action });
    const wanted = (status: string) => (body.status === "all" ? status === "pending" || status === "running" : status === (body.status ?? ""));
    const cancelIn = async (threadId: string, runIds: readonly string[] | undefined) => {
      for (const run of await engine.runs.list(threadId)) {
        const active = run.status === "pending" || run.status === "running";
        if (active && (runIds ? runIds.includes(run.run_id) : wanted(run.status))) await engine.runs.cancel(threadId, run.run_id, { action });
      }
    };
    if (body.thread_id !== undefined) {
      const entry = await catalog.find(body.thread_id);
      if (!entry || !matchesAuthFilters(entry.metadata, filters)) throw new ThreadHiddenError(body.thread_id);
      await cancelIn(body.thread_id, body.run_ids);
    } else {
      for await (const entry of catalog.search({ authFilters: filters })) await cancelIn(entry.threadId, undefined);
    }
    return c.body(null, 204);
  });

  app.delete("/threads/:thread_id/runs/:run_id", async (c) => {
    const { thread_id: threadId, run_id: runId } = c.req.param();
    const run = await engine.runs.get(threadId, runId);
    if (run.status === "pending" || run.status === "running") throw new RunStillActiveError(threadId, runId);
    await catalog.delistRun(threadId, runId);
    return c.body(null, 204);
  });
}
