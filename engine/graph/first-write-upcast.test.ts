import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Annotation, MemoryEventStore, START, StateGraph, upcastThreadEvent, type EventStore } from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";

// 0.1.0 folded a reducer channel's first write as reducer(undefined, write); LangGraph takes the
// write as it is. Threads created since record which rule they follow (ThreadCreated's
// reducerFirstWrite); a thread written by 0.1.0 has no such field and keeps its old values.

// A reducer where the two rules differ: it appends one element.
const State = Annotation.Root({ items: Annotation<number[], number>({ reducer: (list, item) => [...(list ?? []), item] }) });

function buildOn(store: EventStore, snapshotEvery = 0) {
  return new StateGraph(State)
    .addNode("add", () => ({ items: 2 }))
    .addEdge(START, "add")
    .compile({ checkpointer: store, snapshotEvery });
}

/** Copies a thread's events into another thread as 0.1.0 wrote them: ThreadCreated without the rule it follows. */
async function asWrittenBy010(store: EventStore, from: string, to: string): Promise<void> {
  const { events } = await store.readStream(`thread-${from}`);
  const copied = events.map((event) => {
    // 0.1.0 stored the event object itself (format v1).
    const data = upcastThreadEvent(event) as unknown as Record<string, unknown>;
    if (event.type !== "ThreadCreated") return { type: event.type, data, metadata: event.metadata };
    const { reducerFirstWrite: _rule, ...old } = data;
    return { type: event.type, data: { ...old, threadId: to }, metadata: event.metadata };
  });
  await store.appendToStream(`thread-${to}`, copied, { expectedRevision: "no_stream" });
}

describe("a reducer channel's first write on a thread written by 0.1.0", () => {
  for (const name of ["memory", "sqlite"] as const) {
    it(`keeps 0.1.0's rule, while a new thread follows LangGraph's (${name})`, async () => {
      const dir = await mkdtemp(join(tmpdir(), "replaygraph-upcast-"));
      const store: EventStore = name === "memory" ? new MemoryEventStore() : new SqliteEventStore(join(dir, "threads.db"));
      try {
        const graph = buildOn(store);
        // LangGraph's rule: the first write (2) is the value, as it is.
        expect(await graph.invoke({}, { configurable: { thread_id: "new" } })).toEqual({ items: 2 });

        await asWrittenBy010(store, "new", "old");
        // 0.1.0's rule: reducer(undefined, 2).
        expect((await buildOn(store).getState({ configurable: { thread_id: "old" } })).values).toEqual({ items: [2] });
        // Its next run keeps the old rule, and so does a snapshot of it once taken.
        const more = buildOn(store, 1);
        expect(await more.invoke({}, { configurable: { thread_id: "old" } })).toEqual({ items: [2, 2] });
        expect((await buildOn(store, 1).getState({ configurable: { thread_id: "old" } })).values).toEqual({ items: [2, 2] });
      } finally {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});
