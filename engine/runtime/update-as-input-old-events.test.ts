import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Annotation, MemoryEventStore, START, StateGraph, upcastThreadEvent, type EventStore } from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";

// Before updates as "__start__" were recorded with `asStart`, an update as "__input__" was
// recorded as START: its checkpoint is an input one with the values applied, START's edges
// routing. Such a stored thread keeps reading that way; a new update as "__start__" is an update.

const State = Annotation.Root({ foo: Annotation<string>() });

function buildOn(store: EventStore) {
  return new StateGraph(State)
    .addNode("agent", (state: typeof State.State) => ({ foo: `${state.foo}>agent` }))
    .addEdge(START, "agent")
    .compile({ checkpointer: store });
}

/** Copies a thread's events into another as they were written before `asStart` existed. */
async function withoutAsStart(store: EventStore, from: string, to: string): Promise<void> {
  const { events } = await store.readStream(`thread-${from}`);
  const copied = events.map((event) => {
    const data = upcastThreadEvent(event) as unknown as Record<string, unknown>;
    if (event.type === "ThreadCreated") return { type: event.type, data: { ...data, threadId: to }, metadata: event.metadata };
    const { asStart: _marker, ...old } = data;
    return { type: event.type, data: old, metadata: event.metadata };
  });
  await store.appendToStream(`thread-${to}`, copied, { expectedRevision: "no_stream" });
}

describe("an update as START recorded before asStart", () => {
  for (const name of ["memory", "sqlite"] as const) {
    it(`reads as the input checkpoint it was; a new one is an update checkpoint (${name})`, async () => {
      const dir = await mkdtemp(join(tmpdir(), "replaygraph-as-start-"));
      const store: EventStore = name === "memory" ? new MemoryEventStore() : new SqliteEventStore(join(dir, "threads.db"));
      try {
        const graph = buildOn(store);
        await graph.updateState({ configurable: { thread_id: "new" } }, { foo: "given" }, "__start__");
        await withoutAsStart(store, "new", "old");
        const shape = async (threadId: string) => {
          const state = await buildOn(store).getState({ configurable: { thread_id: threadId } });
          return { values: state.values, next: state.next, source: state.metadata?.source, step: state.metadata?.step };
        };
        expect(await shape("new")).toEqual({ values: { foo: "given" }, next: ["agent"], source: "update", step: 0 });
        expect(await shape("old")).toEqual({ values: { foo: "given" }, next: ["agent"], source: "input", step: -1 });
        expect(await buildOn(store).invoke(null, { configurable: { thread_id: "old" } })).toEqual({ foo: "given>agent" });
      } finally {
        if (store instanceof SqliteEventStore) await store.close();
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});
