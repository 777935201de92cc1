import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { MemoryEventStore, type NewEvent } from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { sqliteSchemaMigrations } from "../store/sqlite/migrate-sqlite-schema.js";
import { encodeBatchMetadata, encodeBatchValue } from "../store/batch-value.js";
import { encodeEventBatch } from "../store/event-batch.js";
import { measureSqliteFile, type StorageStats } from "./bench-store.js";
import type { BenchContext, Benchmark, BenchmarkResult, Metrics } from "./benchmark.js";
import { captureChainStepEvents } from "./chain-step-events.js";
import { collectGarbage } from "./collect-garbage.js";
import { formatBytes, formatMedianRange, formatNumber, formatRate } from "./format-number.js";
import { repeatInterleaved } from "./repeat-interleaved.js";
import { median, summarize, type SampleSummary } from "./sample-stats.js";

/** One way of appending a step's events: set up, append (stream, revision before), tear down. */
interface Appender {
  readonly key: string;
  readonly label: string;
  open(file: string): {
    append(stream: string, lastRevision: number): Promise<void> | void;
    storage(): StorageStats | undefined;
    close(): Promise<void> | void;
  };
}

interface AppendRun {
  readonly appends: number;
  readonly totalMs: number;
  /** Per-append latency, ms. */
  readonly latency: SampleSummary;
  readonly storage: StorageStats | undefined;
}

/** What the store writes for a plain-JSON value: superjson's format without `meta` (store/event-serializer.ts). */
function encodePlainJson(value: unknown): string {
  return JSON.stringify(value);
}

/** The stored bytes of every append: the batch rows' text (the events' data and metadata, ids and types). */
const batchPayloadSql = "SELECT sum(length(CAST(events AS BLOB))) FROM event_batches";

function appenders(events: readonly NewEvent[]): Appender[] {
  // As the store encodes them: no id per event, one random base id per row (store/event-batch.ts).
  const encoded = events.map((event) => ({ type: event.type, data: encodeBatchValue(event.data), metadata: encodeBatchMetadata(event.metadata) }));
  return [
    {
      key: "raw-sqlite",
      label: "raw better-sqlite3: INSERT of the encoded row, one transaction",
      open(file) {
        const db = new Database(file);
        db.pragma("journal_mode = WAL");
        db.pragma("synchronous = NORMAL");
        // The store's own schema, so the raw row lands in exactly its table and indexes.
        for (const migration of sqliteSchemaMigrations) db.exec(migration);
        const insert = db.prepare("INSERT INTO event_batches (stream, revision, last_revision, recorded_at, events) VALUES (?, ?, ?, ?, ?)");
        const batch = encodeEventBatch(encoded, randomUUID());
        const append = db.transaction((stream: string, lastRevision: number) => {
          insert.run(stream, lastRevision + 1, lastRevision + encoded.length, Date.now(), batch);
        });
        return {
          append: (stream, lastRevision) => append.immediate(stream, lastRevision),
          storage: () => measureSqliteFile(db, file, batchPayloadSql),
          close: () => {
            db.close();
          },
        };
      },
    },
    {
      key: "sqlite-store",
      label: "SqliteEventStore.appendToStream (serializes, checks the revision)",
      open(file) {
        const store = new SqliteEventStore(file, { synchronous: "normal" });
        return {
          append: async (stream, lastRevision) => {
            await store.appendToStream(stream, events, { expectedRevision: lastRevision === -1 ? "no_stream" : lastRevision });
          },
          storage: () => {
            const db = new Database(file);
            try {
              return measureSqliteFile(db, file, batchPayloadSql);
            } finally {
              db.close();
            }
          },
          close: () => store.close(),
        };
      },
    },
    {
      key: "memory-store",
      label: "MemoryEventStore.appendToStream",
      open() {
        const store = new MemoryEventStore();
        return {
          append: async (stream, lastRevision) => {
            await store.appendToStream(stream, events, { expectedRevision: lastRevision === -1 ? "no_stream" : lastRevision });
          },
          storage: () => undefined,
          close: () => store.close(),
        };
      },
    },
  ];
}

/**
 * Benchmark 8: the store alone. The events replaygraph writes for one chain superstep, appended
 * `chainNodes` times to each of `appendStreams` streams, one transaction per append: with raw
 * better-sqlite3 (the physical limit), with SqliteEventStore and with MemoryEventStore.
 */
export const rawAppendBenchmark: Benchmark = {
  name: "append",
  async run(context): Promise<BenchmarkResult> {
    const { sizes } = context;
    const events = await captureChainStepEvents(sizes.chainNodes);
    const metrics: Metrics = new Map();
    const variants = appenders(events);
    const results = await repeatInterleaved(sizes, variants, async (appender, repetition) => {
      context.progress(`append: ${appender.key} ${repetition.warmup ? "warm-up" : `repetition ${repetition.index + 1}/${sizes.repetitions}`}`);
      const streams = repetition.warmup ? Math.min(100, sizes.appendStreams) : sizes.appendStreams;
      return timeAppends(context, appender, `append-${repetition.index}`, streams, sizes.chainNodes, events.length);
    });
    const rows = variants.map((appender, v) => {
      const runs = results[v] ?? [];
      const perSecond = runs.map((run) => (run.appends * 1000) / run.totalMs);
      metrics.set(`append.${appender.key}.appendsPerSecond`, median(perSecond));
      return [
        appender.label,
        `**${formatMedianRange(perSecond)}**`,
        formatRate(median(perSecond) * events.length),
        formatNumber(median(runs.map((run) => run.latency.p50)) * 1000, 1),
        formatNumber(median(runs.map((run) => run.latency.p99)) * 1000, 1),
        appender.key === "memory-store" ? "–" : formatBytes(median(runs.map((run) => (run.storage?.fileBytes ?? Number.NaN) / run.appends))),
        appender.key === "memory-store" ? "–" : formatBytes(median(runs.map((run) => (run.storage?.payloadBytes ?? Number.NaN) / run.appends))),
      ];
    });
    const appendsTotal = sizes.appendStreams * sizes.chainNodes;
    return {
      metrics,
      section: {
        title: "8. The store alone: raw appends of one chain step's events",
        intro: [
          `The append replaygraph makes for one chain superstep, captured from a real run: ${events.map((e) => `\`${e.type}\``).join(", ")} ` +
            `(${formatBytes(events.reduce((sum, e) => sum + encodePlainJson(e.data).length + encodePlainJson(e.metadata ?? {}).length, 0))} encoded). ` +
            `Appended ${sizes.chainNodes} times to each of ${formatNumber(sizes.appendStreams)} streams (${formatNumber(appendsTotal)} appends per repetition), sequentially, one transaction per append, ` +
            "at the revision after the last. SQLite variants: WAL, synchronous=NORMAL, a fresh file per repetition. The three variants take turns within each repetition round.",
          "**Raw better-sqlite3** is the physical limit: the append's row pre-encoded (the same bytes the store writes: one row per append, its events as one batch), one prepared INSERT inside one `BEGIN IMMEDIATE` transaction, no revision check, no serialization, no `await`, " +
            "into the store's own table (`event_batches`: primary key (stream, first revision), and the partial index on each stream's first batch that lists streams in creation order).",
        ],
        tables: [{ headers: ["append", "appends/s", "events/s", "append p50 µs", "append p99 µs", "SQLite file / append", "payload / append"], rows }],
        notes: [
          `The chain benchmark's engine makes ${sizes.chainNodes} appends per ${sizes.chainNodes} supersteps (one per step: a plain invoke's start goes with its first step's, its end with its last step's; those two appends are larger than the one measured here), so its ceiling on SQLite is about the raw rate in supersteps/s.`,
        ],
      },
    };
  },
};

async function timeAppends(
  context: BenchContext,
  appender: Appender,
  label: string,
  streams: number,
  perStream: number,
  eventsPerAppend: number,
): Promise<AppendRun> {
  const file = context.data.sqliteFile(`${label}-${appender.key}`);
  const target = appender.open(file);
  try {
    const latencies = new Array<number>(streams * perStream);
    collectGarbage();
    const start = performance.now();
    let n = 0;
    for (let s = 0; s < streams; s++) {
      const stream = `thread-${label}-${s}`;
      for (let step = 0; step < perStream; step++) {
        const before = performance.now();
        // The raw appender is synchronous: awaiting it would add a microtask the limit does not pay.
        const pending = target.append(stream, step * eventsPerAppend - 1);
        if (pending !== undefined) await pending;
        latencies[n++] = performance.now() - before;
      }
    }
    const totalMs = performance.now() - start;
    return { appends: n, totalMs, latency: summarize(latencies), storage: target.storage() };
  } finally {
    await target.close();
    context.data.removeSqliteFile(file);
  }
}
