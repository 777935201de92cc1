import { performance } from "node:perf_hooks";
import type { BenchEngine } from "./bench-engine.js";
import type { StoreKind } from "./bench-store.js";
import type { EventStore } from "replaygraph";
import type { BenchContext, Benchmark, BenchmarkResult, Metrics } from "./benchmark.js";
import { buildLongThread, ticksForEvents } from "./build-long-thread.js";
import { CountingEventStore } from "./counting-event-store.js";
import { collectGarbage } from "./collect-garbage.js";
import { formatMedianRange, formatMs, formatNumber } from "./format-number.js";
import { loopGraph } from "./graph-shapes.js";
import { median, summarize } from "./sample-stats.js";

const storeKinds: readonly StoreKind[] = ["memory", "sqlite"];
const warmCalls = 30;

interface LoadResult {
  readonly thread: string;
  readonly buildMsPerStep: number;
  readonly coldMs: readonly number[];
  readonly warmP50: number;
  readonly events: number | undefined;
  /** replaygraph: the thread events a cold load read (the rest came from a snapshot), median over the loads. */
  readonly eventsRead: number | undefined;
}

/**
 * Benchmark 5: `getState` on threads of 100, 10,000 and 100,000 events, cold (the first call of
 * a new compiled graph on a reopened store: nothing cached) and warm (later calls).
 */
export const coldLoadBenchmark: Benchmark = {
  name: "load",
  async run(context): Promise<BenchmarkResult> {
    const { sizes } = context;
    const metrics: Metrics = new Map();
    const rows: string[][] = [];
    let langGraphMsPerStep = 0;
    for (const kind of storeKinds) {
      for (const engine of context.engines) {
        for (const events of sizes.loadEvents) {
          if (engine.name === "LangGraph" && events > sizes.langGraphMaxLoadEvents) continue;
          context.progress(`load: ${engine.name} ${kind} ${formatNumber(events)} events`);
          const result = await measureLoads(context, engine, kind, events);
          const cold = median(result.coldMs);
          if (engine.name === "LangGraph") langGraphMsPerStep = Math.max(langGraphMsPerStep, result.buildMsPerStep);
          metrics.set(`load.${kind}.${engine.name}.${events}.coldMs`, cold);
          if (result.eventsRead !== undefined) metrics.set(`load.${kind}.${engine.name}.${events}.eventsRead`, result.eventsRead);
          rows.push([
            kind,
            engine.name,
            formatNumber(events),
            result.thread,
            formatMs(result.buildMsPerStep),
            `**${formatMedianRange(result.coldMs, formatMs)}**`,
            result.events === undefined ? "–" : formatNumber((cold * 1000) / result.events, 2),
            result.eventsRead === undefined ? "–" : formatNumber(result.eventsRead),
            formatMs(result.warmP50),
          ]);
        }
      }
    }
    const longest = Math.max(...sizes.loadEvents);
    return {
      metrics,
      section: {
        title: "5. getState and cold load of long threads",
        intro: [
          "One thread per size, built by a single invoke of START → tick → tick … → END (`tick` increments `n`; recursion limit raised): replaygraph writes 3 events per superstep plus 3, " +
            "so a size in events is ⌈(events − 3) / 3⌉ supersteps, and LangGraph runs the same supersteps (it writes supersteps + 2 checkpoints). " +
            `**Cold load** = the first \`getState()\` of a new compiled graph on a reopened store (SQLite: the file closed and opened again, so nothing is cached in the engine; the OS page cache stays warm; memory: the same store object, a new graph). ${sizes.warmups} discarded, then ${sizes.loadRepetitions} measured, median (min–max). ` +
            `**Warm** = p50 of ${warmCalls} further \`getState()\` calls on the last graph.`,
          ...capNote(sizes.langGraphMaxLoadEvents, longest, langGraphMsPerStep),
          "**replaygraph keeps a snapshot** of a thread's folded state beside its stream every 500 events or more (the default `compile({ snapshotEvery })`): a cold load reads the latest snapshot and folds the events after it, " +
            "so its cost follows the snapshot interval and the state's size, not the thread's length. *Events read* counts the thread events a cold load read (median): the tail after the snapshot, and the one event the snapshot names, which is checked.",
        ],
        tables: [
          {
            headers: [
              "store",
              "engine",
              "size (events)",
              "thread",
              "build ms / superstep",
              "cold load ms",
              "cold µs / event",
              "events read (cold)",
              "warm getState p50 ms",
            ],
            rows,
          },
        ],
        notes: [],
      },
    };
  },
};

/** Says that LangGraph stopped short of the longest thread, and what building it would have cost. */
function capNote(cap: number, longest: number, msPerStep: number): string[] {
  if (cap >= longest) return [];
  const seconds = (ticksForEvents(longest) * msPerStep) / 1000;
  return [
    `**LangGraph is built only up to ${formatNumber(cap)} events' worth of supersteps (${formatNumber(ticksForEvents(cap))})**: at the ${formatMs(msPerStep)} ms per superstep it built at, ` +
      `a ${formatNumber(longest)}-event thread (${formatNumber(ticksForEvents(longest))} supersteps) would take about ${formatNumber(seconds)} s to build per store. The ${formatNumber(longest)}-event rows are replaygraph only.`,
  ];
}

async function measureLoads(context: BenchContext, engine: BenchEngine, kind: StoreKind, events: number): Promise<LoadResult> {
  const { sizes } = context;
  const file = context.data.sqliteFile(`load-${events}-${engine.name}-${kind}`);
  let store = engine.openStore(kind, file);
  try {
    const ticks = ticksForEvents(events);
    const thread = await buildLongThread(engine, store, `load-${events}`, ticks);
    const coldMs: number[] = [];
    const eventsRead: number[] = [];
    let graph = thread.graph;
    for (let i = 0; i < sizes.warmups + sizes.loadRepetitions; i++) {
      store = await store.reopen();
      const counting = thread.events === undefined ? undefined : new CountingEventStore(store.checkpointer as EventStore);
      graph = loopGraph(engine.kit, counting ?? store.checkpointer);
      collectGarbage();
      const start = performance.now();
      const snapshot = await graph.getState(thread.config);
      const ms = performance.now() - start;
      if (snapshot.values["n"] !== ticks) throw new Error(`cold getState read n=${String(snapshot.values["n"])}, not ${ticks}.`);
      if (i >= sizes.warmups) coldMs.push(ms);
      if (i >= sizes.warmups && counting) eventsRead.push(counting.threadEventsRead);
    }
    const warm: number[] = [];
    for (let i = 0; i < warmCalls; i++) {
      const start = performance.now();
      await graph.getState(thread.config);
      warm.push(performance.now() - start);
    }
    const described =
      thread.events === undefined
        ? `${formatNumber(ticks)} supersteps, ${formatNumber(ticks + 2)} checkpoints`
        : `${formatNumber(thread.events)} events, ${formatNumber(ticks)} supersteps`;
    return {
      thread: described,
      buildMsPerStep: thread.buildMs / ticks,
      coldMs,
      warmP50: summarize(warm).p50,
      events: thread.events,
      eventsRead: eventsRead.length > 0 ? median(eventsRead) : undefined,
    };
  } finally {
    await store.close();
    context.data.removeSqliteFile(file);
  }
}
