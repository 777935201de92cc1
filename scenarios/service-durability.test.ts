import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Annotation, createEngine, END, START, StateGraph, upcastThreadEvent, type Engine } from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { serve, type RunningServer } from "../engine/server/serve.js";

// A run created through the HTTP API with `durability` is executed by a worker engine (another
// engine on the same SQLite file; the front end executes nothing) at that durability: the mode is
// recorded in the run's RunQueued, and the worker reads it from there. While the run waits inside
// its second node, the stored stream shows the first step under "sync" and nothing after the
// claim under "exit"; the end state is the same.

let gate: { entered: boolean; release: () => void; opened: Promise<void> } | undefined;
const newGate = () => {
  let release!: () => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  gate = { entered: false, release, opened };
  return gate;
};
const State = Annotation.Root({ log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });
const graphOf = (durability?: "sync" | "async" | "exit") =>
  new StateGraph(State)
    .addNode("a", () => ({ log: ["a"] }))
    .addNode("b", async () => {
      if (gate) {
        gate.entered = true;
        await gate.opened;
      }
      return { log: ["b"] };
    })
    .addNode("c", () => ({ log: ["c"] }))
    .addEdge(START, "a")
    .addEdge("a", "b")
    .addEdge("b", "c")
    .addEdge("c", END)
    .compile(durability ? { durability } : {});

let dir: string;
let frontStore: SqliteEventStore;
let workerStore: SqliteEventStore;
let front: RunningServer;
let worker: Engine;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "replaygraph-service-durability-"));
  const file = join(dir, "threads.db");
  frontStore = new SqliteEventStore(file);
  workerStore = new SqliteEventStore(file);
  const graphs = { gated: graphOf(), gatedExit: graphOf("exit") };
  front = await serve({ store: frontStore, graphs, port: 0, worker: { concurrency: 0 } });
  worker = createEngine({ store: workerStore, graphs: { gated: graphOf(), gatedExit: graphOf("exit") }, worker: { concurrency: 2 } });
});
afterAll(async () => {
  gate?.release();
  await front?.close();
  await worker?.close();
  await frontStore?.close();
  await workerStore?.close();
  await rm(dir, { recursive: true, force: true });
});

const storedEvents = async (threadId: string) => {
  const reader = new SqliteEventStore(join(dir, "threads.db"));
  try {
    return (await reader.readStream(`thread-${threadId}`)).events.map(upcastThreadEvent) as unknown as ({ type: string } & Record<string, unknown>)[];
  } finally {
    await reader.close();
  }
};

describe.each([
  { mode: "sync" as const, graph: "gated", stepsWhileWaiting: 1 },
  { mode: "exit" as const, graph: "gated", stepsWhileWaiting: 0 },
  { mode: undefined, graph: "gatedExit", stepsWhileWaiting: 0 },
])("runs.create over HTTP with durability $mode on graph $graph, executed by a worker engine", ({ mode, graph, stepsWhileWaiting }) => {
  it("records the durability with the run and the worker appends steps as it says", async () => {
    const client = new Client({ apiUrl: front.url });
    // The run makes its thread, so the thread is the run's graph's (the SDK's threads.create
    // sends its graphId as metadata only).
    const thread = { thread_id: crypto.randomUUID() };
    const waiting = newGate();
    const run = await client.runs.create(thread.thread_id, graph, { input: { log: [] }, ifNotExists: "create", ...(mode ? { durability: mode } : {}) });
    const started = Date.now();
    while (!waiting.entered) {
      if (Date.now() - started > 20_000) throw new Error("the worker never entered node b");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const whileWaiting = await storedEvents(thread.thread_id);
    const queued = whileWaiting.find((event) => event.type === "RunQueued");
    expect((queued?.["options"] as { durability?: string }).durability).toBe(mode);
    expect(whileWaiting.some((event) => event.type === "RunStarted")).toBe(true);
    expect(whileWaiting.filter((event) => event.type === "StepCommitted").length).toBe(stepsWhileWaiting);
    waiting.release();
    await client.runs.join(thread.thread_id, run.run_id);
    expect((await client.runs.get(thread.thread_id, run.run_id)).status).toBe("success");
    expect((await client.threads.getState(thread.thread_id)).values).toEqual({ log: ["a", "b", "c"] });
    expect((await storedEvents(thread.thread_id)).filter((event) => event.type === "StepCommitted").length).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
