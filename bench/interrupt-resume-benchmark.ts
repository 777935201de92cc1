import { performance } from "node:perf_hooks";
import type { BenchEngine } from "./bench-engine.js";
import type { StoreKind } from "./bench-store.js";
import type { BenchContext, Benchmark, BenchmarkResult, Metrics } from "./benchmark.js";
import { collectGarbage } from "./collect-garbage.js";
import { formatBytes, formatMedianRange, formatMs, formatRatio } from "./format-number.js";
import { interruptGraph } from "./graph-shapes.js";
import { progressLabel, variantsOf } from "./bench-variant.js";
import { repeatInterleaved } from "./repeat-interleaved.js";
import { median, summarize, type SampleSummary } from "./sample-stats.js";

interface RoundTripRun {
  readonly threads: number;
  readonly totalMs: number;
  readonly roundTrip: SampleSummary;
  readonly toInterrupt: SampleSummary;
  readonly resume: SampleSummary;
  readonly fileBytes: number | undefined;
}

/**
 * Benchmark 2: on each of `interruptThreads` fresh threads, `invoke()` up to the interrupt, then
 * `invoke(new Command({ resume }))` to the end; the round trip is both calls.
 */
export const interruptResumeBenchmark: Benchmark = {
  name: "interrupt",
  async run(context): Promise<BenchmarkResult> {
    const { sizes } = context;
    const variants = variantsOf(context.engines);
    const results = await repeatInterleaved(sizes, variants, async (variant, repetition) => {
      context.progress(progressLabel("interrupt", variant, repetition, sizes.repetitions));
      const threads = repetition.warmup ? Math.min(100, sizes.interruptThreads) : sizes.interruptThreads;
      return timeRoundTrips(context, variant.engine, variant.kind, `interrupt-${repetition.index}`, threads);
    });
    const metrics: Metrics = new Map();
    const rows = variants.map(({ kind, engine }, v) => {
      const runs = results[v] ?? [];
      const p50 = median(runs.map((run) => run.roundTrip.p50));
      const p99 = median(runs.map((run) => run.roundTrip.p99));
      metrics.set(`interrupt.${kind}.${engine.name}.p50`, p50);
      metrics.set(`interrupt.${kind}.${engine.name}.p99`, p99);
      return [
        kind,
        engine.name,
        formatMedianRange(runs.map((run) => (run.threads * 1000) / run.totalMs)),
        `**${formatMs(p50)}**`,
        `**${formatMs(p99)}**`,
        `${formatMs(median(runs.map((run) => run.toInterrupt.p50)))} / ${formatMs(median(runs.map((run) => run.toInterrupt.p99)))}`,
        `${formatMs(median(runs.map((run) => run.resume.p50)))} / ${formatMs(median(runs.map((run) => run.resume.p99)))}`,
        kind === "sqlite" ? formatBytes(median(runs.map((run) => (run.fileBytes ?? Number.NaN) / run.threads))) : "–",
      ];
    });
    const speedups = (["memory", "sqlite"] as const).map((kind) => {
      const ratio = (quantile: "p50" | "p99") =>
        (metrics.get(`interrupt.${kind}.LangGraph.${quantile}`) ?? Number.NaN) / (metrics.get(`interrupt.${kind}.replaygraph.${quantile}`) ?? Number.NaN);
      metrics.set(`interrupt.${kind}.speedupP50`, ratio("p50"));
      metrics.set(`interrupt.${kind}.speedupP99`, ratio("p99"));
      return `${kind}: **${formatRatio(ratio("p50"))}** at p50, ${formatRatio(ratio("p99"))} at p99`;
    });
    return {
      metrics,
      section: {
        title: `2. Interrupt, then resume: ${sizes.interruptThreads.toLocaleString("en-US")} fresh threads`,
        intro: [
          'START → ask → END; `ask` calls `interrupt("approve?")` and appends the answer to a list. Per thread: `invoke({ items: [] })` returns `__interrupt__`, ' +
            "then `invoke(new Command({ resume: t }))` runs to the end (both checked on the first thread). The round trip is the two calls; p50/p99 over the threads of a repetition, median over repetitions.",
        ],
        tables: [
          {
            headers: [
              "store",
              "engine",
              "round trips/s",
              "round trip p50 ms",
              "round trip p99 ms",
              "invoke→interrupt p50 / p99",
              "resume p50 / p99",
              "SQLite file / thread",
            ],
            rows,
          },
        ],
        notes: [`Speedup LangGraph/replaygraph (round-trip latency): ${speedups.join("; ")}.`],
      },
    };
  },
};

async function timeRoundTrips(context: BenchContext, engine: BenchEngine, kind: StoreKind, label: string, threads: number): Promise<RoundTripRun> {
  const file = context.data.sqliteFile(`${label}-${engine.name}-${kind}`);
  const store = engine.openStore(kind, file);
  try {
    const graph = interruptGraph(engine.kit, store.checkpointer);
    const roundTrip = new Array<number>(threads);
    const toInterrupt = new Array<number>(threads);
    const resume = new Array<number>(threads);
    collectGarbage();
    const start = performance.now();
    for (let t = 0; t < threads; t++) {
      const config = { configurable: { thread_id: `${label}-${t}` } };
      const t0 = performance.now();
      const paused = await graph.invoke({ items: [] }, config);
      const t1 = performance.now();
      const done = await graph.invoke(engine.kit.resume(t), config);
      const t2 = performance.now();
      toInterrupt[t] = t1 - t0;
      resume[t] = t2 - t1;
      roundTrip[t] = t2 - t0;
      if (t === 0) {
        if (!Array.isArray(paused["__interrupt__"]) || paused["__interrupt__"].length !== 1) throw new Error(`no interrupt: ${JSON.stringify(paused)}`);
        if (JSON.stringify(done["items"]) !== "[0]" || done["__interrupt__"] !== undefined) throw new Error(`resume went wrong: ${JSON.stringify(done)}`);
      }
    }
    const totalMs = performance.now() - start;
    return {
      threads,
      totalMs,
      roundTrip: summarize(roundTrip),
      toInterrupt: summarize(toInterrupt),
      resume: summarize(resume),
      fileBytes: store.storage()?.fileBytes,
    };
  } finally {
    await store.close();
    context.data.removeSqliteFile(file);
  }
}
