import type { Benchmark, BenchmarkResult, Metrics } from "./benchmark.js";
import { progressLabel, variantsOf, type BenchVariant } from "./bench-variant.js";
import { formatMedianRange, formatMs, formatRatio } from "./format-number.js";
import { chainGraph } from "./graph-shapes.js";
import { repeatInterleaved } from "./repeat-interleaved.js";
import { median } from "./sample-stats.js";
import { timeFreshThreads } from "./time-fresh-threads.js";

const modes = ["sync", "async", "exit"] as const;
type Mode = (typeof modes)[number];

/**
 * Benchmark 10: benchmark 1's chain at each durability mode (LangGraph's `durability` option, on
 * both engines), on `durabilityThreads` fresh threads: what `async` and `exit` buy over `sync`,
 * and each engine against the other at the same mode.
 */
export const durabilityBenchmark: Benchmark = {
  name: "durability",
  async run(context): Promise<BenchmarkResult> {
    const { sizes } = context;
    const nodes = sizes.chainNodes;
    const expected = JSON.stringify(Array.from({ length: nodes }, (_, i) => i));
    const variants: (BenchVariant & { readonly mode: Mode })[] = variantsOf(context.engines).flatMap((variant) => modes.map((mode) => ({ ...variant, mode })));
    const results = await repeatInterleaved(sizes, variants, async (variant, repetition) => {
      context.progress(`${progressLabel("durability", variant, repetition, sizes.repetitions)} (${variant.mode})`);
      return timeFreshThreads({
        context,
        engine: variant.engine,
        kind: variant.kind,
        label: `durability-${variant.mode}-${repetition.index}`,
        threads: repetition.warmup ? Math.min(50, sizes.durabilityThreads) : sizes.durabilityThreads,
        build: (engine, checkpointer) => chainGraph(engine.kit, checkpointer, nodes),
        input: { items: [] },
        config: { durability: variant.mode },
        check: (output) => {
          if (JSON.stringify(output["items"]) !== expected) throw new Error(`chain output is wrong: ${JSON.stringify(output)}`);
        },
      });
    });
    const metrics: Metrics = new Map();
    const key = (v: { kind: string; engine: { name: string }; mode: Mode }) => `durability.${v.kind}.${v.engine.name}.${v.mode}.superstepsPerSecond`;
    for (const [v, variant] of variants.entries()) {
      const perSecond = (results[v] ?? []).map((run) => (run.threads * nodes * 1000) / run.totalMs);
      metrics.set(key(variant), median(perSecond));
    }
    const rows = variants.map((variant, v) => {
      const runs = results[v] ?? [];
      const perSecond = runs.map((run) => (run.threads * nodes * 1000) / run.totalMs);
      const rate = metrics.get(key(variant));
      const sync = metrics.get(key({ ...variant, mode: "sync" }));
      const other = context.engines.find((engine) => engine !== variant.engine);
      const versus = variant.engine === context.engines[0] && other ? metrics.get(key({ ...variant, engine: other })) : undefined;
      if (versus !== undefined) metrics.set(`durability.${variant.kind}.${variant.mode}.speedup`, (rate ?? Number.NaN) / versus);
      return [
        variant.kind,
        variant.engine.name,
        `\`${variant.mode}\``,
        formatMedianRange(perSecond),
        formatMs(median(runs.map((run) => run.invoke.p50))),
        formatRatio((rate ?? Number.NaN) / (sync ?? Number.NaN)),
        versus === undefined ? "–" : `**${formatRatio((rate ?? Number.NaN) / versus)}**`,
      ];
    });
    return {
      metrics,
      section: {
        title: `10. Durability modes: the chain of benchmark 1 at sync, async and exit, ${sizes.durabilityThreads.toLocaleString("en-US")} threads`,
        intro: [
          `Benchmark 1's chain (${nodes} nodes), each invoke with \`{ durability }\` on both engines. replaygraph: \`sync\` awaits each step's append; \`async\` starts it on the next turn of the event loop and group-commits what the run decided meanwhile; \`exit\` appends the whole run once. ` +
            'LangGraph: its own modes (its `async` is the default of benchmark 1; `exit` saves only the run\'s last checkpoint). Supersteps/s: median over repetitions (min–max); "vs sync" is the engine\'s own rate at that mode ÷ its rate at `sync`; "vs LangGraph" is replaygraph ÷ LangGraph at the same mode and store.',
        ],
        tables: [{ headers: ["store", "engine", "durability", "supersteps/s", "invoke p50 ms", "vs sync", "vs LangGraph"], rows }],
        notes: [],
      },
    };
  },
};
