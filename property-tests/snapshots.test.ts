import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryEventStore, snapshotStreamOf, type CompiledStateGraph, type EventStore, type RecordedEvent } from "replaygraph";
import {
  applySnapshotOp,
  settleSnapshotWrites,
  snapshotGraph,
  snapshotGraphParamsArbitrary,
  snapshotOpArbitrary,
  type SnapshotGraphParams,
  type SnapshotOp,
} from "../engine/snapshot/testing/snapshot-graph.js";

/**
 * Snapshots are a cache (DESIGN.md, "Events"): a cold load from any snapshot plus the events
 * after it gives the state a replay of the whole stream gives, and a snapshot that cannot be
 * trusted is ignored. Histories are generated: runs that loop, pause on interrupts, fan out and
 * join, send, fail and are continued, and state updates, on a graph whose channels hold a list, a
 * sum, a Set and a Date; snapshots are taken every 1 to 6 events.
 */

const threadId = "snap";
const config = { configurable: { thread_id: threadId } };
const runs = Number(process.env["SNAPSHOT_PROPERTY_RUNS"] ?? 25);

interface History {
  readonly params: SnapshotGraphParams;
  readonly snapshotEvery: number;
  readonly store: MemoryEventStore;
  readonly thread: readonly RecordedEvent[];
  readonly snapshots: readonly RecordedEvent[];
}

async function recordHistory(params: SnapshotGraphParams, snapshotEvery: number, ops: readonly SnapshotOp[]): Promise<History> {
  const store = new MemoryEventStore();
  const graph = snapshotGraph(store, params, snapshotEvery, "history");
  await applySnapshotOp(graph, threadId, { kind: "start", rounds: 3 });
  for (const op of ops) await applySnapshotOp(graph, threadId, op);
  await settleSnapshotWrites();
  const thread = (await store.readStream(`thread-${threadId}`)).events;
  const snapshots = (await store.readStream(snapshotStreamOf(threadId))).events;
  return { params, snapshotEvery, store, thread, snapshots };
}

/** A new store holding the thread's events (same ids) and, as its snapshots, `snapshotData` in order. */
async function storeWith(thread: readonly RecordedEvent[], snapshotData: readonly unknown[]): Promise<MemoryEventStore> {
  const store = new MemoryEventStore();
  await store.appendToStream(
    `thread-${threadId}`,
    thread.map((event) => ({ id: event.id, type: event.type, data: event.data, metadata: event.metadata })),
    { expectedRevision: "no_stream" },
  );
  for (const data of snapshotData) await store.appendToStream(snapshotStreamOf(threadId), [{ type: "SnapshotTaken", data }]);
  return store;
}

/** What a client can see of a thread: its state now and its newest checkpoints. */
async function observe(graph: CompiledStateGraph) {
  const history = [];
  for await (const checkpoint of graph.getStateHistory(config, { limit: 4 })) history.push(checkpoint);
  return { state: await graph.getState(config), history };
}

/** The events a continuation appended after `from`, without store-assigned ids and times. */
async function continuation(store: EventStore, from: number) {
  const { events } = await store.readStream(`thread-${threadId}`, { fromRevision: from + 1 });
  return events.map((event) => ({ type: event.type, data: event.data }));
}

const corruptions = ["tampered-state", "truncated-state", "other-history", "other-thread", "other-format", "not-a-snapshot", "other-graph"] as const;

const historyArbitrary = fc.record({
  params: snapshotGraphParamsArbitrary,
  snapshotEvery: fc.integer({ min: 1, max: 6 }),
  ops: fc.array(snapshotOpArbitrary, { minLength: 1, maxLength: 10 }),
  next: snapshotOpArbitrary,
});

describe("snapshots (property)", () => {
  it("a cold load from a snapshot at any revision, plus any tail, equals a full replay; so does what the thread does next", async () => {
    const pickArbitrary = fc.record({ snapshot: fc.nat(), tail: fc.nat() });
    await fc.assert(
      fc.asyncProperty(historyArbitrary, fc.array(pickArbitrary, { minLength: 1, maxLength: 5 }), async ({ params, snapshotEvery, ops, next }, picks) => {
        const history = await recordHistory(params, snapshotEvery, ops);
        expect(history.snapshots.length).toBeGreaterThan(0);
        for (const pick of picks) {
          // A snapshot, and the stream cut anywhere at or after it (a cut mid-run is a crashed run).
          const chosen = pick.snapshot % history.snapshots.length;
          const revision = (history.snapshots[chosen]!.data as { revision: number }).revision;
          const last = revision + (pick.tail % (history.thread.length - revision));
          const thread = history.thread.slice(0, last + 1);

          const replayed = await storeWith(thread, []);
          const expected = await observe(snapshotGraph(replayed, params, 0));
          const expectedOutput = await applySnapshotOp(snapshotGraph(replayed, params, 0, "next"), threadId, next);
          const expectedNext = await continuation(replayed, last);
          const expectedAfter = await observe(snapshotGraph(replayed, params, 0));

          const store = await storeWith(
            thread,
            history.snapshots.slice(0, chosen + 1).map((event) => event.data),
          );
          expect(await observe(snapshotGraph(store, params, snapshotEvery))).toStrictEqual(expected);
          // Hidden state (the active run, answered ids, the lifecycle, triggers) shows in what comes next.
          expect(await applySnapshotOp(snapshotGraph(store, params, snapshotEvery, "next"), threadId, next)).toStrictEqual(expectedOutput);
          expect(await continuation(store, last)).toStrictEqual(expectedNext);
          expect(await observe(snapshotGraph(store, params, 0))).toStrictEqual(expectedAfter);
        }
      }),
      { numRuns: runs },
    );
  });

  it("a snapshot that cannot be trusted is ignored: the cold load replays the stream", async () => {
    await fc.assert(
      fc.asyncProperty(
        historyArbitrary,
        fc.constantFrom(...corruptions),
        fc.array(snapshotOpArbitrary, { maxLength: 4 }),
        async ({ params, snapshotEvery, ops }, corruption, otherOps) => {
          const history = await recordHistory(params, snapshotEvery, ops);
          const latest = history.snapshots[history.snapshots.length - 1]!.data as Record<string, unknown>;
          // Another history of a thread with the same id (in another store): its events have other ids.
          const other = corruption === "other-history" ? await recordHistory(params, snapshotEvery, [...otherOps, { kind: "start", rounds: 5 }]) : undefined;
          const bad = other ? other.snapshots[other.snapshots.length - 1]!.data : corrupted(latest, corruption);
          const store = await storeWith(history.thread, [...history.snapshots.map((event) => event.data), bad]);
          // "other-graph": the snapshots were folded with another sum reducer; this graph must not use them.
          const reader = corruption === "other-graph" ? { ...params, otherReducer: true } : params;
          const expected = await observe(snapshotGraph(await storeWith(history.thread, []), reader, 0));
          expect(await observe(snapshotGraph(store, reader, snapshotEvery))).toStrictEqual(expected);
        },
      ),
      { numRuns: runs },
    );
  });
});

function corrupted(snapshot: Record<string, unknown>, corruption: (typeof corruptions)[number]): unknown {
  const state = snapshot["state"] as string;
  switch (corruption) {
    case "tampered-state": {
      // A state that decodes to other values (the hash no longer matches).
      const parsed = JSON.parse(state) as { json: { values: { total: number } } };
      parsed.json.values.total += 1000;
      return { ...snapshot, state: JSON.stringify(parsed) };
    }
    case "truncated-state":
      return { ...snapshot, state: state.slice(0, Math.floor(state.length / 2)) };
    case "other-history":
      throw new Error("taken from another recorded history");
    case "other-thread":
      return { ...snapshot, threadId: "someone-else" };
    case "other-format":
      return { ...snapshot, v: 999 };
    case "not-a-snapshot":
      return { hello: "world" };
    case "other-graph":
      return snapshot;
  }
}
