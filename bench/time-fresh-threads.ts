import { performance } from "node:perf_hooks";
import type { BenchEngine } from "./bench-engine.js";
import type { StorageStats, StoreKind } from "./bench-store.js";
import type { BenchContext } from "./benchmark.js";
import { collectGarbage } from "./collect-garbage.js";
import type { BenchGraph, BenchState } from "./graph-kit.js";
import { summarize, type SampleSummary } from "./sample-stats.js";

/** One repetition of {@link timeFreshThreads}. */
export interface FreshThreadsRun {
  readonly threads: number;
  readonly totalMs: number;
  /** Per-invoke latency, ms. */
  readonly invoke: SampleSummary;
  /** The SQLite store's size after the run; undefined on memory. */
  readonly storage: StorageStats | undefined;
}

/** What {@link timeFreshThreads} runs. */
export interface FreshThreadsPlan {
  readonly context: BenchContext;
  readonly engine: BenchEngine;
  readonly kind: StoreKind;
  /** Names the data file and the thread ids. */
  readonly label: string;
  readonly threads: number;
  readonly build: (engine: BenchEngine, checkpointer: unknown) => BenchGraph;
  readonly input: unknown;
  /** Added to each invoke's config (e.g. `{ durability: "exit" }`). */
  readonly config?: Readonly<Record<string, unknown>>;
  /** Throws when the first thread's output is wrong, so a broken graph cannot look fast. */
  readonly check: (output: BenchState) => void;
}

/**
 * Opens a fresh store, builds the graph, collects garbage, then invokes the graph once on each of
 * `threads` new threads, one after another, timing each invoke and the whole; closes and deletes
 * the store.
 */
export async function timeFreshThreads(plan: FreshThreadsPlan): Promise<FreshThreadsRun> {
  const { context, engine, kind, label, threads } = plan;
  const file = context.data.sqliteFile(`${label}-${engine.name}-${kind}`);
  const store = engine.openStore(kind, file);
  try {
    const graph = plan.build(engine, store.checkpointer);
    const latencies = new Array<number>(threads);
    collectGarbage();
    const start = performance.now();
    for (let t = 0; t < threads; t++) {
      const before = performance.now();
      const output = await graph.invoke(plan.input, { ...plan.config, configurable: { thread_id: `${label}-${t}` } });
      latencies[t] = performance.now() - before;
      if (t === 0) plan.check(output);
    }
    const totalMs = performance.now() - start;
    return { threads, totalMs, invoke: summarize(latencies), storage: store.storage() };
  } finally {
    await store.close();
    context.data.removeSqliteFile(file);
  }
}
