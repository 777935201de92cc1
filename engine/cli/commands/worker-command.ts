import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { CliCommand } from "../cli-command.js";
import { UsageError } from "../cli-errors.js";
import { exitCodes } from "../exit-codes.js";

// The engine, the config reader and the demo graphs are loaded only when this command runs.
const engineModule = "../../service/create-engine.js";
const configModule = "../../server/read-langgraph-config.js";
const graphModuleLoader = "../load-graph-module.js";
const demoGraphsModule = "../../../scenarios/serve-demo-graphs.js";

/** `replaygraph worker`: executes queued runs of the store, beside other workers and front ends. */
export const workerCommand: CliCommand = {
  name: "worker",
  summary: "execute queued runs of the store's threads, one worker among many processes sharing the database",
  positionals: [],
  flags: [
    { name: "config", kind: "string", value: "<file>", summary: "the langgraph.json whose graphs to run (default: ./langgraph.json)" },
    { name: "demo", kind: "boolean", summary: "run the demo graphs of `serve --demo` instead" },
    { name: "concurrency", kind: "integer", value: "<n>", summary: "the most threads this worker executes runs on at once (default: 10)" },
    { name: "lease", kind: "integer", value: "<ms>", summary: "how long a run's lease lasts; renewed at half of it while the run executes (default: 30000)" },
    {
      name: "crashed",
      kind: "string",
      value: "<policy>",
      summary: "what a run whose worker died becomes: error (default) or requeue (it continues from its last committed step)",
    },
    { name: "sweep", kind: "integer", value: "<ms>", summary: "how often every thread is looked at, for notifications that were lost (default: 30000)" },
  ],
  description:
    "Finds runs queued by any process on the store (`replaygraph serve`, an engine in a service) and executes them: at " +
    "most --concurrency threads at once, each thread's runs in their queue's order. A run is claimed by appending its " +
    "RunStarted event at the revision the worker read, so of several workers exactly one gets it, with no lock service. " +
    "Workers learn of new runs from the database (PostgreSQL LISTEN/NOTIFY, a SQLite file's change counter) and sweep " +
    "every thread now and then. A run holds a lease while it executes; if its worker dies (kill -9, a lost machine), " +
    "another worker takes the run over once the lease expires, and --crashed says whether it then fails or continues " +
    "from its last committed step (the step that was executing runs again). SIGTERM or SIGINT stops gracefully: no new " +
    "runs, running ones finish. Use the same --lease and --crashed on every process of one store.",
  examples: [
    "replaygraph worker --store postgres://app@db/agents --concurrency 8",
    "replaygraph worker --config ./langgraph.json --store sqlite:./threads.db --crashed requeue",
  ],
  usesStore: true,
  async run(session) {
    const demo = session.args.boolean("demo") === true;
    const config = resolve(session.io.cwd, session.args.string("config") ?? "langgraph.json");
    if (!demo && !existsSync(config))
      throw new UsageError(`There is no langgraph.json at ${config}: pass --config <file>, run in its folder, or try --demo`, "worker");
    const crashed = session.args.string("crashed") ?? "error";
    if (crashed !== "error" && crashed !== "requeue") throw new UsageError(`Flag '--crashed' takes error or requeue; got '${crashed}'`, "worker");
    const concurrency = session.args.integer("concurrency") ?? 10;
    if (concurrency < 1)
      throw new UsageError(
        `Flag '--concurrency' needs at least 1 (a process that executes no runs is a front end: replaygraph serve); got ${concurrency}`,
        "worker",
      );
    const store = await session.openStore({ create: true });
    const graphs: Record<string, object> = {};
    if (demo) {
      Object.assign(graphs, (await import(demoGraphsModule)) as typeof import("../../../scenarios/serve-demo-graphs.js"));
    } else {
      const { readLangGraphConfig } = (await import(configModule)) as typeof import("../../server/read-langgraph-config.js");
      const { loadGraphModule, parseGraphModuleSpec } = (await import(graphModuleLoader)) as typeof import("../load-graph-module.js");
      const read = readLangGraphConfig(config);
      for (const [key, value] of Object.entries(read.env)) process.env[key] ??= value;
      for (const [id, spec] of Object.entries(read.graphs))
        graphs[id] = (await loadGraphModule(parseGraphModuleSpec(spec, undefined), session.io.cwd, store)).graph;
    }
    const { createEngine } = (await import(engineModule)) as typeof import("../../service/create-engine.js");
    const lease = session.args.integer("lease");
    const sweep = session.args.integer("sweep");
    const engine = createEngine({
      store,
      graphs,
      worker: { concurrency, ...(sweep !== undefined ? { sweepMs: sweep } : {}) },
      ...(lease !== undefined ? { leaseMs: lease } : {}),
      crashedRuns: crashed,
      onWorkerError: (error) => process.stderr.write(`replaygraph worker: ${error instanceof Error ? error.message : String(error)}\n`),
    });
    await session.print(
      `replaygraph worker: executing runs of graphs ${Object.keys(graphs).join(", ")} (store ${session.storeSpec.text}, concurrency ${concurrency})`,
    );
    // The worker's own timers do not hold the process open; this does, until a signal.
    const keepAlive = setInterval(() => undefined, 1 << 30);
    const signal = await new Promise<string>((done) => {
      process.once("SIGTERM", () => done("SIGTERM"));
      process.once("SIGINT", () => done("SIGINT"));
    });
    clearInterval(keepAlive);
    await session.print(`replaygraph worker: ${signal}: taking no new runs, letting running ones finish`);
    await engine.close();
    await session.print("replaygraph worker: stopped");
    return exitCodes.ok;
  },
};
