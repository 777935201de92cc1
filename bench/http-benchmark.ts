import { performance } from "node:perf_hooks";
import { Client } from "@langchain/langgraph-sdk";
import { createEngine, MemoryEventStore } from "replaygraph";
import { agent, hitl } from "../scenarios/serve-demo-graphs.js";
import type { Benchmark, BenchmarkResult, Metrics } from "./benchmark.js";
import { formatMedianRange, formatMs, formatRatio } from "./format-number.js";
import { plainHttpDriver } from "./plain-http-driver.js";
import { startLangGraphApiServer, startReplaygraphServe, type HttpServerProcess } from "./http-server-process.js";
import { median, summarize } from "./sample-stats.js";

/** The calls a workload makes: the SDK client of a server, or the in-process engine. */
interface Driver {
  createThread(graph: "agent" | "hitl"): Promise<string>;
  wait(
    threadId: string,
    graph: "agent" | "hitl",
    payload: { input?: Record<string, unknown>; command?: { resume: unknown } },
  ): Promise<Record<string, unknown>>;
}

const sdkDriver = (url: string): Driver => {
  const client = new Client({ apiUrl: url });
  return {
    createThread: async () => (await client.threads.create()).thread_id,
    wait: async (threadId, graph, payload) => (await client.runs.wait(threadId, graph, payload)) as Record<string, unknown>,
  };
};

const engineDriver = (): Driver => {
  const engine = createEngine({ store: new MemoryEventStore(), graphs: { hitl, agent } });
  return {
    createThread: async (graph) => (await engine.threads.create({ graphId: graph })).thread_id,
    wait: (threadId, graph, payload) => engine.runs.wait(threadId, graph, payload),
  };
};

interface WorkloadRun {
  readonly units: number;
  readonly wallMs: number;
  readonly latencies: number[];
}

type Workload = "hitl" | "agent";

/**
 * One unit of work: `hitl` creates a thread, runs it to its interrupt and resumes it (the round
 * trip of a human-in-the-loop chat turn); `agent` creates a thread and runs the three-node graph.
 * The first unit's answers are checked.
 */
async function unitOf(driver: Driver, workload: Workload, index: number): Promise<number> {
  const started = performance.now();
  const threadId = await driver.createThread(workload);
  const label = `u${index}`;
  if (workload === "agent") {
    const done = await driver.wait(threadId, "agent", { input: { label } });
    if (index === 0 && JSON.stringify(done["items"]) !== JSON.stringify([`${label}:a`, `${label}:b`, `${label}:c`]))
      throw new Error(`agent went wrong: ${JSON.stringify(done)}`);
    return performance.now() - started;
  }
  const paused = await driver.wait(threadId, "hitl", { input: { label } });
  const done = await driver.wait(threadId, "hitl", { command: { resume: "yes" } });
  if (index === 0) {
    if (!Array.isArray(paused["__interrupt__"]) || paused["__interrupt__"].length !== 1) throw new Error(`no interrupt: ${JSON.stringify(paused)}`);
    if (JSON.stringify(done["items"]) !== JSON.stringify([`${label}:yes`, `${label}:done`])) throw new Error(`resume went wrong: ${JSON.stringify(done)}`);
  }
  return performance.now() - started;
}

/**
 * `units` units of work by `clients` concurrent clients, each taking the next one when done. Each
 * client is a driver of its own (over HTTP, an SDK `Client` of its own: one shared `Client` would
 * let only its `maxConcurrency` of 4 requests be in flight, whatever the number of clients).
 */
async function runWorkload(driverFor: () => Driver, workload: Workload, units: number, clients: number): Promise<WorkloadRun> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const driver = driverFor();
      while (next < units) latencies.push(await unitOf(driver, workload, next++));
    }),
  );
  return { units, wallMs: performance.now() - started, latencies };
}

/** Time to the first SSE frame (`metadata`) and to the first `updates` of `runs.stream` on the three-node graph, one client. */
async function timeFirstEvents(url: string, streams: number): Promise<{ first: number[]; firstUpdate: number[] }> {
  const client = new Client({ apiUrl: url });
  const first: number[] = [];
  const firstUpdate: number[] = [];
  for (let index = 0; index < streams; index++) {
    const thread = await client.threads.create();
    const started = performance.now();
    let sawFirst = false;
    let sawUpdate = false;
    for await (const chunk of client.runs.stream(thread.thread_id, "agent", { input: { label: `s${index}` }, streamMode: "updates" })) {
      if (!sawFirst) first.push(performance.now() - started);
      sawFirst = true;
      if (!sawUpdate && chunk.event === "updates") {
        firstUpdate.push(performance.now() - started);
        sawUpdate = true;
      }
    }
  }
  return { first, firstUpdate };
}

interface Measured {
  readonly name: string;
  readonly runs: Record<string, WorkloadRun[]>;
  readonly sse?: { first: number[]; firstUpdate: number[] };
}

const cases = [
  { workload: "hitl", clients: 1 },
  { workload: "hitl", clients: 50 },
  { workload: "agent", clients: 1 },
  { workload: "agent", clients: 50 },
] as const;
const caseKey = (workload: Workload, clients: number) => `${workload}.c${clients}`;

/**
 * Benchmark 10: the Agent Server API over HTTP on loopback, driven by `@langchain/langgraph-sdk`:
 * `replaygraph serve` (memory and SQLite) against LangGraph's own JS server, each in a child
 * process of its own, and the same calls on replaygraph's in-process engine as the floor.
 */
export const httpBenchmark: Benchmark = {
  name: "http",
  async run(context): Promise<BenchmarkResult> {
    const { sizes } = context;
    const unitsFor = (clients: number) => (clients === 1 ? sizes.httpSerialThreads : sizes.httpConcurrentThreads);
    const measureOn = async (name: string, driver: () => Driver, url: string | undefined): Promise<Measured> => {
      const runs: Record<string, WorkloadRun[]> = {};
      // One unwatched pass warms the server (module loading, JIT).
      await runWorkload(driver, "hitl", Math.min(5, sizes.httpSerialThreads), 1);
      for (let repetition = 0; repetition < sizes.httpRepetitions; repetition++) {
        for (const { workload, clients } of cases) {
          context.progress(`http: ${name}, ${workload}, ${clients} client(s), repetition ${repetition + 1}/${sizes.httpRepetitions}`);
          (runs[caseKey(workload, clients)] ??= []).push(await runWorkload(driver, workload, unitsFor(clients), clients));
        }
      }
      return { name, runs, ...(url !== undefined ? { sse: await timeFirstEvents(url, sizes.httpSerialThreads) } : {}) };
    };
    const measured: Measured[] = [];
    const notes: string[] = [];
    for (const start of [
      () => startReplaygraphServe("memory:"),
      () => startReplaygraphServe(`sqlite:${context.data.sqliteFile("http-serve")}`),
      startLangGraphApiServer,
    ]) {
      let server: HttpServerProcess | undefined;
      try {
        server = await start();
        const url = server.url;
        measured.push(await measureOn(server.name, () => sdkDriver(url), url));
        // The same server without the SDK: what the client itself costs of a round trip.
        if (server.name.startsWith("replaygraph serve (memory"))
          measured.push(await measureOn(`${server.name}, plain node:http client`, () => plainHttpDriver(url), undefined));
      } catch (error) {
        notes.push(`Not measured: ${(error as Error).message.split("\n")[0]}`);
      } finally {
        await server?.stop();
      }
    }
    const engineClient = engineDriver();
    measured.push(await measureOn("replaygraph engine, in process (memory)", () => engineClient, undefined));

    const metrics: Metrics = new Map();
    const rows = measured.map((m) => {
      const cells = cases.flatMap(({ workload, clients }) => {
        const runs = m.runs[caseKey(workload, clients)] ?? [];
        const rate = runs.map((run) => (run.units * 1000) / run.wallMs);
        const p50 = median(runs.map((run) => summarize(run.latencies).p50));
        const p99 = median(runs.map((run) => summarize(run.latencies).p99));
        metrics.set(`http.${m.name}.${caseKey(workload, clients)}.perSecond`, median(rate));
        metrics.set(`http.${m.name}.${caseKey(workload, clients)}.p50`, p50);
        return [formatMedianRange(rate), `${formatMs(p50)} / ${formatMs(p99)}`];
      });
      const sse = m.sse ? `${formatMs(summarize(m.sse.first).p50)} / ${formatMs(summarize(m.sse.firstUpdate).p50)}` : "–";
      return [m.name, ...cells, sse];
    });
    const ours = measured.find((m) => m.name.startsWith("replaygraph serve (memory"))?.name;
    const theirs = measured.find((m) => m.name.startsWith("langgraph-api"))?.name;
    const inProcess = measured.at(-1)!.name;
    const ratios = cases.map(({ workload, clients }) => {
      const key = caseKey(workload, clients);
      const ratio = (metrics.get(`http.${ours}.${key}.perSecond`) ?? Number.NaN) / (metrics.get(`http.${theirs}.${key}.perSecond`) ?? Number.NaN);
      metrics.set(`http.${key}.speedup`, ratio);
      return `${workload}, ${clients} client${clients === 1 ? "" : "s"}: **${formatRatio(ratio)}**`;
    });
    const gap = (metrics.get(`http.${ours}.hitl.c1.p50`) ?? Number.NaN) - (metrics.get(`http.${inProcess}.hitl.c1.p50`) ?? Number.NaN);
    metrics.set("http.hitl.c1.p50OverInProcess", gap);
    return {
      metrics,
      section: {
        title: "10. Over HTTP: replaygraph serve vs LangGraph's JS Agent Server",
        intro: [
          "The official SDK (`@langchain/langgraph-sdk` 1.15.0) on loopback drives each server in a child process of its own. **hitl** (one unit): `threads.create`, `runs.wait` to the " +
            "`interrupt()` (checked: one `__interrupt__`), `runs.wait` with `command: { resume }` to the end, on a fresh thread. **agent**: `threads.create`, `runs.wait` of the three-node graph. " +
            `${sizes.httpSerialThreads} units with 1 client, ${sizes.httpConcurrentThreads} with 50 (each client takes the next unit when done); ${sizes.httpRepetitions} repetition(s), median (range). ` +
            "LangGraph's server is `@langchain/langgraph-api` 1.5.1's in-memory server (what `langgraph dev` runs) with 10 queue workers; the in-process row makes the same calls on `createEngine` without HTTP.",
        ],
        tables: [
          {
            headers: [
              "server",
              "hitl/s, 1 client",
              "hitl p50 / p99 ms",
              "hitl/s, 50 clients",
              "hitl p50 / p99 ms",
              "agent runs/s, 1 client",
              "agent p50 / p99 ms",
              "agent runs/s, 50 clients",
              "agent p50 / p99 ms",
              "SSE first frame / first update p50 ms",
            ],
            rows,
          },
        ],
        notes: [
          `Throughput replaygraph serve (memory) / langgraph-api: ${ratios.join("; ")}.`,
          `hitl round trip p50, 1 client: replaygraph serve (memory) is ${formatMs(gap)} ms above the in-process engine.`,
          "LangGraph's server polls: its workers pick a run up after up to a second and its `wait`/`join` end about 500 ms after the run (research §4.5), which is most of its latency here.",
          ...notes,
        ],
      },
    };
  },
};
