import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { CliCommand } from "../cli-command.js";
import { UsageError } from "../cli-errors.js";
import { exitCodes } from "../exit-codes.js";

// The server and the demo graphs are loaded only when this command runs.
const serverModule = "../../server/serve.js";
const demoGraphsModule = "../../../scenarios/serve-demo-graphs.js";

/** `replaygraph serve`: LangGraph's Agent Server API over the store, for the graphs in langgraph.json. */
export const serveCommand: CliCommand = {
  name: "serve",
  summary: "serve the graphs of ./langgraph.json over LangGraph's Agent Server HTTP API (the SDK drives it)",
  positionals: [],
  flags: [
    { name: "config", kind: "string", value: "<file>", summary: "the langgraph.json to read (default: ./langgraph.json)" },
    { name: "demo", kind: "boolean", summary: "serve the demo graphs (agent: a, b, c in a row; hitl: asks with interrupt()) instead" },
    { name: "host", kind: "string", value: "<host>", summary: "the address to listen on (default: 127.0.0.1)" },
    { name: "port", kind: "integer", value: "<port>", summary: "the port (default: 2024, LangGraph's; 0 picks a free one)" },
    { name: "auth", kind: "boolean", summary: "--no-auth serves a non-loopback host without an API key (something in front authenticates)" },
    { name: "grace", kind: "integer", value: "<ms>", summary: "on SIGTERM, how long running runs may go on before they are cancelled (default: 10000)" },
    {
      name: "workers",
      kind: "integer",
      value: "<n>",
      summary:
        "share the store with other processes: also execute queued runs of any process, at most <n> threads at once (0: a front end for `replaygraph worker` processes)",
    },
    { name: "lease", kind: "integer", value: "<ms>", summary: "how long a run's lease lasts; renewed at half of it while the run executes (default: 30000)" },
    {
      name: "crashed",
      kind: "string",
      value: "<policy>",
      summary: "what a run whose process died becomes: error (default) or requeue (it continues from its last committed step)",
    },
  ],
  description:
    "Reads langgraph.json as LangGraph's CLI does (graphs, env, http.cors, auth.path) and serves assistants, threads, " +
    "runs, SSE streams, double texting, cancel, state, history and the long-term store at LangGraph's paths, so " +
    "@langchain/langgraph-sdk and UIs built on it work unchanged. Every thread lives in the store. auth.path names a custom " +
    "Auth module (@langchain/langgraph-sdk/auth) whose handlers authenticate requests and filter resources by owner. When " +
    "the host is not loopback, an API key or custom auth is required: set REPLAYGRAPH_API_KEY (or LANGGRAPH_API_KEY); " +
    "clients send it as x-api-key. SIGTERM or SIGINT shuts down gracefully: " +
    "no new runs, running ones get --grace ms to finish, the rest are cancelled keeping their committed steps. With " +
    "--workers, runs are distributed through the store over this and other processes (`replaygraph worker`), and streams " +
    "reach clients of any process; use the same --lease and --crashed on every process of one store.",
  examples: [
    "replaygraph serve",
    "replaygraph serve --demo --store sqlite:./demo.db",
    "replaygraph serve --store postgres://app@db/agents --workers 0",
    "REPLAYGRAPH_API_KEY=secret replaygraph serve --host 0.0.0.0 --port 8123",
  ],
  usesStore: true,
  async run(session) {
    const demo = session.args.boolean("demo") === true;
    const config = resolve(session.io.cwd, session.args.string("config") ?? "langgraph.json");
    if (!demo && !existsSync(config)) throw new UsageError(`There is no langgraph.json at ${config}: pass --config <file>, run in its folder, or try --demo`);
    const store = await session.openStore({ create: true });
    const { serve } = (await import(serverModule)) as typeof import("../../server/serve.js");
    const graphs = demo ? { ...((await import(demoGraphsModule)) as typeof import("../../../scenarios/serve-demo-graphs.js")) } : undefined;
    const port = session.args.integer("port");
    const grace = session.args.integer("grace");
    const workers = session.args.integer("workers");
    if (workers !== undefined && workers < 0) throw new UsageError(`Flag '--workers' takes 0 or more threads; got ${workers}`, "serve");
    const crashed = session.args.string("crashed");
    if (crashed !== undefined && crashed !== "error" && crashed !== "requeue")
      throw new UsageError(`Flag '--crashed' takes error or requeue; got '${crashed}'`, "serve");
    const lease = session.args.integer("lease");
    const server = await serve({
      store,
      ...(graphs ? { graphs } : { config }),
      ...(session.args.string("host") !== undefined ? { host: session.args.string("host")! } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(session.args.boolean("auth") === false ? { allowUnauthenticated: true } : {}),
      ...(grace !== undefined ? { shutdownGraceMs: grace } : {}),
      ...(workers !== undefined ? { worker: { concurrency: workers } } : {}),
      ...(lease !== undefined ? { leaseMs: lease } : {}),
      ...(crashed !== undefined ? { crashedRuns: crashed } : {}),
      ...(session.io.env["REPLAYGRAPH_API_KEY"] ? { apiKey: session.io.env["REPLAYGRAPH_API_KEY"] } : {}),
    });
    await session.print(`replaygraph serve: ${server.url} (store ${session.storeSpec.text}${demo ? ", demo graphs agent and hitl" : `, graphs of ${config}`})`);
    const signal = await new Promise<string>((done) => {
      process.once("SIGTERM", () => done("SIGTERM"));
      process.once("SIGINT", () => done("SIGINT"));
    });
    await session.print(`replaygraph serve: ${signal}: taking no new runs, letting running ones finish`);
    await server.close();
    await session.print("replaygraph serve: stopped");
    return exitCodes.ok;
  },
};
