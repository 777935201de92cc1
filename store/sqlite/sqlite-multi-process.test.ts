import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SqliteEventStore } from "./sqlite-event-store.js";
import { spawnTypeScriptWorker } from "../testing/spawn-typescript-worker.js";
import { childLines } from "../testing/child-lines.js";
import { sqliteIntegrityCheck } from "./testing/sqlite-integrity-check.js";

describe("SqliteEventStore shared by several processes", () => {
  let directory = "";
  let path = "";
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "replaygraph-sqlite-processes-"));
    path = join(directory, "events.db");
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it("three processes appending to the same streams leave contiguous revisions, and each append succeeds or conflicts", async () => {
    await new SqliteEventStore(path).close(); // create the schema before the race starts
    const writers = ["w0", "w1", "w2"].map((writer) => {
      const child = spawnTypeScriptWorker(new URL("./testing/sqlite-contention-worker.ts", import.meta.url), [path, writer, "600", "3"]);
      return { child, reader: childLines(child) };
    });
    await Promise.all(writers.map(({ reader }) => reader.waitFor(/^ready$/)));
    for (const { child } of writers) child.stdin.end("go\n");
    const reports = await Promise.all(
      writers.map(async ({ reader }) => {
        const line = await reader.waitFor(/^\{/);
        expect((await reader.exited).code).toBe(0);
        return JSON.parse(line) as { writer: string; succeeded: Record<string, number>; conflicts: number; unexpected: string[] };
      }),
    );

    for (const report of reports) {
      expect(report.unexpected).toEqual([]);
      expect(Object.values(report.succeeded).reduce((sum, count) => sum + count, 0) + report.conflicts).toBe(600);
    }
    expect(sqliteIntegrityCheck(path)).toBe("ok");
    const store = new SqliteEventStore(path);
    let writerSwitches = 0;
    for (const stream of ["contended-0", "contended-1", "contended-2"]) {
      const { events, currentRevision } = await store.readStream(stream);
      const appended = reports.reduce((sum, report) => sum + (report.succeeded[stream] ?? 0), 0);
      expect(events.map((event) => event.revision)).toEqual(Array.from({ length: appended * 2 }, (_, index) => index));
      expect(currentRevision).toBe(appended * 2 - 1);
      expect(new Set(events.map((event) => event.id)).size).toBe(events.length);
      // Each append's two events sit together: no other writer got between them.
      for (let index = 0; index < events.length; index += 2) {
        expect(events[index + 1]?.data).toEqual({ ...(events[index]?.data as object), part: 1 });
      }
      for (let index = 2; index < events.length; index += 2) {
        if (events[index]?.metadata["writer"] !== events[index - 2]?.metadata["writer"]) writerSwitches++;
      }
    }
    await store.close();
    // The processes really interleaved on the streams rather than running one after another.
    expect(writerSwitches).toBeGreaterThan(3);
  });

  it("after kill -9 mid-append the file reopens intact with every acknowledged append", async () => {
    const child = spawnTypeScriptWorker(new URL("./testing/sqlite-crash-worker.ts", import.meta.url), [path, "crash"]);
    const reader = childLines(child);
    await reader.waitFor(/^ack /);
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill("SIGKILL");
    await reader.exited;
    const acknowledged = reader.lines.filter((line) => line.startsWith("ack ")).map((line) => Number(line.slice(4)));
    const lastAcknowledged = acknowledged.at(-1) ?? -1;
    expect(acknowledged.length).toBeGreaterThan(10);

    expect(sqliteIntegrityCheck(path)).toBe("ok");
    const store = new SqliteEventStore(path);
    const { events, currentRevision } = await store.readStream("crash");
    expect(currentRevision).toBeGreaterThanOrEqual(lastAcknowledged);
    // An append is 3 events, all or none: the stream ends on a whole append.
    expect((currentRevision + 1) % 3).toBe(0);
    expect(events.map((event) => event.revision)).toEqual(Array.from({ length: currentRevision + 1 }, (_, index) => index));
    for (const event of events) expect(event.data).toEqual({ revision: event.revision, payload: "p".repeat(2_000) });
    expect((await store.appendToStream("crash", [{ type: "After", data: 1 }], { expectedRevision: currentRevision })).nextExpectedRevision).toBe(
      currentRevision + 1,
    );
    await store.close();
  });
});
