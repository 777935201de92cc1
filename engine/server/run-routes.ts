import type { Context, Hono } from "hono";
import type { Engine, RunCreateOptions } from "../service/create-engine.js";
import type { StreamMode } from "../runtime/run-sink.js";
import type { RunView } from "../service/engine-views.js";
import { ServerShuttingDownError, UnsupportedRequestError } from "../errors/server-errors.js";
import type { SystemAssistants } from "./assistant-views.js";
import { readJsonBody } from "./read-json-body.js";
import { cancelQuerySchema, runCreateSchema, type RunCreateBody } from "./request-schemas.js";
import { sseResponseOf } from "./sse-response.js";

const engineModes: readonly string[] = ["values", "updates", "custom", "debug"];
const keptStreamModes = 1000;

/** What the run routes need beside the engine. */
export interface RunRoutesContext {
  readonly engine: Engine;
  readonly assistants: SystemAssistants;
  /** False once shutdown began: run creation is then refused with 503. */
  accepting(): boolean;
  /** Called with every run this server creates (shutdown waits for them). */
  onRunCreated(threadId: string, runId: string): void;
  readonly heartbeatMs: number | undefined;
  /** Called with each stateless run's temporary thread: `on_completion` "keep" lists it, "delete" (default) hides it. */
  readonly onStatelessRun?: (run: RunView, onCompletion: "delete" | "keep") => Promise<void>;
  /** Leaves out runs deleted through the server (DELETE /threads/{id}/runs/{run_id}). */
  readonly visibleRuns?: (runs: RunView[]) => Promise<RunView[]>;
}

/** The modes of a body's `stream_mode` that the engine streams (others are dropped: messages, events, tasks, checkpoints, tools). */
function streamModesOf(body: RunCreateBody): StreamMode[] {
  const asked = typeof body.stream_mode === "string" ? [body.stream_mode] : body.stream_mode;
  return asked.filter((mode): mode is StreamMode => engineModes.includes(mode));
}

function runOptionsOf(body: RunCreateBody, ifNotExists: "create" | "reject"): RunCreateOptions {
  if (body.checkpoint_id !== undefined || body.checkpoint?.checkpoint_id !== undefined) {
    throw new UnsupportedRequestError("checkpoint_id on a run", "Fork with POST /threads/{thread_id}/state (checkpoint_id, values, as_node), then create the run without it.");
  }
  const configurable = body.config?.configurable;
  return {
    input: body.input ?? null,
    ...(body.command
      ? {
          command: {
            ...("resume" in body.command ? { resume: body.command.resume } : {}),
            ...(body.command.update ? { update: Array.isArray(body.command.update) ? Object.fromEntries(body.command.update) : body.command.update } : {}),
            ...(body.command.goto ? { goto: body.command.goto } : {}),
          },
        }
      : {}),
    multitaskStrategy: body.multitask_strategy,
    ifNotExists,
    ...(body.interrupt_before !== undefined ? { interruptBefore: body.interrupt_before } : {}),
    ...(body.interrupt_after !== undefined ? { interruptAfter: body.interrupt_after } : {}),
    ...(body.metadata !== undefined ? { metadata: body.metadata } : {}),
    config: { ...(body.config?.recursion_limit !== undefined ? { recursionLimit: body.config.recursion_limit } : {}), ...(configurable ? { configurable } : {}) },
    streamMode: streamModesOf(body),
  };
}

/**
 * Runs: create, `stream`, `wait` (stateful and stateless), list, get, `join`, join `stream`,
 * `cancel`. Each translates to one `engine.runs` call; the only state kept here is which modes a
 * run's creator asked to stream (a join streams those, as on the official server).
 */
export function addRunRoutes(app: Hono, context: RunRoutesContext): void {
  const { engine, assistants } = context;
  const modesByRun = new Map<string, StreamMode[]>();

  const create = async (c: Context, threadId: string | undefined) => {
    if (!context.accepting()) throw new ServerShuttingDownError();
    const asked = await readJsonBody(c, runCreateSchema);
    const assistant = assistants.find(asked.assistant_id);
    // The assistant's config is the run's default; the run's own config wins key by key.
    const body = assistant ? { ...asked, config: { ...assistant.config, ...asked.config, configurable: { ...(assistant.config["configurable"] as object | undefined), ...asked.config?.configurable } } } : asked;
    const graphId = assistant?.graph_id ?? body.assistant_id;
    const options = runOptionsOf(body, threadId === undefined ? "create" : body.if_not_exists);
    const run = await engine.runs.create(threadId ?? crypto.randomUUID(), graphId, options);
    context.onRunCreated(run.thread_id, run.run_id);
    if (threadId === undefined) await context.onStatelessRun?.(run, body.on_completion ?? "delete");
    modesByRun.set(run.run_id, streamModesOf(body));
    for (const [id] of modesByRun) {
      if (modesByRun.size <= keptStreamModes) break;
      modesByRun.delete(id);
    }
    return { run, modes: streamModesOf(body) };
  };
  const location = (threadId: string | undefined, runId: string) => (threadId ? `/threads/${threadId}/runs/${runId}` : `/runs/${runId}`);
  const stream = async (threadId: string, runId: string, modes: StreamMode[], path: string) =>
    sseResponseOf(await engine.runs.joinStream(threadId, runId, { streamMode: modes }), {
      ...(context.heartbeatMs !== undefined ? { heartbeatMs: context.heartbeatMs } : {}),
      headers: { "content-location": path, location: `${path}/stream` },
    });
  const wait = async (threadId: string, runId: string) => {
    const values = await engine.runs.join(threadId, runId);
    const run = await engine.runs.get(threadId, runId);
    return run.status === "error" && run.error ? { __error__: { error: run.error.name, message: run.error.message } } : values;
  };

  for (const scoped of [true, false]) {
    const prefix = scoped ? "/threads/:thread_id/runs" : "/runs";
    app.post(prefix, async (c) => {
      const { run } = await create(c, scoped ? c.req.param("thread_id") : undefined);
      return c.json(run, 200, { "content-location": location(scoped ? run.thread_id : undefined, run.run_id) });
    });
    app.post(`${prefix}/stream`, async (c) => {
      const { run, modes } = await create(c, scoped ? c.req.param("thread_id") : undefined);
      return stream(run.thread_id, run.run_id, modes, location(scoped ? run.thread_id : undefined, run.run_id));
    });
    app.post(`${prefix}/wait`, async (c) => {
      const { run } = await create(c, scoped ? c.req.param("thread_id") : undefined);
      return c.json(await wait(run.thread_id, run.run_id), 200, { "content-location": location(scoped ? run.thread_id : undefined, run.run_id) });
    });
  }
  app.get("/threads/:thread_id/runs", async (c) => {
    const limit = Number(c.req.query("limit") ?? 10);
    const offset = Number(c.req.query("offset") ?? 0);
    const status = c.req.query("status");
    const listed = await engine.runs.list(c.req.param("thread_id"));
    const all = (context.visibleRuns ? await context.visibleRuns(listed) : listed).reverse().filter((run) => status === undefined || run.status === status);
    return c.json(all.slice(offset, offset + limit));
  });
  app.get("/threads/:thread_id/runs/:run_id", async (c) => c.json(await engine.runs.get(c.req.param("thread_id"), c.req.param("run_id"))));
  app.get("/threads/:thread_id/runs/:run_id/join", async (c) => c.json(await wait(c.req.param("thread_id"), c.req.param("run_id"))));
  app.get("/threads/:thread_id/runs/:run_id/stream", async (c) => {
    const { thread_id: threadId, run_id: runId } = c.req.param();
    await engine.runs.get(threadId, runId);
    const asked = c.req.queries("stream_mode")?.filter((mode): mode is StreamMode => engineModes.includes(mode));
    return stream(threadId, runId, asked && asked.length > 0 ? asked : (modesByRun.get(runId) ?? ["values"]), location(threadId, runId));
  });
  app.post("/threads/:thread_id/runs/:run_id/cancel", async (c) => {
    const { thread_id: threadId, run_id: runId } = c.req.param();
    const query = cancelQuerySchema.parse(c.req.query());
    await engine.runs.get(threadId, runId);
    const cancelled = engine.runs.cancel(threadId, runId, { action: query.action });
    if (query.wait) {
      await cancelled;
      return c.body(null, 204);
    }
    cancelled.catch(() => undefined);
    return c.body(null, 202);
  });
}
