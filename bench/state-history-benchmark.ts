import { performance } from "node:perf_hooks";
import type { StoreKind } from "./bench-store.js";
import type { Benchmark, BenchmarkResult, Metrics } from "./benchmark.js";
import { buildLongThread } from "./build-long-thread.js";
import { collectGarbage } from "./collect-garbage.js";
import { formatMedianRange, formatMs, formatNumber, formatRatio } from "./format-number.js";
import { repeatMeasured } from "./repeat-measured.js";
import { median, summarize } from "./sample-stats.js";

const storeKinds: readonly StoreKind[] = ["memory", "sqlite"];
const limitedCalls = 30;

/** Benchmark 6: iterating `getStateHistory()` over a thread of about 1,000 checkpoints. */
export const stateHistoryBenchmark: Benchmark = {
  name: "history",
  async run(context): Promise<BenchmarkResult> {
    const { sizes } = context;
    const ticks = sizes.historyCheckpoints - 1;
    const metrics: Metrics = new Map();
    const rows: string[][] = [];
    const speedups: string[] = [];
    for (const kind of storeKinds) {
      const medians = new Map<string, number>();
      for (const engine of context.engines) {
        context.progress(`history: ${engine.name} ${kind}`);
        const file = context.data.sqliteFile(`history-${engine.name}-${kind}`);
        const store = engine.openStore(kind, file);
        try {
          const { graph, config } = await buildLongThread(engine, store, "history", ticks);
          let checkpoints = 0;
          const full = await repeatMeasured(sizes, async () => {
            collectGarbage();
            const start = performance.now();
            let count = 0;
            for await (const _ of graph.getStateHistory(config)) count++;
            checkpoints = count;
            return performance.now() - start;
          });
          const limited: number[] = [];
          for (let i = 0; i < limitedCalls; i++) {
            const start = performance.now();
            let count = 0;
            for await (const _ of graph.getStateHistory(config, { limit: 10 })) count++;
            limited.push(performance.now() - start);
            if (count !== 10) throw new Error(`getStateHistory({ limit: 10 }) yielded ${count} checkpoints.`);
          }
          if (checkpoints < ticks) throw new Error(`getStateHistory yielded ${checkpoints} checkpoints for ${ticks} supersteps.`);
          medians.set(engine.name, median(full));
          metrics.set(`history.${kind}.${engine.name}.ms`, median(full));
          rows.push([
            kind,
            engine.name,
            formatNumber(checkpoints),
            `**${formatMedianRange(full, formatMs)}**`,
            formatMs((median(full) * 1000) / checkpoints),
            formatMs(summarize(limited).p50),
          ]);
        } finally {
          await store.close();
          context.data.removeSqliteFile(file);
        }
      }
      const speedup = (medians.get("LangGraph") ?? Number.NaN) / (medians.get("replaygraph") ?? Number.NaN);
      metrics.set(`history.${kind}.speedup`, speedup);
      speedups.push(`${kind}: **${formatRatio(speedup)}**`);
    }
    return {
      metrics,
      section: {
        title: `6. getStateHistory over ${formatNumber(sizes.historyCheckpoints)} checkpoints`,
        intro: [
          `One thread of ${formatNumber(ticks)} supersteps of the \`tick → tick\` loop (${formatNumber(ticks + 2)} checkpoints in both engines, the input checkpoint included). ` +
            `Full iteration of \`getStateHistory(config)\`: ${sizes.warmups} discarded, ${sizes.repetitions} measured, median (min–max); the same store and graph throughout (reads only). ` +
            `\`getStateHistory(config, { limit: 10 })\`: p50 of ${limitedCalls} calls.`,
        ],
        tables: [{ headers: ["store", "engine", "checkpoints", "full history ms", "µs / checkpoint", "limit 10: p50 ms"], rows }],
        notes: [
          `Speedup LangGraph/replaygraph (full history): ${speedups.join(", ")}.`,
          "replaygraph rebuilds the full history by replaying the whole stream. With `limit`, it starts from one of the thread's newest snapshots (one every 500 events or more) when the events after it hold enough checkpoints, and replays only those.",
        ],
      },
    };
  },
};
