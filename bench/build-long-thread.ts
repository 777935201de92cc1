import { performance } from "node:perf_hooks";
import type { BenchEngine } from "./bench-engine.js";
import type { BenchStore } from "./bench-store.js";
import type { BenchConfig, BenchGraph } from "./graph-kit.js";
import { loopGraph } from "./graph-shapes.js";

/** A thread of `ticks` supersteps made by {@link buildLongThread}. */
export interface LongThread {
  readonly config: BenchConfig;
  readonly ticks: number;
  /** The graph that built it (warm: its caches hold the thread). */
  readonly graph: BenchGraph;
  readonly buildMs: number;
  /** Events in the thread's stream; undefined for LangGraph, which stores checkpoints. */
  readonly events: number | undefined;
}

/** Events replaygraph writes for a loop thread of `ticks` supersteps: 3 per step, 3 for the run. */
export function ticksForEvents(events: number): number {
  return Math.max(1, Math.ceil((events - 3) / 3));
}

/**
 * Builds one long thread with a single invoke of the `tick → tick` loop graph (recursion limit
 * raised to fit), and checks it ran every tick.
 */
export async function buildLongThread(engine: BenchEngine, store: BenchStore, threadId: string, ticks: number): Promise<LongThread> {
  const graph = loopGraph(engine.kit, store.checkpointer);
  const config: BenchConfig = { configurable: { thread_id: threadId } };
  const start = performance.now();
  const output = await graph.invoke({ n: 0, target: ticks }, { ...config, recursionLimit: ticks + 10 });
  const buildMs = performance.now() - start;
  if (output["n"] !== ticks) throw new Error(`the loop thread stopped at n=${String(output["n"])}, not ${ticks}.`);
  const events = await store.eventCount?.(threadId);
  return { config, ticks, graph, buildMs, events };
}
