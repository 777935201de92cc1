import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createEngine, upcastThreadEvent } from "replaygraph";
import { PostgresEventStore } from "replaygraph/postgres";
import { agent } from "../scenarios/serve-demo-graphs.js";
import { startPostgresServer } from "../store/postgres/testing/start-postgres-server.js";
import type { BenchContext, Benchmark, BenchmarkResult, Metrics } from "./benchmark.js";
import { formatMedianRange, formatRatio } from "./format-number.js";
import { packageRoot } from "./package-root.js";
import { median } from "./sample-stats.js";

const workerCounts = [1, 2, 4] as const;
const concurrency = 8;

/** Starts `replaygraph worker --demo` (the built CLI) on the store; resolves once it prints its start line. */
function startWorker(connectionString: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      join(packageRoot(), "dist", "engine", "cli", "main.js"),
      "worker",
      "--demo",
      "--store",
      connectionString,
      "--concurrency",
      String(concurrency),
      "--sweep",
      "60000",
    ],
    {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, REPLAYGRAPH_STORE: "" },
    },
  );
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      if (output.includes("executing runs")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`replaygraph worker exited with ${String(code)} before it started`)));
  });
}

/** Whether the thread's last event is the end of `runId`. */
async function lastRunEnded(store: PostgresEventStore, threadId: string, runId: string): Promise<boolean> {
  const { events } = await store.readStream(`thread-${threadId}`, { direction: "backwards", maxCount: 1 });
  const event = events[0] ? upcastThreadEvent(events[0]) : undefined;
  return (event?.type === "RunSucceeded" || event?.type === "RunFailed") && event.runId === runId;
}

/**
 * Runs/s of the demo graph (`agent`: three nodes in a row) queued by a front end that executes
 * none, over `threads` threads, executed by `workers` worker processes; until every run ended.
 */
async function runsPerSecond(connectionString: string, schema: string, workers: number, threads: number, runsPerThread: number): Promise<number> {
  const store = new PostgresEventStore({ connectionString, schema });
  await store.listStreams({ maxCount: 1 });
  const children: ChildProcess[] = [];
  const front = createEngine({ store, graphs: { agent }, worker: { concurrency: 0 } });
  try {
    // The CLI's workers use the default schema (replaygraph): each measurement gets a fresh server.
    for (let w = 0; w < workers; w++) children.push(await startWorker(connectionString));
    const start = performance.now();
    const last = await Promise.all(
      Array.from({ length: threads }, async (_, t) => {
        await front.threads.create({ threadId: `t${t}` });
        let runId = "";
        for (let r = 0; r < runsPerThread; r++) runId = (await front.runs.create(`t${t}`, "agent", { input: { label: `r${r}` } })).run_id;
        return { threadId: `t${t}`, runId };
      }),
    );
    // A thread is done when its last run is (its runs execute in order). The threads are looked
    // at one after another, the next once this one is done (one read per 10 ms while waiting), so
    // the measurement's own reads stay a few hundred, not one per thread every round.
    for (const { threadId, runId } of last) while (!(await lastRunEnded(store, threadId, runId))) await new Promise((resolve) => setTimeout(resolve, 10));
    return (threads * runsPerThread * 1000) / (performance.now() - start);
  } finally {
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once("exit", resolve)))));
    await front.close();
    await store.close();
  }
}

/**
 * Work distribution on PostgreSQL (issue 19): runs/s with 1, 2 and 4 `replaygraph worker`
 * processes (concurrency 8 each) executing runs a front end queued, on one throwaway server.
 */
export const workersBenchmark: Benchmark = {
  name: "workers",
  async run(context: BenchContext): Promise<BenchmarkResult> {
    const { sizes } = context;
    const threads = sizes.postgresThreads;
    const runsPerThread = 5;
    const rates = new Map<number, number[]>(workerCounts.map((count) => [count, []]));
    for (let r = 0; r < sizes.repetitions; r++) {
      for (const count of workerCounts) {
        // A fresh server per measurement: the workers use its default schema, and nothing earlier is swept.
        const server = await startPostgresServer({ synchronousCommit: true });
        try {
          context.progress(`workers: ${count} worker${count > 1 ? "s" : ""} ${r + 1}/${sizes.repetitions}`);
          rates.get(count)!.push(await runsPerSecond(server.connectionString, "replaygraph", count, threads, runsPerThread));
        } finally {
          await server.stop();
        }
      }
    }
    const metrics: Metrics = new Map();
    for (const count of workerCounts) metrics.set(`workers.${count}.runsPerSecond`, median(rates.get(count)!));
    const one = metrics.get("workers.1.runsPerSecond")!;
    const rows = workerCounts.map((count) => [
      String(count),
      formatMedianRange(rates.get(count)!),
      formatRatio(metrics.get(`workers.${count}.runsPerSecond`)! / one),
    ]);
    metrics.set("workers.speedup2", metrics.get("workers.2.runsPerSecond")! / one);
    return {
      metrics,
      section: {
        title: `10. PostgreSQL: runs/s over 1, 2 and 4 worker processes, ${(threads * runsPerThread).toLocaleString("en-US")} runs over ${threads.toLocaleString("en-US")} threads`,
        intro: [
          "A front end in the benchmark's process queues every run (`createEngine({ worker: { concurrency: 0 } })`); `replaygraph worker --demo --concurrency 8` processes execute them " +
            "(the demo graph `agent`: three nodes in a row, no sleep), on a fresh PostgreSQL server (`synchronous_commit=on`). Measured from the first run queued to the last one ended.",
        ],
        tables: [{ headers: ["workers", "runs/s", "vs 1 worker"], rows }],
        notes: ["On 2 cores the front end, the workers and the server share the CPU: past 2 worker processes the curve flattens on CPU, not on the database."],
      },
    };
  },
};
