import type { Benchmark, BenchmarkResult, Metrics } from "./benchmark.js";
import { progressLabel, variantsOf } from "./bench-variant.js";
import { formatBytes, formatMedianRange, formatMs, formatRatio } from "./format-number.js";
import { chainGraph } from "./graph-shapes.js";
import { repeatInterleaved } from "./repeat-interleaved.js";
import { median } from "./sample-stats.js";
import { timeFreshThreads } from "./time-fresh-threads.js";

/**
 * Benchmark 1: a linear chain of `chainNodes` nodes, each appending to a list channel, invoked
 * once on each of `chainThreads` fresh threads. Supersteps/s counts node supersteps only.
 */
export const chainBenchmark: Benchmark = {
  name: "chain",
  async run(context): Promise<BenchmarkResult> {
    const { sizes } = context;
    const nodes = sizes.chainNodes;
    const expected = JSON.stringify(Array.from({ length: nodes }, (_, i) => i));
    const variants = variantsOf(context.engines);
    const results = await repeatInterleaved(sizes, variants, async (variant, repetition) => {
      context.progress(progressLabel("chain", variant, repetition, sizes.repetitions));
      return timeFreshThreads({
        context,
        ...variant,
        label: `chain-${repetition.index}`,
        threads: repetition.warmup ? Math.min(100, sizes.chainThreads) : sizes.chainThreads,
        build: (engine, checkpointer) => chainGraph(engine.kit, checkpointer, nodes),
        input: { items: [] },
        check: (output) => {
          if (JSON.stringify(output["items"]) !== expected) throw new Error(`chain output is wrong: ${JSON.stringify(output)}`);
        },
      });
    });
    const metrics: Metrics = new Map();
    const rows = variants.map(({ kind, engine }, v) => {
      const runs = results[v] ?? [];
      const supersteps = (run: { threads: number }) => run.threads * nodes;
      const perSecond = runs.map((run) => (supersteps(run) * 1000) / run.totalMs);
      metrics.set(`chain.${kind}.${engine.name}.superstepsPerSecond`, median(perSecond));
      if (kind === "sqlite")
        metrics.set(
          `chain.sqlite.${engine.name}.payloadBytesPerSuperstep`,
          median(runs.map((run) => (run.storage?.payloadBytes ?? Number.NaN) / supersteps(run))),
        );
      return [
        kind,
        engine.name,
        formatMedianRange(perSecond),
        formatMs(median(runs.map((run) => run.invoke.p50))),
        formatMs(median(runs.map((run) => run.invoke.p99))),
        kind === "sqlite" ? formatBytes(median(runs.map((run) => (run.storage?.fileBytes ?? Number.NaN) / supersteps(run)))) : "–",
        kind === "sqlite" ? formatBytes(median(runs.map((run) => (run.storage?.payloadBytes ?? Number.NaN) / supersteps(run)))) : "–",
      ];
    });
    const speedups = (["memory", "sqlite"] as const).map((kind) => {
      const speedup =
        (metrics.get(`chain.${kind}.replaygraph.superstepsPerSecond`) ?? Number.NaN) /
        (metrics.get(`chain.${kind}.LangGraph.superstepsPerSecond`) ?? Number.NaN);
      metrics.set(`chain.${kind}.speedup`, speedup);
      return `${kind}: **${formatRatio(speedup)}**`;
    });
    return {
      metrics,
      section: {
        title: `1. Linear chain: ${nodes} nodes appending to a list channel, ${sizes.chainThreads.toLocaleString("en-US")} threads`,
        intro: [
          `START → n0 → … → n${nodes - 1} → END; node i returns \`{ items: [i] }\` into a concat-reducer list channel. One \`invoke({ items: [] })\` on each fresh thread, sequentially (output checked on the first). ` +
            "Supersteps/s counts node supersteps (threads × nodes / s): median over the repetitions (min–max). Invoke p50/p99 are per-thread latencies within a repetition, median over repetitions. " +
            "Storage is per node superstep: the SQLite file after `wal_checkpoint(TRUNCATE)`, and the serialized values in it.",
        ],
        tables: [{ headers: ["store", "engine", "supersteps/s", "invoke p50 ms", "invoke p99 ms", "SQLite file / superstep", "payload / superstep"], rows }],
        notes: [`Speedup replaygraph/LangGraph (supersteps/s): ${speedups.join(", ")}.`],
      },
    };
  },
};
