import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import type { BenchEngine } from "./bench-engine.js";
import { collectGarbage } from "./collect-garbage.js";
import { interruptGraph } from "./graph-shapes.js";
import { langGraphEngine } from "./langgraph-engine.js";
import { replaygraphEngine } from "./replaygraph-engine.js";

/** What one child process measured; printed as one JSON line on stdout. */
export interface PausedThreadsMeasurement {
  readonly engine: string;
  readonly threads: number;
  readonly msToPauseAll: number;
  readonly baselineRss: number;
  /** VmHWM (peak resident set) after pausing every thread. */
  readonly peakRss: number;
  readonly rssAfterGc: number;
  /** heapUsed + arrayBuffers before and after (after a GC). */
  readonly baselineHeap: number;
  readonly heapAfterGc: number;
}

/** The peak resident set size of this process so far, in bytes (Linux `VmHWM`). */
function peakResidentBytes(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return match?.[1] === undefined ? Number.NaN : Number(match[1]) * 1024;
}

/**
 * Benchmark 7's child: `node --expose-gc paused-threads-child.js <replaygraph|LangGraph> <threads>`.
 * Warms the code up on a throwaway store, takes the baseline after a GC, pauses `threads` threads
 * of the interrupt graph on the engine's memory store, and measures the peak and retained memory.
 * One measurement per process, since RSS is process-wide.
 */
async function main(engineName: string | undefined, threadsArg: string | undefined): Promise<void> {
  const engine: BenchEngine | undefined = [replaygraphEngine, langGraphEngine].find((e) => e.name === engineName);
  const threads = Number(threadsArg);
  if (engine === undefined || !Number.isSafeInteger(threads) || threads < 1) {
    throw new Error("usage: node --expose-gc paused-threads-child.js <replaygraph|LangGraph> <threads>");
  }
  const warmupStore = engine.openStore("memory", "");
  const warmup = interruptGraph(engine.kit, warmupStore.checkpointer);
  for (let t = 0; t < 50; t++) await warmup.invoke({ items: [] }, { configurable: { thread_id: `warmup-${t}` } });
  await warmupStore.close();

  const store = engine.openStore("memory", "");
  const graph = interruptGraph(engine.kit, store.checkpointer);
  collectGarbage();
  const baseline = process.memoryUsage();
  const start = performance.now();
  for (let t = 0; t < threads; t++) {
    const output = await graph.invoke({ items: [] }, { configurable: { thread_id: `paused-${t}` } });
    if (t === 0 && !Array.isArray(output["__interrupt__"])) throw new Error("the thread did not pause at the interrupt.");
  }
  const msToPauseAll = performance.now() - start;
  const peakRss = peakResidentBytes();
  collectGarbage();
  const after = process.memoryUsage();
  // The paused threads must still be resumable, or the memory measured is not a paused thread's.
  for (const t of [0, threads - 1]) {
    const done = await graph.invoke(engine.kit.resume(t), { configurable: { thread_id: `paused-${t}` } });
    if (JSON.stringify(done["items"]) !== JSON.stringify([t])) throw new Error(`paused thread ${t} resumed wrongly: ${JSON.stringify(done)}`);
  }
  const measurement: PausedThreadsMeasurement = {
    engine: engine.name,
    threads,
    msToPauseAll,
    baselineRss: baseline.rss,
    peakRss,
    rssAfterGc: after.rss,
    baselineHeap: baseline.heapUsed + baseline.arrayBuffers,
    heapAfterGc: after.heapUsed + after.arrayBuffers,
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

await main(process.argv[2], process.argv[3]);
