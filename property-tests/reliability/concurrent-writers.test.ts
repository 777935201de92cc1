import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryEventStore, type EventStore } from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { childLines } from "../../store/testing/child-lines.js";
import { DelayingEventStore } from "../../store/testing/delaying-event-store.js";
import { RecordingEventStore, type AcknowledgedAppend } from "../../store/testing/recording-event-store.js";
import { ReorderingEventStore } from "../../store/testing/reordering-event-store.js";
import { spawnTypeScriptWorker } from "../../store/testing/spawn-typescript-worker.js";
import { expectAcknowledgedStored } from "./expect-acknowledged-stored.js";
import { expectRacedThread } from "./expect-raced-thread.js";
import { buildInterviewGraph } from "./interview-graph.js";
import { raceOnThreads, type WriterReport } from "./race-writer.js";
import { runsOf } from "./reliability-runs.js";

/** Starts each thread's interview (paused on q0) with one writer, before the race. */
async function startInterviews(store: EventStore, threadIds: readonly string[]): Promise<void> {
  const graph = buildInterviewGraph(store);
  for (const threadId of threadIds) await graph.invoke({}, { configurable: { thread_id: threadId } });
}

describe("concurrent writers on the same threads", () => {
  it("in one process (memory store): generated delays and reorderings; no revision duplicated, no answer applied twice, no event lost", async () => {
    const schedule = fc.record({
      writers: fc.integer({ min: 2, max: 4 }),
      threads: fc.integer({ min: 1, max: 3 }),
      // Per writer, the delays (ms) its appends' replies take, used in turn.
      replyDelays: fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 5 }), { minLength: 4, maxLength: 4 }),
      batchSize: fc.integer({ min: 2, max: 3 }),
      rotations: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
      // Per writer, the durability mode of its runs: held-back and group-committed appends race too.
      durabilities: fc.array(fc.constantFrom("sync" as const, "async" as const, "exit" as const), { minLength: 4, maxLength: 4 }),
    });
    let conflicts = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(schedule, async ({ writers, threads, replyDelays, batchSize, rotations, durabilities }) => {
        const inner = new MemoryEventStore();
        const threadIds = Array.from({ length: threads }, (_, index) => `interview-${index}`);
        await startInterviews(inner, threadIds);
        // Concurrent appends are released in a generated order: the writer that asked first need not win.
        const shuffled = new ReorderingEventStore(inner, {
          batchSize,
          maxWaitMs: 3,
          order: (size, batch) => Array.from({ length: size }, (_, index) => (index + rotations[batch % rotations.length]!) % size),
        });
        const recorders = Array.from({ length: writers }, (_, writer) => {
          const delays = replyDelays[writer]!;
          return new RecordingEventStore(
            new DelayingEventStore(shuffled, { after: (call) => (call.operation === "append" ? delays[call.index % delays.length]! : 0) }),
          );
        });
        const reports = await Promise.all(
          recorders.map((store, writer) =>
            raceOnThreads(`w${writer}`, buildInterviewGraph(store), threadIds, { deadlineMs: 20_000, thinkMs: 2, durability: durabilities[writer]! }),
          ),
        );
        for (const threadId of threadIds) await expectRacedThread(inner, threadId);
        await expectAcknowledgedStored(
          inner,
          recorders.flatMap((recorder) => recorder.acknowledged),
        );
        expect(reports.reduce((sum, report) => sum + report.requests, 0)).toBeGreaterThan(0);
        conflicts += recorders.reduce((sum, recorder) => sum + recorder.conflicts, 0);
        runs++;
      }),
      { numRuns: runsOf(8) },
    );
    // Appends lost races at the store (optimistic concurrency), and the losers reloaded and re-decided.
    console.info(`concurrent writers (memory): ${conflicts} store conflicts over ${runs} schedules`);
    expect(conflicts).toBeGreaterThan(0);
  }, 120_000);

  it("engine instances in two child processes and two in this one, on one SQLite file: every thread ends consistent, losers reloaded", async () => {
    const dir = await mkdtemp(join(tmpdir(), "replaygraph-writers-"));
    const path = join(dir, "threads.db");
    const threadIds = ["race-0", "race-1", "race-2"];
    const handles: SqliteEventStore[] = [];
    try {
      const setup = new SqliteEventStore(path);
      handles.push(setup);
      await startInterviews(setup, threadIds);

      const children = ["p0", "p1"].map((writer) => {
        const child = spawnTypeScriptWorker(new URL("../../scenarios/testing/concurrent-writer-worker.ts", import.meta.url), [
          path,
          writer,
          JSON.stringify(threadIds),
        ]);
        return { child, output: childLines(child) };
      });
      await Promise.all(children.map(({ output }) => output.waitFor(/^ready$/)));
      const local = ["i0", "i1"].map((writer) => {
        const handle = new SqliteEventStore(path);
        handles.push(handle);
        const recorder = new RecordingEventStore(handle);
        // An append waits a little after its writer decided: other writers append meanwhile, and it conflicts.
        return {
          writer,
          recorder,
          graph: buildInterviewGraph(new DelayingEventStore(recorder, { before: (call) => (call.operation === "append" ? Math.random() * 5 : 0) })),
        };
      });
      for (const { child } of children) child.stdin.write("go\n");
      const localReports = await Promise.all(local.map(({ writer, graph }) => raceOnThreads(writer, graph, threadIds, { deadlineMs: 30_000, thinkMs: 4 })));
      const childReports: (WriterReport & { conflicts: number })[] = [];
      const acks: AcknowledgedAppend[] = local.flatMap(({ recorder }) => recorder.acknowledged);
      for (const { output } of children) {
        const report = await output.waitFor(/^report /);
        expect(await output.exited, output.stderr()).toEqual({ code: 0, signal: null });
        childReports.push(JSON.parse(report.slice("report ".length)) as WriterReport & { conflicts: number });
        acks.push(...output.lines.filter((line) => line.startsWith("ack ")).map((line) => JSON.parse(line.slice(4)) as AcknowledgedAppend));
      }

      const raw = new Database(path, { readonly: true });
      expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
      raw.close();
      const reader = new SqliteEventStore(path);
      handles.push(reader);
      const winners = new Set<string>();
      for (const threadId of threadIds) for (const winner of await expectRacedThread(reader, threadId)) winners.add(winner);
      await expectAcknowledgedStored(reader, acks);

      const conflicts = childReports.reduce((sum, report) => sum + report.conflicts, 0) + local.reduce((sum, { recorder }) => sum + recorder.conflicts, 0);
      const lost = [...childReports, ...localReports].reduce((sum, report) => sum + Object.values(report.lost).reduce((a, b) => a + b, 0), 0);
      console.info(
        `concurrent writers: winners ${[...winners].sort().join(", ")}; ${conflicts} store conflicts; ${lost} refused requests; ` +
          [...childReports, ...localReports].map((report) => `${report.writer}: ${report.requests} requests, lost ${JSON.stringify(report.lost)}`).join("; "),
      );
      // The writers really raced: appends lost to another writer's at the store, and the losers reloaded.
      expect(conflicts).toBeGreaterThan(0);
      for (const report of childReports) expect(report.requests, `${report.writer} took part`).toBeGreaterThan(0);
    } finally {
      for (const handle of handles) await handle.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
