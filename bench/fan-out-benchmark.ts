import type { Benchmark, BenchmarkResult, Metrics } from "./benchmark.js";
import { progressLabel, variantsOf } from "./bench-variant.js";
import { formatBytes, formatMedianRange, formatMs, formatRatio } from "./format-number.js";
import { fanOutGraph } from "./graph-shapes.js";
import { repeatInterleaved } from "./repeat-interleaved.js";
import { median } from "./sample-stats.js";
import { timeFreshThreads } from "./time-fresh-threads.js";

/**
 * Benchmark 4: fan-out to `fanOutWidth` parallel nodes and a fan-in join
 * (`addEdge([p0, …], "join")`), one invoke on each of `fanOutThreads` fresh threads.
 */
export const fanOutBenchmark: Benchmark = {
  name: "fanout",
  async run(context): Promise<BenchmarkResult> {
    const { sizes } = context;
    const width = sizes.fanOutWidth;
    const variants = variantsOf(context.engines);
    const results = await repeatInterleaved(sizes, variants, async (variant, repetition) => {
      context.progress(progressLabel("fanout", variant, repetition, sizes.repetitions));
      return timeFreshThreads({
        context,
        ...variant,
        label: `fanout-${repetition.index}`,
        threads: repetition.warmup ? Math.min(50, sizes.fanOutThreads) : sizes.fanOutThreads,
        build: (engine, checkpointer) => fanOutGraph(engine.kit, checkpointer, width),
        input: { items: [] },
        check: (output) => {
          const items = output["items"] as readonly number[];
          // fan's -1, the branches' 0..width-1 in any order, then join's count of what it saw.
          const branches = items.slice(1, width + 1).sort((a, b) => a - b);
          const ok = items.length === width + 2 && items[0] === -1 && branches.every((v, i) => v === i) && items[width + 1] === width + 1;
          if (!ok) throw new Error(`fan-out output is wrong: ${JSON.stringify(output)}`);
        },
      });
    });
    const metrics: Metrics = new Map();
    const rows = variants.map(({ kind, engine }, v) => {
      const runs = results[v] ?? [];
      const invokesPerSecond = runs.map((run) => (run.threads * 1000) / run.totalMs);
      metrics.set(`fanout.${kind}.${engine.name}.invokesPerSecond`, median(invokesPerSecond));
      return [
        kind,
        engine.name,
        formatMedianRange(invokesPerSecond),
        formatMedianRange(invokesPerSecond.map((rate) => rate * (width + 2))),
        formatMs(median(runs.map((run) => run.invoke.p50))),
        formatMs(median(runs.map((run) => run.invoke.p99))),
        kind === "sqlite" ? formatBytes(median(runs.map((run) => (run.storage?.fileBytes ?? Number.NaN) / run.threads))) : "–",
      ];
    });
    const speedups = (["memory", "sqlite"] as const).map((kind) => {
      const speedup =
        (metrics.get(`fanout.${kind}.replaygraph.invokesPerSecond`) ?? Number.NaN) / (metrics.get(`fanout.${kind}.LangGraph.invokesPerSecond`) ?? Number.NaN);
      metrics.set(`fanout.${kind}.speedup`, speedup);
      return `${kind}: **${formatRatio(speedup)}**`;
    });
    return {
      metrics,
      section: {
        title: `4. Fan-out to ${width} parallel nodes and join: ${sizes.fanOutThreads.toLocaleString("en-US")} threads`,
        intro: [
          `START → fan → {p0 … p${width - 1}} → join → END, with \`addEdge([p0 … p${width - 1}], "join")\`: three supersteps, ${width + 2} node runs per invoke, all appending to one list (checked on the first thread). ` +
            "One invoke per fresh thread, sequentially.",
        ],
        tables: [{ headers: ["store", "engine", "invokes/s", "node runs/s", "invoke p50 ms", "invoke p99 ms", "SQLite file / invoke"], rows }],
        notes: [`Speedup replaygraph/LangGraph (invokes/s): ${speedups.join(", ")}.`],
      },
    };
  },
};
