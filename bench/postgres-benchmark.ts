import { performance } from "node:perf_hooks";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import pg from "pg";
import { PostgresEventStore } from "replaygraph/postgres";
import { startPostgresServer } from "../store/postgres/testing/start-postgres-server.js";
import type { BenchEngine } from "./bench-engine.js";
import type { BenchContext, Benchmark, BenchmarkResult, Metrics } from "./benchmark.js";
import { collectGarbage } from "./collect-garbage.js";
import { formatMedianRange, formatMs, formatRatio, formatRate } from "./format-number.js";
import type { BenchGraph } from "./graph-kit.js";
import { chainGraph, interruptGraph } from "./graph-shapes.js";
import { repeatInterleaved } from "./repeat-interleaved.js";
import { median, summarize } from "./sample-stats.js";

/** A checkpointer on the benchmark's server, in a schema of its own, and how to close it. */
interface OpenedSaver {
  readonly checkpointer: unknown;
  close(): Promise<void>;
}

interface Run {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
}

let schemas = 0;

/** Each engine's PostgreSQL store: replaygraph's event store, LangGraph's `PostgresSaver` (after its `setup()`). */
async function openSaver(engine: BenchEngine, connectionString: string): Promise<OpenedSaver> {
  const schema = `bench_${++schemas}`;
  if (engine.name === "replaygraph") {
    const store = new PostgresEventStore({ connectionString, schema });
    return { checkpointer: store, close: () => store.close() };
  }
  const saver = PostgresSaver.fromConnString(connectionString, { schema });
  await saver.setup();
  return { checkpointer: saver, close: () => saver.end() };
}

/** Times `once(graph, threadId)` on `threads` fresh threads of a fresh store, one after another. */
async function timeThreads(
  engine: BenchEngine,
  connectionString: string,
  threads: number,
  build: (engine: BenchEngine, checkpointer: unknown) => BenchGraph,
  once: (graph: BenchGraph, threadId: string) => Promise<void>,
): Promise<Run> {
  const saver = await openSaver(engine, connectionString);
  try {
    const graph = build(engine, saver.checkpointer);
    const latencies: number[] = [];
    collectGarbage();
    const start = performance.now();
    for (let t = 0; t < threads; t++) {
      const before = performance.now();
      await once(graph, `t-${t}`);
      latencies.push(performance.now() - before);
    }
    const totalMs = performance.now() - start;
    const summary = summarize(latencies);
    return { perSecond: (threads * 1000) / totalMs, p50: summary.p50, p99: summary.p99 };
  } finally {
    await saver.close();
  }
}

/** The physical limit: single-row INSERTs from one client, each its own commit, into a table shaped like the store's. */
async function rawAppendsPerSecond(connectionString: string, appends: number): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const table = `raw_${++schemas}`;
    await client.query(`CREATE TABLE ${table} (stream TEXT NOT NULL, revision BIGINT NOT NULL, events TEXT NOT NULL, PRIMARY KEY (stream, revision))`);
    const row = JSON.stringify({ e: [{ t: "StepCommitted", d: { json: { type: "StepCommitted", v: 1, step: 3 } } }] });
    const start = performance.now();
    for (let i = 0; i < appends; i++)
      await client.query(`INSERT INTO ${table} (stream, revision, events) VALUES ($1, $2, $3)`, [`s-${i % 100}`, Math.floor(i / 100), row]);
    return (appends * 1000) / (performance.now() - start);
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL (issue 19): the chain and the interrupt round trip for replaygraph's
 * `PostgresEventStore` and LangGraph's `PostgresSaver` on one throwaway server
 * (`synchronous_commit=on`), and the server's raw single-row commit rate beside them.
 */
export const postgresBenchmark: Benchmark = {
  name: "postgres",
  async run(context: BenchContext): Promise<BenchmarkResult> {
    const { sizes } = context;
    const server = await startPostgresServer({ synchronousCommit: true });
    try {
      const { connectionString } = server;
      const nodes = sizes.chainNodes;
      const threads = sizes.postgresThreads;
      const chain = await repeatInterleaved(sizes, context.engines, async (engine, repetition) => {
        context.progress(`postgres chain: ${engine.name}${repetition.warmup ? " (warm-up)" : ` ${repetition.index + 1}/${sizes.repetitions}`}`);
        return timeThreads(
          engine,
          connectionString,
          repetition.warmup ? Math.min(20, threads) : threads,
          (e, c) => chainGraph(e.kit, c, nodes),
          async (graph, threadId) => {
            await graph.invoke({ items: [] }, { configurable: { thread_id: threadId } });
          },
        );
      });
      const roundTrip = await repeatInterleaved(sizes, context.engines, async (engine, repetition) => {
        context.progress(`postgres interrupt: ${engine.name}${repetition.warmup ? " (warm-up)" : ` ${repetition.index + 1}/${sizes.repetitions}`}`);
        return timeThreads(
          engine,
          connectionString,
          repetition.warmup ? Math.min(20, threads) : threads,
          (e, c) => interruptGraph(e.kit, c),
          async (graph, threadId) => {
            const config = { configurable: { thread_id: threadId } };
            await graph.invoke({ items: [] }, config);
            await graph.invoke(engine.kit.resume(true), config);
          },
        );
      });
      context.progress("postgres raw appends");
      const raw = [];
      for (let r = 0; r < sizes.repetitions; r++) raw.push(await rawAppendsPerSecond(connectionString, threads * nodes));
      const metrics: Metrics = new Map();
      const rows = context.engines.map((engine, e) => {
        const steps = (chain[e] ?? []).map((run) => run.perSecond * nodes);
        const trips = roundTrip[e] ?? [];
        metrics.set(`postgres.chain.${engine.name}.superstepsPerSecond`, median(steps));
        metrics.set(`postgres.interrupt.${engine.name}.p50`, median(trips.map((run) => run.p50)));
        return [engine.name, formatMedianRange(steps), formatMs(median(trips.map((run) => run.p50))), formatMs(median(trips.map((run) => run.p99)))];
      });
      const chainSpeedup =
        (metrics.get("postgres.chain.replaygraph.superstepsPerSecond") ?? Number.NaN) /
        (metrics.get("postgres.chain.LangGraph.superstepsPerSecond") ?? Number.NaN);
      const tripSpeedup = (metrics.get("postgres.interrupt.LangGraph.p50") ?? Number.NaN) / (metrics.get("postgres.interrupt.replaygraph.p50") ?? Number.NaN);
      metrics.set("postgres.chain.speedup", chainSpeedup);
      metrics.set("postgres.interrupt.speedupP50", tripSpeedup);
      metrics.set("postgres.raw.appendsPerSecond", median(raw));
      return {
        metrics,
        section: {
          title: `9. PostgreSQL: chain and interrupt round trip, ${threads.toLocaleString("en-US")} threads each`,
          intro: [
            "One throwaway PostgreSQL 15 server started by the benchmark (Unix socket, `synchronous_commit=on`, fsync on), each repetition a fresh schema. " +
              'replaygraph: `PostgresEventStore` (one conditional INSERT per step). LangGraph: `PostgresSaver` from `@langchain/langgraph-checkpoint-postgres` with its default durability ("async"). ' +
              `The chain is ${nodes} nodes per thread (supersteps/s); the round trip is invoke-to-interrupt plus the resume (ms per thread).`,
          ],
          tables: [{ headers: ["engine", "chain supersteps/s", "round trip p50 ms", "round trip p99 ms"], rows }],
          notes: [
            `Speedup replaygraph/LangGraph: chain **${formatRatio(chainSpeedup)}**, round trip at p50 **${formatRatio(tripSpeedup)}**.`,
            `The server's raw single-row commit rate from one client (the physical limit of one append per step): ${formatMedianRange(raw, formatRate)} per second.`,
          ],
        },
      };
    } finally {
      await server.stop();
    }
  },
};
