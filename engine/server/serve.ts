import { serve as serveNode, type ServerType } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import type { EventStore } from "../../store/event-store.js";
import { loadGraphModule, parseGraphModuleSpec } from "../cli/load-graph-module.js";
import { ApiKeyRequiredError } from "../errors/server-errors.js";
import { createEngine, type Engine } from "../service/create-engine.js";
import type { WorkerOptions } from "../service/run-worker.js";
import type { StoreLike } from "../../store/long-term/base-store.js";
import { createServerApp, type CorsOptions } from "./create-server-app.js";
import { createCreatedRuns, type CreatedRuns } from "./created-runs.js";
import { customAuthOf, loadCustomAuth } from "./custom-auth.js";
import { readLangGraphConfig, type LangGraphConfig } from "./read-langgraph-config.js";

/** Options of {@link serve}. */
export interface ServeOptions {
  /** Where threads live. */
  readonly store: EventStore;
  /** Compiled graphs by graph id; or give `config`. */
  readonly graphs?: Readonly<Record<string, object>>;
  /** A `langgraph.json` whose `graphs`, `env` and `http.cors` to use (graphs given above win). */
  readonly config?: string;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 2024 (LangGraph's); 0 picks a free port. */
  readonly port?: number;
  /** Default: `REPLAYGRAPH_API_KEY`, else `LANGGRAPH_API_KEY`, from the environment. */
  readonly apiKey?: string;
  /** Serve a non-loopback host without an API key or custom auth (something in front authenticates). */
  readonly allowUnauthenticated?: boolean;
  /**
   * Custom auth: an `Auth` of `@langchain/langgraph-sdk/auth` (authenticate, then `on` handlers per
   * resource that add and check owner metadata). Default: the module `auth.path` of `config` names.
   */
  readonly auth?: object;
  /** What `/store/items` serves; give the graphs' `store` to share it. Default: an in-memory store. */
  readonly longTermStore?: StoreLike;
  readonly cors?: CorsOptions;
  readonly maxBodyBytes?: number;
  readonly heartbeatMs?: number;
  /** On close: how long running runs may go on to finish before they are cancelled (ms). Default 10 s. */
  readonly shutdownGraceMs?: number;
  readonly leaseMs?: number;
  /**
   * Also execute queued runs as a worker among several processes on one store (see
   * `createEngine({ worker })`); `{ concurrency: 0 }` makes a front end that executes none. Absent:
   * runs execute in this process, as with one process.
   */
  readonly worker?: WorkerOptions;
  /** What happens to a run whose process died: `error` (default) or `requeue`. */
  readonly crashedRuns?: "error" | "requeue";
}

/** A running server. */
export interface RunningServer {
  /** `http://host:port`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /**
   * Graceful shutdown: takes no new runs (503), lets running runs go on for the grace period,
   * cancels the rest (`interrupt`: their committed steps stay, their leases end), then closes.
   * The store is the caller's to close.
   */
  close(): Promise<void>;
}

const loopback = new Set(["127.0.0.1", "localhost", "::1"]);

/**
 * Serves LangGraph's Agent Server API (assistants, threads, runs, SSE streams, double texting,
 * cancel, state, history) over an engine on `store`, so `@langchain/langgraph-sdk` drives it
 * unchanged. An API key (or custom auth) is required when the host is not loopback.
 *
 * @example
 * const server = await serve({ store: new SqliteEventStore("./threads.db"), config: "./langgraph.json", port: 2024 });
 * const client = new Client({ apiUrl: server.url });
 */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const config = options.config !== undefined ? readLangGraphConfig(options.config) : undefined;
  for (const [key, value] of Object.entries(config?.env ?? {})) process.env[key] ??= value;
  const apiKey = options.apiKey ?? (process.env["REPLAYGRAPH_API_KEY"] || process.env["LANGGRAPH_API_KEY"] || undefined);
  const auth = options.auth !== undefined ? customAuthOf(options.auth) : config?.authPath !== undefined ? await loadCustomAuth(config.authPath) : undefined;
  if (apiKey === undefined && auth === undefined && !loopback.has(host) && options.allowUnauthenticated !== true) throw new ApiKeyRequiredError(host);
  const graphs = await servedGraphs(options, config);
  const engine = createEngine({
    store: options.store,
    graphs,
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    ...(options.worker !== undefined ? { worker: options.worker } : {}),
    ...(options.crashedRuns !== undefined ? { crashedRuns: options.crashedRuns } : {}),
  });
  let accepting = true;
  const created = createCreatedRuns(engine);
  const app = createServerApp({
    engine,
    store: options.store,
    auth,
    longTermStore: options.longTermStore,
    graphIds: Object.keys(graphs),
    apiKey,
    cors: options.cors ?? config?.cors,
    ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...(options.heartbeatMs !== undefined ? { heartbeatMs: options.heartbeatMs } : {}),
    accepting: () => accepting,
    onRunCreated: (threadId, runId) => created.add(threadId, runId),
  });
  const server = await new Promise<ServerType>((resolve, reject) => {
    const started = serveNode({ fetch: app.fetch, hostname: host, port: options.port ?? 2024 }, () => resolve(started));
    started.once("error", reject);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    host,
    port,
    async close() {
      accepting = false;
      // With a worker, runs belong to whichever process executes them: this one stops taking
      // runs and lets its own finish (engine.close); the others' are theirs to finish.
      if (options.worker === undefined) await settleRuns(engine, created, options.shutdownGraceMs ?? 10_000);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await engine.close();
    },
  };
}

/** The graphs `langgraph.json` names, loaded, with the ones given in the options over them. */
async function servedGraphs(options: ServeOptions, config: LangGraphConfig | undefined): Promise<Record<string, object>> {
  const graphs: Record<string, object> = {};
  for (const [id, spec] of Object.entries(config?.graphs ?? {})) {
    graphs[id] = (await loadGraphModule(parseGraphModuleSpec(spec, undefined), process.cwd(), options.store)).graph;
  }
  return Object.assign(graphs, options.graphs);
}

/** Lets the server's runs in flight go on for `graceMs`, then cancels the rest (`interrupt`). */
async function settleRuns(engine: Engine, created: CreatedRuns, graceMs: number): Promise<void> {
  const deadline = Date.now() + graceMs;
  let left = await created.inFlight();
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    left = await created.inFlight();
  }
  for (const { threadId, runId } of left) await engine.runs.cancel(threadId, runId, { action: "interrupt" }).catch(() => undefined);
}
