import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryEventStore } from "../memory/memory-event-store.js";
import { SqliteEventStore } from "../sqlite/sqlite-event-store.js";
import { HistoryChangedError } from "./history-changed-error.js";
import { ImmutabilityAssertingEventStore } from "./immutability-asserting-event-store.js";

describe("ImmutabilityAssertingEventStore", () => {
  let dir = "";
  afterEach(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

  it("passes appends and reads of an unchanged history; caller-side mutation of what it appended changes nothing", async () => {
    const store = new ImmutabilityAssertingEventStore(new MemoryEventStore());
    const data = { list: [1, 2], when: new Date(0), tags: new Set(["a"]) };
    await store.appendToStream("s", [{ type: "E", data }], { expectedRevision: "no_stream" });
    data.list.push(3);
    await store.appendToStream("s", [{ type: "F", data: null, metadata: { at: 1 } }], { expectedRevision: 0 });
    expect((await store.readStream("s")).events[0]!.data).toEqual({ list: [1, 2], when: new Date(0), tags: new Set(["a"]) });
    await store.assertUnchanged();
    expect(store.eventsSeen).toBe(2);
  });

  it("an event rewritten in the SQLite file is caught on the next read, and by assertUnchanged", async () => {
    dir = await mkdtemp(join(tmpdir(), "replaygraph-immutable-"));
    const path = join(dir, "events.db");
    const store = new ImmutabilityAssertingEventStore(new SqliteEventStore(path));
    await store.appendToStream(
      "s",
      [
        { type: "E", data: { answer: "yes" } },
        { type: "E", data: { answer: "no" } },
      ],
      { expectedRevision: "no_stream" },
    );

    // Both events are one row (one append): the second event's data is rewritten inside it.
    const raw = new Database(path);
    raw
      .prepare("UPDATE event_batches SET events = json_set(events, '$.e[1].d', json(?)) WHERE stream = 's' AND revision = 0")
      .run('{"answer":"YES, rewritten"}');

    const error = await store.readStream("s").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HistoryChangedError);
    expect(error).toMatchObject({ code: "HISTORY_CHANGED", stream: "s", revision: 1 });
    expect((error as Error).message).toMatch(/rewritten/);

    raw.prepare("UPDATE event_batches SET events = json_remove(events, '$.e[1]'), last_revision = 0 WHERE stream = 's' AND revision = 0").run();
    raw.close();
    await expect(store.assertUnchanged()).rejects.toThrow(/it is gone/);
    await store.close();
  });

  it("on(): a restarted process's handle is checked against what the first handle saw", async () => {
    dir = await mkdtemp(join(tmpdir(), "replaygraph-immutable-"));
    const path = join(dir, "events.db");
    const first = new ImmutabilityAssertingEventStore(new SqliteEventStore(path));
    await first.appendToStream("s", [{ type: "E", data: { answer: "yes" } }], { expectedRevision: "no_stream" });
    await first.close();
    const raw = new Database(path);
    raw.prepare("UPDATE event_batches SET events = json_set(events, '$.e[0].d', json(?)) WHERE stream = 's' AND revision = 0").run('{"answer":"no"}');
    raw.close();
    const restarted = first.on(new SqliteEventStore(path));
    await expect(restarted.readStream("s")).rejects.toBeInstanceOf(HistoryChangedError);
    await restarted.close();
  });

  it("a retried append (same event ids) carrying different events is caught right after the append", async () => {
    const inner = new MemoryEventStore();
    const store = new ImmutabilityAssertingEventStore(inner);
    const id = "0b8f3f4e-1111-4111-8111-000000000001";
    await store.appendToStream("s", [{ type: "Answered", data: { answer: "yes" }, id }], { expectedRevision: "no_stream" });
    // The store treats this as an idempotent retry and keeps the first body: the writer's belief is wrong.
    await expect(store.appendToStream("s", [{ type: "Answered", data: { answer: "no" }, id }], { expectedRevision: "no_stream" })).rejects.toBeInstanceOf(
      HistoryChangedError,
    );
    expect((await inner.readStream("s")).events.map((event) => event.data)).toEqual([{ answer: "yes" }]);
  });
});
