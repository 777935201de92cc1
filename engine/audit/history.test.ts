import { describe, expect, it } from "vitest";
import {
  Annotation,
  Command,
  END,
  interrupt,
  MemorySaver,
  START,
  StateGraph,
  history,
  readThreadHistory,
  UnknownThreadError,
  type HistoryEntry,
} from "../index.js";

const State = Annotation.Root({
  topic: Annotation<string>(),
  log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});

async function pausedAndResumedThread() {
  const store = new MemorySaver();
  let ids = 0;
  const graph = new StateGraph(State)
    .addNode("draft", (state) => ({ log: [`draft:${state.topic}`] }))
    .addNode("ask", () => ({ log: [`answer:${interrupt<unknown, string>({ question: "ok?" })}`] }))
    .addEdge(START, "draft")
    .addEdge("draft", "ask")
    .addEdge("ask", END)
    .compile({ checkpointer: store, clock: () => 1_000_000, generateId: () => `run-${++ids}` });
  const config = { configurable: { thread_id: "audited" } };
  await graph.invoke({ topic: "x" }, config);
  await graph.invoke(new Command({ resume: "yes" }), config);
  return { store, graph };
}

async function collect(entries: AsyncIterable<HistoryEntry>): Promise<HistoryEntry[]> {
  const all: HistoryEntry[] = [];
  for await (const entry of entries) all.push(entry);
  return all;
}

describe("history", () => {
  it("lists every event with its revision, time, run, step, node and task", async () => {
    const { graph, store } = await pausedAndResumedThread();
    const entries = await collect(history(graph, "audited"));
    const stored = (await store.readStream("thread-audited")).events;
    expect(entries.map((entry) => [entry.revision, entry.type, entry.id])).toEqual(stored.map((event) => [event.revision, event.type, event.id]));
    const asked = entries.find((entry) => entry.type === "TaskInterrupted")!;
    expect(asked).toMatchObject({ threadId: "audited", runId: "run-1", step: 1, node: "ask" });
    expect(asked.at).toEqual(new Date(1_000_000));
    const answered = entries.find((entry) => entry.type === "InterruptResumed")!;
    expect(answered).toMatchObject({ runId: "run-2", step: 1, node: "ask", taskId: asked.taskId });
    expect(answered.event).toMatchObject({ answers: [{ value: "yes" }] });
    expect(entries.find((entry) => entry.type === "TaskSucceeded" && entry.node === "draft")?.event).toMatchObject({ writes: { log: ["draft:x"] } });
  });

  it("filters by type and revision range, and still knows the node of a task whose step started before the range", async () => {
    const { store } = await pausedAndResumedThread();
    const all = await collect(readThreadHistory(store, "audited"));
    const resumed = all.find((entry) => entry.type === "InterruptResumed")!;
    const tail = await collect(readThreadHistory(store, "audited", { fromRevision: resumed.revision, types: ["TaskSucceeded", "InterruptResumed"] }));
    expect(tail.map((entry) => [entry.type, entry.node])).toEqual([
      ["InterruptResumed", "ask"],
      ["TaskSucceeded", "ask"],
    ]);
    const window = await collect(readThreadHistory(store, "audited", { fromRevision: 2, toRevision: 4 }));
    expect(window.map((entry) => entry.revision)).toEqual([2, 3, 4]);
  });

  it("reads page by page: a page of one event gives the same entries", async () => {
    const { store } = await pausedAndResumedThread();
    const paged = await collect(readThreadHistory(store, "audited", { pageSize: 1 }));
    const whole = await collect(readThreadHistory(store, "audited"));
    expect(paged).toEqual(whole);
  });

  it("refuses a thread with no events with UnknownThreadError", async () => {
    const { store } = await pausedAndResumedThread();
    await expect(collect(readThreadHistory(store, "nobody"))).rejects.toBeInstanceOf(UnknownThreadError);
  });
});
