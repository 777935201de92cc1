/**
 * replaygraph's form of LangGraph's "should wait for slow checkpointer errors" (pregel.test.ts):
 * a run waits for a slow store's failing read or append and rejects with its error, and the
 * thread then runs normally. LangGraph's case injects the faults by overriding its checkpointer's
 * getTuple / put / putWrites, which replaygraph's event stores do not have (README departures);
 * here the store's own reads and appends fail, on memory and SQLite.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Annotation, MemorySaver, StateGraph } from "../index.js";
import { SqliteEventStore } from "../../store/sqlite/index.js";
import type { AppendToStreamOptions, EventStore, ListStreamsOptions, NewEvent, ReadStreamOptions } from "../../store/event-store.js";

const delayMs = 300;
const sleep = () => new Promise((resolve) => setTimeout(resolve, delayMs));

/** A store whose reads, appends, or appends of a step's task results (LangGraph's putWrites), while told to, fail after a delay. */
class SlowFaultyStore implements EventStore {
  failing: "read" | "append" | "step" | undefined;
  constructor(private readonly inner: EventStore) {}
  async appendToStream(stream: string, events: readonly NewEvent[], options?: AppendToStreamOptions) {
    await sleep();
    if (this.failing === "append") throw new Error("Faulty append");
    if (this.failing === "step" && events.some((event) => event.type === "TaskSucceeded")) throw new Error("Faulty step append");
    return this.inner.appendToStream(stream, events, options);
  }
  async readStream(stream: string, options?: ReadStreamOptions) {
    await sleep();
    if (this.failing === "read") throw new Error("Faulty read");
    return this.inner.readStream(stream, options);
  }
  listStreams(options?: ListStreamsOptions) {
    return this.inner.listStreams(options);
  }
  close() {
    return this.inner.close();
  }
}

const State = Annotation.Root({ foo: Annotation<string>({ reducer: (_: string, b: string) => b }) });
const logic = () => ({ foo: "" });

describe.each(["memory", "sqlite"] as const)("a slow store's errors reach the caller (%s)", (kind) => {
  it("a failing read, a failing append, a failing append of a parallel step's results: each rejects the run after it, then the thread runs", async () => {
    const dir = await mkdtemp(join(tmpdir(), "replaygraph-slow-store-"));
    try {
      const store = new SlowFaultyStore(kind === "memory" ? new MemorySaver() : new SqliteEventStore(join(dir, "threads.db")));
      const single = new StateGraph(State).addNode("agent", logic).addEdge("__start__", "agent").addEdge("agent", "__end__").compile({ checkpointer: store });
      const parallel = new StateGraph(State)
        .addNode("agent", logic)
        .addNode("parallel", logic)
        .addEdge("__start__", "agent")
        .addEdge("__start__", "parallel")
        .addEdge("agent", "__end__")
        .addEdge("parallel", "__end__")
        .compile({ checkpointer: store });
      const cases = [
        { graph: single, failing: "read", error: "Faulty read", thread: "1" },
        { graph: single, failing: "append", error: "Faulty append", thread: "2" },
        { graph: parallel, failing: "step", error: "Faulty step append", thread: "3" },
      ] as const;
      for (const { graph, failing, error, thread } of cases) {
        const config = { configurable: { thread_id: thread } };
        store.failing = failing;
        const started = Date.now();
        await expect(graph.invoke({}, config)).rejects.toThrowError(error);
        expect(Date.now() - started).toBeGreaterThanOrEqual(delayMs - 20);
        store.failing = undefined;
        expect(await graph.invoke({}, config)).toEqual({ foo: "" });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 20_000);
});
