import { timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import { cors } from "hono/cors";
import type { EventStore } from "../../store/event-store.js";
import type { StoreLike } from "../../store/long-term/base-store.js";
import { InMemoryStore } from "../../store/long-term/in-memory-store.js";
import type { Engine } from "../service/create-engine.js";
import type { RunView } from "../service/engine-views.js";
import { AuthRejectedError } from "../errors/resource-errors.js";
import { createAssistantRegistry, type AssistantRegistry } from "./assistant-registry.js";
import { addAssistantRoutes } from "./assistant-routes.js";
import type { CustomAuth } from "./custom-auth.js";
import { httpErrorOf } from "./http-error-of.js";
import { createRequestAuthorizer } from "./request-auth.js";
import { requestSizeLimit } from "./request-text.js";
import { addRunResourceRoutes } from "./run-resource-routes.js";
import { addRunRoutes } from "./run-routes.js";
import { addStoreRoutes } from "./store-routes.js";
import { addThreadAccess } from "./thread-access.js";
import { createThreadCatalog, type ThreadCatalog } from "./thread-catalog.js";
import { addThreadResourceRoutes } from "./thread-resource-routes.js";
import { addThreadRoutes } from "./thread-routes.js";

/** CORS, as langgraph.json's `http.cors` names it. */
export interface CorsOptions {
  readonly allow_origins?: readonly string[];
  readonly allow_methods?: readonly string[];
  readonly allow_headers?: readonly string[];
  readonly allow_credentials?: boolean;
  readonly expose_headers?: readonly string[];
  readonly max_age?: number;
}

/** Options of {@link createServerApp}. */
export interface ServerAppOptions {
  readonly engine: Engine;
  /** The engine's event store: the server keeps its thread table and assistants there too (streams `server-threads`, `server-assistants`). */
  readonly store: EventStore;
  readonly graphIds: readonly string[];
  /** The long-term store `/store/items` serves (give the graphs' `store` to share it with them). Default: a new in-memory store. */
  readonly longTermStore?: StoreLike | undefined;
  /** Custom auth (`auth.path` of langgraph.json): `authenticate` on every request but `/ok` and `/info`, `on` handlers per resource. */
  readonly auth?: CustomAuth | undefined;
  /** When set, every request but `/ok` must carry it (`x-api-key: <key>` or `Authorization: Bearer <key>`). */
  readonly apiKey?: string | undefined;
  /** Largest request body, bytes. Default 10 MiB. */
  readonly maxBodyBytes?: number;
  readonly cors?: CorsOptions | undefined;
  readonly heartbeatMs?: number;
  /** False once shutdown began. Default: always true. */
  readonly accepting?: () => boolean;
  readonly onRunCreated?: (threadId: string, runId: string) => void;
  /** Where 500s are reported (never to the client). Default: console.error. */
  readonly onInternalError?: (error: unknown) => void;
}

/**
 * The Agent Server API as a Hono app over an engine: `/ok`, `/info`, assistants (a system
 * assistant per graph, and CRUD with versions), threads (state, and as resources: patch, delete,
 * copy, search), runs and their SSE streams, the long-term store, custom auth. Errors answer `{ detail }` with the
 * official status codes; a 500 says only "Internal server error".
 */
export function createServerApp(options: ServerAppOptions): Hono {
  const app = new Hono();
  const assistants = createAssistantRegistry(options.store, options.graphIds);
  const catalog = createThreadCatalog(options.store);
  const auth = createRequestAuthorizer(options.auth);
  app.onError((error, c) => {
    const { status, detail } = httpErrorOf(error);
    const headers = error instanceof AuthRejectedError ? error.headers : {};
    if (status === 500) (options.onInternalError ?? console.error)(error);
    return c.json({ detail }, status, headers);
  });
  app.notFound((c) => c.json({ detail: "Not Found" }, 404));
  if (options.cors) addCors(app, options.cors);
  app.get("/ok", (c) => c.json({ ok: true }));
  if (options.apiKey !== undefined) addApiKeyCheck(app, options.apiKey);
  const limit = options.maxBodyBytes ?? 10 * 1024 * 1024;
  app.use(
    "*",
    requestSizeLimit(limit, (c) => c.json({ detail: `The request body is larger than ${limit} bytes.` }, 413)),
  );

  if (auth.enabled) {
    app.use("*", async (c, next) => {
      if (c.req.method !== "OPTIONS" && c.req.path !== "/info") await auth.authenticate(c);
      await next();
    });
  }

  app.get("/info", (c) => c.json({ version: "replaygraph", flags: { assistants: true, crons: false, langsmith: false } }));
  addAssistantRoutes(app, assistants, auth);
  addStoreRoutes(app, options.longTermStore ?? new InMemoryStore(), auth);
  addThreadAccess(app, catalog, auth, (id) => assistants.find(id));
  addThreadResourceRoutes(app, { engine: options.engine, store: options.store, catalog, auth });
  addRunResourceRoutes(app, options.engine, catalog, auth);
  addThreadRoutes(app, options.engine);
  addRunRoutes(app, {
    engine: options.engine,
    assistants,
    accepting: options.accepting ?? (() => true),
    onRunCreated: options.onRunCreated ?? (() => undefined),
    heartbeatMs: options.heartbeatMs,
    store: options.store,
    onInternalError: options.onInternalError ?? console.error,
    // A stateless run's thread is deleted when the run ends (on_completion "delete", the default), as on the Agent Server.
    onStatelessRun: statelessRunHook(options, assistants, catalog),
    visibleRuns: async (runs) => {
      const hidden = await Promise.all(runs.map((run) => catalog.isRunDeleted(run.thread_id, run.run_id)));
      return runs.filter((_, index) => !hidden[index]);
    },
  });
  return app;
}

/** CORS as langgraph.json's `http.cors` asks. */
function addCors(app: Hono, options: CorsOptions): void {
  app.use(
    "*",
    cors({
      origin: options.allow_origins ? [...options.allow_origins] : "*",
      ...(options.allow_methods ? { allowMethods: [...options.allow_methods] } : {}),
      ...(options.allow_headers ? { allowHeaders: [...options.allow_headers] } : {}),
      ...(options.expose_headers ? { exposeHeaders: [...options.expose_headers] } : {}),
      ...(options.allow_credentials !== undefined ? { credentials: options.allow_credentials } : {}),
      ...(options.max_age !== undefined ? { maxAge: options.max_age } : {}),
    }),
  );
}

/** Every request but `/ok` and preflights must carry the API key (compared in constant time). */
function addApiKeyCheck(app: Hono, apiKey: string): void {
  const expected = Buffer.from(apiKey);
  app.use("*", async (c, next) => {
    const given = c.req.header("x-api-key") ?? /^Bearer (.+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
    const buffer = Buffer.from(given ?? "");
    if (c.req.method !== "OPTIONS" && (buffer.length !== expected.length || !timingSafeEqual(buffer, expected))) {
      return c.json({ detail: "Missing or invalid API key: send it as 'x-api-key' or 'Authorization: Bearer <key>'." }, 401);
    }
    await next();
  });
}

/** A stateless run's thread is deleted when the run ends (on_completion "delete", the default), as on the Agent Server. */
function statelessRunHook(options: ServerAppOptions, assistants: AssistantRegistry, catalog: ThreadCatalog) {
  return async (run: RunView, onCompletion: "delete" | "keep"): Promise<void> => {
    const assistant = assistants.find(run.assistant_id);
    await catalog.list(run.thread_id, assistant ? { graph_id: assistant.graph_id, assistant_id: assistant.assistant_id } : {}, {
      temporary: onCompletion === "delete",
    });
    if (onCompletion === "delete") {
      void options.engine.runs
        .join(run.thread_id, run.run_id)
        .catch(() => undefined)
        .then(() => catalog.delist(run.thread_id))
        .catch((error: unknown) => (options.onInternalError ?? console.error)(error));
    }
  };
}
