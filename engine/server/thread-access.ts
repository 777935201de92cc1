import type { Context, Hono } from "hono";
import { RunDeletedError, ThreadHiddenError } from "../errors/resource-errors.js";
import { matchesAuthFilters, ownerMetadataOf } from "./metadata-filters.js";
import type { RequestAuthorizer } from "./request-auth.js";
import type { ThreadCatalog } from "./thread-catalog.js";
import { requestText } from "./request-text.js";

const collectionPaths = new Set(["search", "count", "prune"]);

/** The auth event a request on `/threads/{id}/...` is, as the Agent Server names it. */
export function threadEventOf(method: string, rest: readonly string[]): string {
  if (method === "GET") return "threads:read";
  if (method === "DELETE") return "threads:delete";
  if (method === "PATCH") return "threads:update";
  // POST
  if (rest[0] === "runs" && (rest.length === 1 || (rest.length === 2 && (rest[1] === "stream" || rest[1] === "wait")))) return "threads:create_run";
  if (rest[0] === "runs" && rest[2] === "cancel") return "threads:update";
  if (rest[0] === "state" && rest.length === 1) return "threads:update";
  return "threads:read";
}

/**
 * Guards every `/threads/{thread_id}/...` request: a deleted thread, or one the caller's auth
 * filters do not match, answers 404 (not 403: the Agent Server does not tell others' threads from
 * missing ones), as does a deleted run. A run puts its `graph_id` and `assistant_id` in its
 * thread's metadata; a thread a run creates (`if_not_exists: "create"`) also gets the caller's
 * owner filters as metadata, so it is theirs. Stateless runs (`/runs`)
 * ask `threads:create_run` too.
 */
export function addThreadAccess(
  app: Hono,
  catalog: ThreadCatalog,
  auth: RequestAuthorizer,
  assistantOf: (idOrGraphId: string) => { assistant_id: string; graph_id: string } | undefined,
): void {
  const guard = async (c: Context, next: () => Promise<void>) => {
    const threadId = c.req.param("thread_id")!;
    if (c.req.method === "POST" && collectionPaths.has(threadId) && !c.req.path.slice("/threads/".length).includes("/")) return next();
    const rest = c.req.path.split("/").slice(3);
    const event = threadEventOf(c.req.method, rest);
    // Thread PATCH and DELETE authorize in their routes (they need the handler's filters there).
    if (rest.length === 0 && c.req.method !== "GET") return next();
    const body = event === "threads:create_run" ? await requestText(c) : "";
    const value: Record<string, unknown> = { thread_id: threadId, ...(event === "threads:create_run" ? parsedBody(body) : {}) };
    if (rest[0] === "runs" && rest[1] !== undefined && rest[1] !== "stream" && rest[1] !== "wait") value["run_id"] = rest[1];
    const filters = await auth.authorize(c, event, value);
    const entry = await catalog.find(threadId);
    if (entry ? !matchesAuthFilters(entry.metadata, filters) : await catalog.isDeleted(threadId)) throw new ThreadHiddenError(threadId);
    if (value["run_id"] !== undefined && (await catalog.isRunDeleted(threadId, String(value["run_id"]))))
      throw new RunDeletedError(threadId, String(value["run_id"]));
    await next();
    if (event === "threads:create_run" && c.res.ok) {
      // As the Agent Server does, a run marks its thread with the graph and assistant it ran.
      const assistant = typeof value["assistant_id"] === "string" ? assistantOf(value["assistant_id"]) : undefined;
      const marks = assistant ? { graph_id: assistant.graph_id, assistant_id: assistant.assistant_id } : {};
      if (!entry) await catalog.list(threadId, { ...marks, ...ownerMetadataOf(filters) });
      else if (Object.entries(marks).some(([key, mark]) => entry.metadata[key] !== mark)) await catalog.patch(threadId, marks);
    }
  };
  // Hono's `/threads/:thread_id/*` also matches `/threads/:thread_id` itself.
  app.use("/threads/:thread_id/*", guard);
  for (const path of ["/runs", "/runs/stream", "/runs/wait"]) {
    app.post(path, async (c, next) => {
      await auth.authorize(c, "threads:create_run", parsedBody(await requestText(c)));
      await next();
    });
  }
}

function parsedBody(text: string): Record<string, unknown> {
  try {
    const body: unknown = JSON.parse(text);
    return body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
