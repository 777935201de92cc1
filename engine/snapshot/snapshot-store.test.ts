import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { EventStore } from "../../store/event-store.js";
import { MemoryEventStore } from "../../store/memory/memory-event-store.js";
import { SqliteEventStore } from "../../store/sqlite/sqlite-event-store.js";
import { FailingAppendEventStore } from "../../store/testing/failing-append-event-store.js";
import { ForwardingEventStore } from "../../store/forwarding-event-store.js";
import { replayThread } from "../runtime/thread-history.js";
import type { ThreadState } from "../thread/thread-state.js";
import { snapshotStreamOf } from "./snapshot-stream.js";
import { readThreadSnapshot, writeThreadSnapshot } from "./snapshot-store.js";
import { loopGraph, runLoop } from "./testing/loop-graph.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function sqliteFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "replaygraph-snapshots-"));
  dirs.push(dir);
  return join(dir, "threads.db");
}

/** A thread of 20 steps (63 events) on `store`, with no snapshots of its own; its graph and state. */
async function threadOn(store: EventStore) {
  const graph = loopGraph(store, { snapshotEvery: 0 });
  await runLoop(graph, "t", 20);
  return { spec: graph.graphSpec, state: await replayThread(graph.graphSpec, store, "t", () => undefined) };
}

describe.each([
  ["memory", async () => new MemoryEventStore()],
  ["sqlite", async () => new SqliteEventStore(await sqliteFile())],
] as const)("snapshot store on %s", (_name, open) => {
  it("writes a snapshot beside the thread's stream and reads it back, trusted, equal to the state", async () => {
    const store = await open();
    const { spec, state } = await threadOn(store);
    expect(await writeThreadSnapshot(store, spec, state)).toBeGreaterThan(0);
    const { events } = await store.readStream(snapshotStreamOf("t"));
    expect(events.map((event) => event.type)).toEqual(["SnapshotTaken"]);
    const read = await readThreadSnapshot(store, spec, "t");
    expect(read?.position).toBe(0);
    expect(read?.snapshot?.revision).toBe(state.revision);
    expect(read!.snapshot!.state).toStrictEqual(state);
    await store.close();
  });

  it("reads older snapshots by position, and nothing before the first", async () => {
    const store = await open();
    const { spec, state } = await threadOn(store);
    const older = (await readThreadSnapshot(store, spec, "t")) ?? undefined;
    expect(older).toBeUndefined();
    await writeThreadSnapshot(store, spec, state);
    await writeThreadSnapshot(store, spec, state);
    expect((await readThreadSnapshot(store, spec, "t"))?.position).toBe(1);
    expect((await readThreadSnapshot(store, spec, "t", 0))?.snapshot?.revision).toBe(state.revision);
    expect(await readThreadSnapshot(store, spec, "t", -1)).toBeUndefined();
    await store.close();
  });

  it("does not trust a snapshot whose event is not the stream's (another history under the same name)", async () => {
    const store = await open();
    const { spec, state } = await threadOn(store);
    const elsewhere = new MemoryEventStore();
    const other = await threadOn(elsewhere);
    await writeThreadSnapshot(elsewhere, other.spec, other.state);
    const foreign = (await elsewhere.readStream(snapshotStreamOf("t"))).events[0]!;
    await store.appendToStream(snapshotStreamOf("t"), [{ type: foreign.type, data: foreign.data }]);
    const read = await readThreadSnapshot(store, spec, "t");
    expect(read?.position).toBe(0);
    expect(read?.snapshot).toBeUndefined();
    expect(state.revision).toBe(other.state.revision);
    await store.close();
  });

  it("never fails the caller: a refused append, a failed read, a state ahead of the stream", async () => {
    const store = await open();
    const { spec, state } = await threadOn(store);
    const refusing = new FailingAppendEventStore(store, { failOn: () => true, when: "before" });
    expect(await writeThreadSnapshot(refusing, spec, state)).toBeUndefined();
    class Unreadable extends ForwardingEventStore {
      override readStream(): never {
        throw new Error("disk on fire");
      }
    }
    expect(await writeThreadSnapshot(new Unreadable(store), spec, state)).toBeUndefined();
    expect(await readThreadSnapshot(new Unreadable(store), spec, "t")).toBeUndefined();
    expect(await writeThreadSnapshot(store, spec, { ...state, revision: state.revision + 5 })).toBeUndefined();
    expect((await store.readStream(snapshotStreamOf("t"))).streamExists).toBe(false);
    await store.close();
  });
});

describe("snapshot store on SQLite, damaged", () => {
  it("a snapshot row that no longer decodes is no snapshot, and a cold load replays the stream", async () => {
    const file = await sqliteFile();
    const store = new SqliteEventStore(file);
    const graph = loopGraph(store, { snapshotEvery: 10 });
    await runLoop(graph, "t", 20);
    const expected = await loopGraph(store, { snapshotEvery: 0 }).getState({ configurable: { thread_id: "t" } });
    const raw = new Database(file);
    expect(raw.prepare("UPDATE event_batches SET events = '{not json' WHERE stream = ?").run(snapshotStreamOf("t")).changes).toBeGreaterThan(0);
    raw.close();
    expect(await readThreadSnapshot(store, graph.graphSpec, "t")).toBeUndefined();
    expect(await loopGraph(store, { snapshotEvery: 10 }).getState({ configurable: { thread_id: "t" } })).toStrictEqual(expected);
    await store.close();
  });

  it("a state too large for the store's event limit is simply not snapshotted", async () => {
    const store = new SqliteEventStore(await sqliteFile(), { maxEventBytes: 2000 });
    const graph = loopGraph(store, { snapshotEvery: 5, grow: true });
    await runLoop(graph, "t", 60);
    const { events } = await store.readStream(snapshotStreamOf("t"));
    // The first snapshots fit; once the list passes the limit none are written, and runs go on.
    const revisions = events.map((event) => (event.data as { revision: number }).revision);
    expect(revisions.length).toBeGreaterThan(0);
    expect(Math.max(...revisions)).toBeLessThan(60);
    expect((await store.readStream("thread-t")).currentRevision).toBe(182);
    expect((await graph.getState({ configurable: { thread_id: "t" } })).values["n"]).toBe(60);
    await store.close();
  });
});
