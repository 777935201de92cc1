import { performance } from "node:perf_hooks";
import type { BenchEngine } from "./bench-engine.js";
import type { StorageStats, StoredEventSize, StoreKind } from "./bench-store.js";
import type { BenchContext, Benchmark, BenchmarkResult, Metrics } from "./benchmark.js";
import { collectGarbage } from "./collect-garbage.js";
import { formatBytes, formatMs, formatNumber, formatRatio, formatRate } from "./format-number.js";
import { approvalGraph } from "./graph-shapes.js";
import type { MarkdownTable } from "./report-section.js";
import { repeatMeasured } from "./repeat-measured.js";
import { meansByDecile, median, summarize, type SampleSummary } from "./sample-stats.js";

const storeKinds: readonly StoreKind[] = ["memory", "sqlite"];

interface ApprovalRun {
  readonly resumes: number;
  readonly totalMs: number;
  readonly perResume: SampleSummary;
  /** Mean latency per resume in each tenth of the run, ms. */
  readonly latencyDeciles: readonly number[];
  readonly storage: StorageStats | undefined;
  /** Mean stored bytes per resume in each tenth of the run (replaygraph on SQLite only). */
  readonly bytesDeciles: readonly number[] | undefined;
}

/**
 * Benchmark 3: one thread in an approval loop: the first invoke pauses in `review`; each resume
 * with `false` runs `revise` (appending one item to a list, so the state grows) and pauses in
 * `review` again; a final `true` ends it. Each resume is timed.
 */
export const approvalLoopBenchmark: Benchmark = {
  name: "approval",
  async run(context): Promise<BenchmarkResult> {
    const { sizes } = context;
    const metrics: Metrics = new Map();
    const summaryRows: string[][] = [];
    const decileRows: string[][] = [];
    const bytesRows: string[][] = [];
    for (const kind of storeKinds) {
      for (const engine of context.engines) {
        const counts = sizes.approvalResumes.filter((n) => engine.name !== "LangGraph" || n <= sizes.langGraphMaxResumes);
        context.progress(`approval: ${engine.name} ${kind} warm-up`);
        await runApprovalLoop(context, engine, kind, "approval-warmup", Math.min(100, Math.max(...counts)));
        for (const resumes of counts) {
          const repetitions = resumes >= 10_000 ? sizes.longRepetitions : sizes.repetitions;
          const runs = await repeatMeasured({ warmups: 0, repetitions }, async (repetition) => {
            context.progress(`approval: ${engine.name} ${kind} ${resumes} resumes, repetition ${repetition.index + 1}/${repetitions}`);
            return runApprovalLoop(context, engine, kind, `approval-${resumes}-${repetition.index}`, resumes);
          });
          const deciles = Array.from({ length: 10 }, (_, d) => median(runs.map((run) => run.latencyDeciles[d] ?? Number.NaN)));
          const first = deciles[0] ?? Number.NaN;
          const last = deciles[9] ?? Number.NaN;
          const key = `approval.${kind}.${engine.name}.${resumes}`;
          metrics.set(`${key}.firstDecileMs`, first);
          metrics.set(`${key}.lastDecileMs`, last);
          metrics.set(`${key}.decileRatio`, last / first);
          const fileBytes = median(runs.map((run) => run.storage?.fileBytes ?? Number.NaN));
          const payloadBytes = median(runs.map((run) => run.storage?.payloadBytes ?? Number.NaN));
          summaryRows.push([
            kind,
            engine.name,
            formatNumber(resumes),
            String(runs.length),
            formatRate(median(runs.map((run) => (run.resumes * 1000) / run.totalMs))),
            formatMs(median(runs.map((run) => run.perResume.p50))),
            formatMs(median(runs.map((run) => run.perResume.p99))),
            formatMs(first),
            formatMs(last),
            formatRatio(last / first),
            kind === "sqlite" ? formatBytes(fileBytes) : "–",
            kind === "sqlite" ? formatBytes(fileBytes / resumes) : "–",
            kind === "sqlite" ? formatBytes(payloadBytes / resumes) : "–",
          ]);
          decileRows.push([kind, engine.name, formatNumber(resumes), ...deciles.map(formatMs)]);
          const byteDeciles = runs[0]?.bytesDeciles;
          if (byteDeciles !== undefined) {
            const firstBytes = byteDeciles[0] ?? Number.NaN;
            const lastBytes = byteDeciles[9] ?? Number.NaN;
            metrics.set(`${key}.firstDecileBytes`, firstBytes);
            metrics.set(`${key}.lastDecileBytes`, lastBytes);
            metrics.set(`${key}.bytesDecileRatio`, lastBytes / firstBytes);
            bytesRows.push([engine.name, formatNumber(resumes), ...byteDeciles.map((b) => formatNumber(b)), formatRatio(lastBytes / firstBytes)]);
          }
        }
      }
    }
    const decileHeaders = Array.from({ length: 10 }, (_, d) => `d${d + 1}`);
    const tables: MarkdownTable[] = [
      {
        headers: [
          "store",
          "engine",
          "resumes",
          "runs",
          "resumes/s",
          "per resume p50 ms",
          "p99 ms",
          "first decile ms",
          "last decile ms",
          "last/first",
          "SQLite file",
          "file / resume",
          "payload / resume",
        ],
        rows: summaryRows,
      },
      { headers: ["store", "engine", "resumes", ...decileHeaders.map((d) => `${d} ms`)], rows: decileRows },
    ];
    if (bytesRows.length > 0) tables.push({ headers: ["engine (SQLite)", "resumes", ...decileHeaders.map((d) => `${d} B`), "last/first"], rows: bytesRows });
    return {
      metrics,
      section: {
        title: "3. Approval loop on one thread: interrupt, revise, repeat",
        intro: [
          'START → review; `review` calls `interrupt({ rev })`; a `false` answer routes to `revise`, which appends `"revision <rev>"` to a list and bumps `rev`, then back to `review`. ' +
            "One thread: the first invoke pauses, then N timed `Command({ resume: false })` calls (each one pause-to-pause superstep pair), then `Command({ resume: true })` ends it (checked). " +
            "The first table gives per-resume latency (p50/p99 over the N resumes; the first and last decile's mean) and storage; the second the mean latency per resume in each tenth of the run. " +
            `A warm-up loop of ${Math.min(100, Math.max(...sizes.approvalResumes))} resumes runs before each engine and store; runs = measured repetitions, each on a fresh store.`,
          ...(sizes.langGraphMaxResumes < Math.max(...sizes.approvalResumes)
            ? [
                `**LangGraph is capped at ${formatNumber(sizes.langGraphMaxResumes)} resumes**: every checkpoint stores the whole growing list, so its storage grows quadratically ` +
                  "(the peer baseline measured a 152 MB file at 3,000 resumes, with 12–14 ms per resume in the last deciles); 10,000 resumes, five times over, would take tens of minutes and gigabytes. The larger rows are replaygraph only.",
              ]
            : []),
        ],
        tables,
        notes: [
          "Bytes: the SQLite file after `wal_checkpoint(TRUNCATE)`, and the serialized payload (replaygraph: event data + metadata; LangGraph: checkpoint + metadata blobs + pending writes). " +
            "The last table splits replaygraph's stored events by run (each resume is one run, from its `RunStarted`) and gives the mean payload bytes per resume in each tenth of the run.",
        ],
      },
    };
  },
};

async function runApprovalLoop(context: BenchContext, engine: BenchEngine, kind: StoreKind, label: string, resumes: number): Promise<ApprovalRun> {
  const file = context.data.sqliteFile(`${label}-${engine.name}-${kind}`);
  const store = engine.openStore(kind, file);
  try {
    const graph = approvalGraph(engine.kit, store.checkpointer);
    const config = { configurable: { thread_id: label } };
    const first = await graph.invoke({ items: [], rev: 0, approved: false }, config);
    if (!Array.isArray(first["__interrupt__"])) throw new Error(`approval loop did not pause: ${JSON.stringify(first)}`);
    const latencies = new Array<number>(resumes);
    const answer = engine.kit.resume(false);
    collectGarbage();
    const start = performance.now();
    for (let i = 0; i < resumes; i++) {
      const t0 = performance.now();
      const output = await graph.invoke(answer, config);
      latencies[i] = performance.now() - t0;
      if (i === resumes - 1 && (!Array.isArray(output["__interrupt__"]) || output["rev"] !== resumes)) {
        throw new Error(`approval loop state is wrong after ${resumes} resumes: rev=${String(output["rev"])}`);
      }
    }
    const totalMs = performance.now() - start;
    const final = await graph.invoke(engine.kit.resume(true), config);
    if (final["__interrupt__"] !== undefined || final["rev"] !== resumes || (final["items"] as unknown[]).length !== resumes) {
      throw new Error(`approval loop did not end: ${JSON.stringify(final).slice(0, 200)}`);
    }
    const sizes = store.eventSizes?.(label);
    return {
      resumes,
      totalMs,
      perResume: summarize(latencies),
      latencyDeciles: meansByDecile(latencies),
      storage: store.storage(),
      bytesDeciles: sizes === undefined ? undefined : meansByDecile(bytesPerResume(sizes, resumes)),
    };
  } finally {
    await store.close();
    context.data.removeSqliteFile(file);
  }
}

/**
 * Stored bytes of each run of a thread: a run's events go from its `RunStarted` to the next one
 * (the events before the first `RunStarted`, i.e. `ThreadCreated`, count toward the first run).
 */
function bytesPerRun(events: readonly StoredEventSize[]): number[] {
  const runs: number[] = [0];
  let started = false;
  for (const event of events) {
    if (event.type === "RunStarted") {
      if (started) runs.push(0);
      started = true;
    }
    runs[runs.length - 1] = (runs[runs.length - 1] ?? 0) + event.bytes;
  }
  return runs;
}

/** The stored bytes of each resume, checking that the thread has one run per call. */
function bytesPerResume(events: readonly StoredEventSize[], resumes: number): number[] {
  const runs = bytesPerRun(events);
  if (runs.length !== resumes + 2) throw new Error(`expected ${resumes + 2} runs in the approval thread's events, found ${runs.length}.`);
  return runs.slice(1, resumes + 1);
}
