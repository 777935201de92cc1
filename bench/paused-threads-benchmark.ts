import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Benchmark, BenchmarkResult, Metrics } from "./benchmark.js";
import { formatBytes, formatMedianRange, formatNumber, formatRate } from "./format-number.js";
import type { PausedThreadsMeasurement } from "./paused-threads-child.js";
import { repeatInterleaved } from "./repeat-interleaved.js";
import { median } from "./sample-stats.js";

const run = promisify(execFile);

/**
 * Benchmark 7: memory per thread paused at an interrupt, on each engine's memory store. Every
 * measurement is a separate child process (`paused-threads-child.ts`), as in the peer baseline.
 */
export const pausedThreadsBenchmark: Benchmark = {
  name: "memory",
  async run(context): Promise<BenchmarkResult> {
    const { sizes } = context;
    const threads = sizes.pausedThreads;
    const child = fileURLToPath(new URL("./paused-threads-child.js", import.meta.url));
    const metrics: Metrics = new Map();
    const rows: string[][] = [];
    // Processes alternate between the engines, so a slow spell of the machine hits both.
    const byEngine = await repeatInterleaved({ warmups: 0, repetitions: sizes.memoryProcesses }, context.engines, async (engine, { index }) => {
      context.progress(`memory: ${engine.name}, ${formatNumber(threads)} paused threads, process ${index + 1}/${sizes.memoryProcesses}`);
      const { stdout } = await run(process.execPath, ["--expose-gc", child, engine.name, String(threads)], { maxBuffer: 1 << 20 });
      return JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as PausedThreadsMeasurement;
    });
    for (const [e, engine] of context.engines.entries()) {
      const measurements = byEngine[e] ?? [];
      const peak = measurements.map((m) => (m.peakRss - m.baselineRss) / threads);
      const retained = measurements.map((m) => (m.rssAfterGc - m.baselineRss) / threads);
      const heap = measurements.map((m) => (m.heapAfterGc - m.baselineHeap) / threads);
      metrics.set(`memory.${engine.name}.peakBytesPerThread`, median(peak));
      metrics.set(`memory.${engine.name}.heapBytesPerThread`, median(heap));
      rows.push([
        engine.name,
        String(measurements.length),
        formatRate(median(measurements.map((m) => (threads * 1000) / m.msToPauseAll))),
        formatBytes(median(measurements.map((m) => m.baselineRss))),
        formatBytes(median(measurements.map((m) => m.peakRss))),
        formatBytes(median(measurements.map((m) => m.rssAfterGc))),
        `**${formatMedianRange(peak, formatBytes)}**`,
        formatBytes(median(retained)),
        formatBytes(median(heap)),
      ]);
    }
    const ours = metrics.get("memory.replaygraph.peakBytesPerThread") ?? Number.NaN;
    const theirs = metrics.get("memory.LangGraph.peakBytesPerThread") ?? Number.NaN;
    return {
      metrics,
      section: {
        title: `7. ${formatNumber(threads)} threads paused at an interrupt: memory per thread`,
        intro: [
          `Each measurement is a fresh child process (\`node --expose-gc dist/bench/paused-threads-child.js\`): it warms up on 50 throwaway threads, takes the baseline RSS after a GC, ` +
            `pauses ${formatNumber(threads)} threads of the interrupt graph (START → ask → END) on the engine's memory store (replaygraph MemoryEventStore, LangGraph MemorySaver), ` +
            "then reads the peak RSS (`VmHWM` of /proc/self/status), collects garbage, and reads RSS and heapUsed + arrayBuffers again; two threads are then resumed as a check. " +
            "Per thread = (value − baseline) ÷ threads; median over the processes (min–max).",
        ],
        tables: [
          {
            headers: [
              "engine (memory store)",
              "processes",
              "pauses/s",
              "baseline RSS",
              "peak RSS",
              "RSS after GC",
              "peak RSS / thread",
              "retained RSS / thread",
              "heap + ArrayBuffers / thread",
            ],
            rows,
          },
        ],
        notes: [
          `replaygraph ÷ LangGraph, peak RSS per paused thread: **${formatNumber((ours / theirs) * 100, 0)} %**. ` +
            "replaygraph's number includes its live thread actors (a compiled graph keeps the 1,000 most recently used idle actors, each holding its thread's folded state; older ones are rebuilt from the store when next used), besides the serialized events. " +
            "Peak RSS also holds what the V8 heap grew to while the threads were paused (garbage not yet collected, a grown young generation), which is why it is several times the retained heap for both engines.",
        ],
      },
    };
  },
};
