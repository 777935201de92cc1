import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SqliteEventStore } from "../../store/sqlite/sqlite-event-store.js";
import { v1StoreFile } from "../../scenarios/v1-store/v1-store-files.js";
import { encodeThreadEvent } from "./encode-thread-event.js";
import { encodeThreadEvents } from "./encode-thread-events.js";
import { upcastThreadEvent } from "./upcast-thread-event.js";

/** Every thread event of the 0.1.0 fixture (format v1), with its stream, revision and metadata. */
async function v1Events() {
  // A copy: opening a SQLite file writes beside it (its WAL), and the fixture must stay as 0.1.0 wrote it.
  const dir = await mkdtemp(join(tmpdir(), "replaygraph-upcast-"));
  await copyFile(v1StoreFile, join(dir, "store.db"));
  const store = new SqliteEventStore(join(dir, "store.db"));
  const { streams } = await store.listStreams({ prefix: "thread-" });
  const events = [];
  for (const stream of streams) events.push(...(await store.readStream(stream)).events);
  await store.close();
  await rm(dir, { recursive: true, force: true });
  return events;
}

describe("upcastThreadEvent", () => {
  it("reads a v1 event as it is, and its v2 encoding back to the same event, for every event of the 0.1.0 fixture", async () => {
    const events = await v1Events();
    expect(new Set(events.map((event) => event.type)).size).toBeGreaterThanOrEqual(14);
    for (const recorded of events) {
      const event = upcastThreadEvent(recorded);
      expect(event).toBe(recorded.data);
      const runId = typeof recorded.metadata["runId"] === "string" ? recorded.metadata["runId"] : undefined;
      const data = encodeThreadEvent(event, { threadId: recorded.stream.slice("thread-".length), revision: recorded.revision, runId });
      expect(data).not.toHaveProperty("type");
      expect(JSON.stringify(data).length).toBeLessThan(JSON.stringify(event).length);
      expect(upcastThreadEvent({ ...recorded, data })).toEqual(event);
    }
  });

  it("reads back every event of the fixture appended in groups of one to four, each group sharing one metadata (run, step, task)", async () => {
    const events = await v1Events();
    for (let size = 1; size <= 4; size++) {
      for (let start = 0; start < events.length; start += size) {
        const group = events.slice(start, start + size).filter((recorded) => recorded.stream === events[start]!.stream);
        const first = group[0]!;
        const runId = typeof first.metadata["runId"] === "string" ? first.metadata["runId"] : undefined;
        const appended = encodeThreadEvents(group.map(upcastThreadEvent), {
          threadId: first.stream.slice("thread-".length),
          firstRevision: first.revision,
          at: 1,
          runId,
        });
        appended.forEach((event, index) => {
          expect(
            upcastThreadEvent({ stream: first.stream, revision: first.revision + index, type: event.type, data: event.data, metadata: event.metadata ?? {} }),
          ).toEqual(group[index]!.data);
        });
      }
    }
  });

  it("keeps what differs from the defaults: options, a moved base revision, a push task's path, another run's id", () => {
    const at = { stream: "thread-t", revision: 7, metadata: { runId: "run-b" } };
    const started = {
      type: "RunStarted",
      v: 1,
      runId: "run-a",
      input: { kind: "continue" },
      options: { recursionLimit: 5, interruptBefore: "*", interruptAfter: [], strict: true, warningsAsErrors: true },
    } as const;
    const planned = {
      type: "StepStarted",
      v: 1,
      step: 2,
      baseRevision: 3,
      tasks: [
        { id: "x", node: "n", path: "push:0", args: { a: 1 } },
        { id: "y", node: "m", path: "pull:m" },
      ],
    } as const;
    for (const event of [started, planned]) {
      const data = encodeThreadEvent(event, { threadId: "t", revision: 7, runId: "run-b" });
      expect(upcastThreadEvent({ ...at, type: event.type, data })).toEqual(event);
    }
    expect(encodeThreadEvent(planned, { threadId: "t", revision: 7, runId: undefined })).toEqual({
      step: 2,
      baseRevision: 3,
      tasks: [planned.tasks[0], { id: "y", node: "m" }],
    });
  });

  it("refuses data that is no event: an unknown type, a v1 body of another type or version", () => {
    const at = { stream: "thread-t", revision: 0, metadata: {} };
    expect(() => upcastThreadEvent({ ...at, type: "Nope", data: {} })).toThrow(/not a thread event this version knows/);
    expect(() => upcastThreadEvent({ ...at, type: "StepCommitted", data: { type: "RunSucceeded", v: 1 } })).toThrow(/not a thread event/);
    expect(() => upcastThreadEvent({ ...at, type: "StepCommitted", data: { type: "StepCommitted", v: 3, step: 0 } })).toThrow(/not a thread event/);
    expect(() => upcastThreadEvent({ ...at, type: "StepCommitted", data: "text" })).toThrow(/not a thread event/);
  });
});
