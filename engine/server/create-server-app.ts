import { timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import type { EventStore } from "../../store/event-store.js";
import type { Engine } from "../service/create-engine.js";
import { createSystemAssistants } from "./assistant-views.js";
import { httpErrorOf } from "./http-error-of.js";
import { readJsonBody } from "./read-json-body.js";
import { assistantSearchSchema } from "./request-schemas.js";
import { addRunRoutes } from "./run-routes.js";
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
  /** The engine's store: `stream_resumable` runs keep their frames there, for joins from any process. */
  readonly store?: EventStore;
  readonly graphIds: readonly string[];
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
 * The Agent Server API as a Hono app over an engine: `/ok`, `/info`, assistants (one system
 * assistant per graph), threads, runs and their SSE streams. Errors answer `{ detail }` with the
 * official status codes; a 500 says only "Internal server error".
 */
export function createServerApp(options: ServerAppOptions): Hono {
  const app = new Hono();
  const assistants = createSystemAssistants(options.graphIds, new Date());
  app.onError((error, c) => {
    const { status, detail } = httpErrorOf(error);
    if (status === 500) (options.onInternalError ?? console.error)(error);
    return c.json({ detail }, status);
  });
  app.notFound((c) => c.json({ detail: "Not Found" }, 404));
  if (options.cors) {
    const cors_ = options.cors;
    app.use(
      "*",
      cors({
        origin: cors_.allow_origins ? [...cors_.allow_origins] : "*",
        ...(cors_.allow_methods ? { allowMethods: [...cors_.allow_methods] } : {}),
        ...(cors_.allow_headers ? { allowHeaders: [...cors_.allow_headers] } : {}),
        ...(cors_.expose_headers ? { exposeHeaders: [...cors_.expose_headers] } : {}),
        ...(cors_.allow_credentials !== undefined ? { credentials: cors_.allow_credentials } : {}),
        ...(cors_.max_age !== undefined ? { maxAge: cors_.max_age } : {}),
      }),
    );
  }
  app.get("/ok", (c) => c.json({ ok: true }));
  if (options.apiKey !== undefined) {
    const expected = Buffer.from(options.apiKey);
    app.use("*", async (c, next) => {
      const given = c.req.header("x-api-key") ?? /^Bearer (.+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
      const buffer = Buffer.from(given ?? "");
      if (c.req.method !== "OPTIONS" && (buffer.length !== expected.length || !timingSafeEqual(buffer, expected))) {
        return c.json({ detail: "Missing or invalid API key: send it as 'x-api-key' or 'Authorization: Bearer <key>'." }, 401);
      }
      await next();
    });
  }
  const limit = options.maxBodyBytes ?? 10 * 1024 * 1024;
  app.use("*", bodyLimit({ maxSize: limit, onError: (c) => c.json({ detail: `The request body is larger than ${limit} bytes.` }, 413) }));

  app.get("/info", (c) => c.json({ version: "replaygraph", flags: { assistants: true, crons: false, langsmith: false } }));
  app.get("/assistants/:assistant_id", (c) => {
    const assistant = assistants.find(c.req.param("assistant_id"));
    return assistant ? c.json(assistant) : c.json({ detail: `Assistant '${c.req.param("assistant_id")}' not found` }, 404);
  });
  const searchAssistants = async (body: ReturnType<typeof assistantSearchSchema.parse>) =>
    assistants.all.filter(
      (assistant) =>
        (body.graph_id === undefined || assistant.graph_id === body.graph_id) &&
        Object.entries(body.metadata ?? {}).every(([key, value]) => JSON.stringify(assistant.metadata[key]) === JSON.stringify(value)),
    );
  app.post("/assistants/search", async (c) => {
    const body = await readJsonBody(c, assistantSearchSchema);
    return c.json((await searchAssistants(body)).slice(body.offset, body.offset + body.limit));
  });
  app.post("/assistants/count", async (c) => c.json((await searchAssistants(await readJsonBody(c, assistantSearchSchema))).length));

  addThreadRoutes(app, options.engine);
  addRunRoutes(app, {
    engine: options.engine,
    assistants,
    accepting: options.accepting ?? (() => true),
    onRunCreated: options.onRunCreated ?? (() => undefined),
    heartbeatMs: options.heartbeatMs,
    store: options.store,
    onInternalError: options.onInternalError ?? console.error,
  });
  return app;
}
