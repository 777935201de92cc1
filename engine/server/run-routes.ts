import type { Context, Hono } from "hono";
import type { EventStore } from "../../store/event-store.js";
import type { Engine, RunCreateOptions } from "../service/create-engine.js";
import type { StreamMode } from "../runtime/run-sink.js";
import type { RunView } from "../service/engine-views.js";
import { ServerShuttingDownError, UnsupportedRequestError } from "../errors/server-errors.js";
import type { SystemAssistants } from "./assistant-views.js";
import { readJsonBody } from "./read-json-body.js";
import { cancelQuerySchema, runCreateSchema, type RunCreateBody } from "./request-schemas.js";
import { engineModesFor, type ServerStreamMode } from "./run-frame-translator.js";
import { addStreamRoutes } from "./stream-routes.js";
import { createRunStreams, type RunStreams } from "./run-streams.js";
import { sseTextOf } from "./sse-frame.js";
import { sseResponseOf } from "./sse-response.js";

/** What the run routes need beside the engine. */
export interface RunRoutesContext {
  readonly engine: Engine;
  readonly assistants: SystemAssistants;
  /** False once shutdown began: run creation is then refused with 503. */
  accepting(): boolean;
  /** Called with every run this server creates (shutdown waits for them). */
  onRunCreated(threadId: string, runId: string): void;
  readonly heartbeatMs: number | undefined;
  /** Where `stream_resumable` runs keep their frames (joins from other processes read them there). */
  readonly store: EventStore | undefined;
  /** Where a failed append of a run's frames is reported. */
  readonly onInternalError: (error: unknown) => void;
  /** Called with each stateless run's temporary thread: `on_completion` "keep" lists it, "delete" (default) hides it. */
  readonly onStatelessRun?: (run: RunView, onCompletion: "delete" | "keep") => Promise<void>;
  /** Leaves out runs deleted through the server (DELETE /threads/{id}/runs/{run_id}). */
  readonly visibleRuns?: (runs: RunView[]) => Promise<RunView[]>;
}

/** A run's command as LangGraph shows it as a graph input (`Command`'s JSON): the root `on_chain_start` event's input. */
function commandInputOf(command: NonNullable<RunCreateBody["command"]>): Record<string, unknown> {
  return {
    lg_name: "Command",
    ...(command.update != null ? { update: command.update } : {}),
    ...("resume" in command ? { resume: command.resume } : {}),
    goto: command.goto == null ? [] : Array.isArray(command.goto) ? command.goto : [command.goto],
  };
}

/** A body's `stream_mode` as a list. */
function streamModesOf(body: RunCreateBody): ServerStreamMode[] {
  return typeof body.stream_mode === "string" ? [body.stream_mode] : body.stream_mode;
}

function runOptionsOf(body: RunCreateBody, ifNotExists: "create" | "reject"): RunCreateOptions {
  if (body.checkpoint_id !== undefined || body.checkpoint?.checkpoint_id !== undefined) {
    throw new UnsupportedRequestError(
      "checkpoint_id on a run",
      "Fork with POST /threads/{thread_id}/state (checkpoint_id, values, as_node), then create the run without it.",
    );
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
    ...(body.durability !== undefined ? { durability: body.durability } : {}),
    ...(body.interrupt_before !== undefined ? { interruptBefore: body.interrupt_before } : {}),
    ...(body.interrupt_after !== undefined ? { interruptAfter: body.interrupt_after } : {}),
    ...(body.metadata !== undefined ? { metadata: body.metadata } : {}),
    config: {
      ...(body.config?.recursion_limit !== undefined ? { recursionLimit: body.config.recursion_limit } : {}),
      ...(configurable ? { configurable } : {}),
    },
    streamMode: engineModesFor(streamModesOf(body)),
    ...(body.stream_subgraphs === true ? { streamSubgraphs: true } : {}),
  };
}

/**
 * Runs: create, `stream`, `wait` (stateful and stateless), list, get, `join`, join `stream`,
 * `cancel`. Each translates to one `engine.runs` call; every created run's frames are collected
 * by the server's run streams (stored when `stream_resumable`), which the stream routes read.
 */
export function addRunRoutes(app: Hono, context: RunRoutesContext): void {
  const { engine } = context;
  const streams = createRunStreams({ engine, store: context.store, onError: context.onInternalError });
  addRunCreateRoutes(app, context, streams);
  addStreamRoutes(app, {
    engine,
    streams,
    heartbeatMs: context.heartbeatMs,
    cancelOnDisconnect: (threadId, runId) => cancelOnDisconnect(engine, threadId, runId),
  });
  addRunReadRoutes(app, context);
}

/** `POST /threads/{id}/runs[/stream|/wait]` and the stateless `POST /runs[/stream|/wait]`. */
function addRunCreateRoutes(app: Hono, context: RunRoutesContext, streams: RunStreams): void {
  const { engine } = context;
  const create = (c: Context, threadId: string | undefined, streamed = false) => createRun(context, streams, c, threadId, streamed);
  const location = (threadId: string | undefined, runId: string) => (threadId ? `/threads/${threadId}/runs/${runId}` : `/runs/${runId}`);
  const stream = (threadId: string, runId: string, path: string, onDisconnect: (() => void) | undefined, requestSignal: AbortSignal) =>
    sseResponseOf(
      async function* (signal) {
        for await (const frame of streams.runFrames(threadId, runId, -1, signal)) yield sseTextOf(frame, String(frame.id));
      },
      {
        ...(context.heartbeatMs !== undefined ? { heartbeatMs: context.heartbeatMs } : {}),
        headers: { "content-location": path, location: `${path}/stream` },
        ...(onDisconnect ? { onDisconnect } : {}),
        requestSignal,
      },
    );
  // `on_disconnect: "cancel"` on /wait: a client that goes away before the answer cancels the run.
  const waitOrCancel = (c: Context, threadId: string, runId: string, onDisconnect: string | undefined) => {
    if (onDisconnect === "cancel") {
      const signal = c.req.raw.signal;
      const cancel = cancelOnDisconnect(engine, threadId, runId);
      signal.addEventListener("abort", cancel, { once: true });
      return waitForRun(engine, threadId, runId).finally(() => signal.removeEventListener("abort", cancel));
    }
    return waitForRun(engine, threadId, runId);
  };

  for (const scoped of [true, false]) {
    const prefix = scoped ? "/threads/:thread_id/runs" : "/runs";
    app.post(prefix, async (c) => {
      const { run } = await create(c, scoped ? c.req.param("thread_id") : undefined);
      return c.json(run, 200, { "content-location": location(scoped ? run.thread_id : undefined, run.run_id) });
    });
    app.post(`${prefix}/stream`, async (c) => {
      const { run, body } = await create(c, scoped ? c.req.param("thread_id") : undefined, true);
      const onDisconnect = body.on_disconnect === "cancel" ? cancelOnDisconnect(engine, run.thread_id, run.run_id) : undefined;
      return stream(run.thread_id, run.run_id, location(scoped ? run.thread_id : undefined, run.run_id), onDisconnect, c.req.raw.signal);
    });
    app.post(`${prefix}/wait`, async (c) => {
      const { run, body } = await create(c, scoped ? c.req.param("thread_id") : undefined);
      return c.json(await waitOrCancel(c, run.thread_id, run.run_id, body.on_disconnect), 200, {
        "content-location": location(scoped ? run.thread_id : undefined, run.run_id),
      });
    });
  }
}

/** `GET /threads/{id}/runs`, a run, its `join`, and `cancel`. */
function addRunReadRoutes(app: Hono, context: RunRoutesContext): void {
  const { engine } = context;
  app.get("/threads/:thread_id/runs", async (c) => {
    const limit = Number(c.req.query("limit") ?? 10);
    const offset = Number(c.req.query("offset") ?? 0);
    const status = c.req.query("status");
    const listed = await engine.runs.list(c.req.param("thread_id"));
    const all = (context.visibleRuns ? await context.visibleRuns(listed) : listed).reverse().filter((run) => status === undefined || run.status === status);
    return c.json(all.slice(offset, offset + limit));
  });
  app.get("/threads/:thread_id/runs/:run_id", async (c) => c.json(await engine.runs.get(c.req.param("thread_id"), c.req.param("run_id"))));
  app.get("/threads/:thread_id/runs/:run_id/join", async (c) => c.json(await waitForRun(engine, c.req.param("thread_id"), c.req.param("run_id"))));
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

/** A run's final values, or `{ __error__ }` when it failed (what `/wait` and `/join` answer). */
async function waitForRun(engine: Engine, threadId: string, runId: string) {
  const values = await engine.runs.join(threadId, runId);
  const run = await engine.runs.get(threadId, runId);
  return run.status === "error" && run.error ? { __error__: { error: run.error.name, message: run.error.message } } : values;
}

/** What a client going away does under `on_disconnect: "cancel"`: cancels the run, quietly. */
function cancelOnDisconnect(engine: Engine, threadId: string, runId: string): () => void {
  return () => void engine.runs.cancel(threadId, runId, { action: "interrupt" }).catch(() => undefined);
}

/** Creates the run a `POST .../runs[/stream|/wait]` asks for (the assistant's config its default) and opens its stream. */
async function createRun(context: RunRoutesContext, streams: RunStreams, c: Context, threadId: string | undefined, streamed = false) {
  const { engine, assistants } = context;
  if (!context.accepting()) throw new ServerShuttingDownError();
  const asked = await readJsonBody(c, runCreateSchema);
  const assistant = assistants.find(asked.assistant_id);
  // The assistant's config is the run's default; the run's own config wins key by key.
  const body = assistant
    ? {
        ...asked,
        config: {
          ...assistant.config,
          ...asked.config,
          configurable: { ...(assistant.config["configurable"] as object | undefined), ...asked.config?.configurable },
        },
      }
    : asked;
  const graphId = assistant?.graph_id ?? body.assistant_id;
  const options = runOptionsOf(body, threadId === undefined ? "create" : body.if_not_exists);
  const run = await engine.runs.create(threadId ?? crypto.randomUUID(), graphId, options);
  context.onRunCreated(run.thread_id, run.run_id);
  if (threadId === undefined) await context.onStatelessRun?.(run, body.on_completion ?? "delete");
  await streams.open(
    {
      runId: run.run_id,
      threadId: run.thread_id,
      graphId,
      assistantId: assistant?.assistant_id ?? body.assistant_id,
      input: body.command ? commandInputOf(body.command) : (body.input ?? null),
      modes: streamModesOf(body),
      resumable: body.stream_resumable === true,
      subgraphs: body.stream_subgraphs === true,
    },
    streamed,
  );
  return { run, body };
}
