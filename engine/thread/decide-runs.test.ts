import { describe, expect, it } from "vitest";
import { Annotation } from "../graph/annotation.js";
import { START } from "../graph/constants.js";
import { StateGraphBuilder } from "../graph/state-graph-builder.js";
import { validateGraph } from "../graph/validate-graph.js";
import { RunNotFoundError, ThreadBusyError } from "../errors/service-errors.js";
import { initialValues } from "./apply-writes.js";
import { decide } from "./decide.js";
import { foldNew } from "./decision.js";
import type { MultitaskStrategy, RunOptions, ThreadEvent } from "./events.js";
import { queuedRunsOf, statusOf } from "./lifecycle-machine.js";
import { initialThreadState, type ThreadState } from "./thread-state.js";

const State = Annotation.Root({ log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });
const builder = new StateGraphBuilder(State).addNode("a", () => ({}));
builder.addEdge(START, "a");
const graph = validateGraph(builder);
const options: RunOptions = { recursionLimit: 25, interruptBefore: [], interruptAfter: [], strict: false };
const noRoutes = { nodes: [], sends: [], joins: [] };

function given(...events: ThreadEvent[]): ThreadState {
  return foldNew(graph, initialThreadState("t", initialValues(graph)), events, 0);
}

/** A thread where run r1 started from { log: [] } and committed { log: ["r1"] }, lease until 1000. */
const running: ThreadEvent[] = [
  { type: "ThreadCreated", v: 1, threadId: "t", graph: "g" },
  { type: "RunQueued", v: 1, runId: "r1", input: { kind: "input", values: {} }, options, multitaskStrategy: "enqueue", metadata: {} },
  {
    type: "RunStarted",
    v: 1,
    runId: "r1",
    input: { kind: "input", values: {}, routes: { nodes: ["a"], sends: [], joins: [] } },
    options,
    leaseExpiresAt: 1000,
  },
  { type: "StepStarted", v: 1, step: 0, baseRevision: 2, tasks: [{ id: "ta", node: "a", path: "pull:a" }] },
  { type: "TaskSucceeded", v: 1, step: 0, taskId: "ta", writes: { log: ["r1"] }, routes: noRoutes },
  { type: "StepCommitted", v: 1, step: 0 },
];

const queue = (runId: string, multitaskStrategy: MultitaskStrategy) =>
  ({ type: "QueueRun", runId, graphName: "g", input: { kind: "input", values: {} }, options, multitaskStrategy, metadata: {}, at: 10 }) as const;

describe("runs: queueing with a multitask strategy", () => {
  it("given a busy thread, reject refuses and writes nothing; enqueue waits in FIFO order", () => {
    expect(() => decide(graph, given(...running), queue("r2", "reject"))).toThrow(ThreadBusyError);
    const twice = foldNew(graph, given(...running), [...decide(graph, given(...running), queue("r2", "enqueue")).events], 10);
    const third = decide(graph, twice, queue("r3", "enqueue"));
    expect(queuedRunsOf(third.state.lifecycle).map((run) => run.runId)).toEqual(["r2", "r3"]);
    expect(statusOf(third.state.lifecycle)).toBe("busy");
  });

  it("given a busy thread, interrupt ends the active run keeping its work; rollback restores the state before it", () => {
    const interrupted = decide(graph, given(...running), queue("r2", "interrupt"));
    expect(interrupted.events.map((e) => e.type)).toEqual(["RunCancelled", "RunQueued"]);
    expect(interrupted.state.values).toEqual({ log: ["r1"] });
    const rolledBack = decide(graph, given(...running), queue("r2", "rollback"));
    expect(rolledBack.events.map((e) => e.type)).toEqual(["RunRolledBack", "RunQueued"]);
    expect(rolledBack.state.values).toEqual({ log: [] });
    expect(rolledBack.state.activeRun).toBeUndefined();
  });

  it("cancelling an unknown or finished run is refused; a queued run leaves the queue", () => {
    expect(() => decide(graph, given(...running), { type: "CancelRun", runId: "nope", action: "interrupt", reason: "x", at: 0 })).toThrow(RunNotFoundError);
    const queued = foldNew(graph, given(...running), [...decide(graph, given(...running), queue("r2", "enqueue")).events], 10);
    const cancelled = decide(graph, queued, { type: "CancelRun", runId: "r2", action: "interrupt", reason: "x", at: 20 });
    expect(queuedRunsOf(cancelled.state.lifecycle)).toEqual([]);
    expect(cancelled.state.activeRun?.runId).toBe("r1");
  });
});

describe("runs: recovering a run whose process died", () => {
  it("does nothing while the lease holds; after it, ends the run as error or re-queues it to continue", () => {
    expect(decide(graph, given(...running), { type: "RecoverRun", policy: "error", at: 999 }).events).toEqual([]);
    const failed = decide(graph, given(...running), { type: "RecoverRun", policy: "error", at: 1001 });
    expect(failed.events).toEqual([expect.objectContaining({ type: "RunFailed", runId: "r1", error: expect.objectContaining({ code: "RUN_LEASE_EXPIRED" }) })]);
    expect(statusOf(failed.state.lifecycle)).toBe("error");
    const requeued = decide(graph, given(...running), { type: "RecoverRun", policy: "requeue", at: 1001 });
    expect(requeued.events.map((e) => e.type)).toEqual(["RunCancelled", "RunQueued"]);
    expect(queuedRunsOf(requeued.state.lifecycle)).toEqual([expect.objectContaining({ runId: "r1", input: { kind: "continue" } })]);
    expect(requeued.state.values).toEqual({ log: ["r1"] });
  });
});

describe("runs: a plain start beside a leased run", () => {
  const start = (at: number) => ({ type: "StartRun", runId: "r9", graphName: "g", input: { kind: "input", values: {} }, options, at }) as const;

  it("given a run whose lease has not expired, a start is refused with ThreadBusyError and writes nothing", () => {
    expect(() => decide(graph, given(...running), { ...start(999), input: { kind: "input", values: {}, routes: noRoutes } })).toThrow(ThreadBusyError);
  });

  it("given a run whose lease expired, a start closes it as abandoned and runs", () => {
    const decided = decide(graph, given(...running), { ...start(1001), input: { kind: "input", values: {}, routes: noRoutes } });
    expect(decided.events.map((event) => event.type)).toEqual(["RunFailed", "RunStarted"]);
    expect(decided.state.activeRun?.runId).toBe("r9");
  });
});

describe("runs: a queued run refused when its turn comes", () => {
  it("given a queued resume with nothing pending, the start records the refusal (status error) and carries it to throw", () => {
    const idle = given(
      ...running,
      { type: "RunSucceeded", v: 1, runId: "r1" },
      {
        type: "RunQueued",
        v: 1,
        runId: "r2",
        input: { kind: "command", resume: { kind: "value", value: "yes" } },
        options,
        multitaskStrategy: "enqueue",
        metadata: {},
      },
    );
    const decided = decide(graph, idle, {
      type: "StartRun",
      runId: "r2",
      graphName: "g",
      input: { kind: "command", resume: { kind: "value", value: "yes" } },
      options,
      queued: true,
      at: 20,
    });
    expect(decided.events).toEqual([
      expect.objectContaining({ type: "RunCancelled", runId: "r2", error: expect.objectContaining({ name: "NoPendingInterruptError" }) }),
    ]);
    expect(decided.refused).toBeInstanceOf(Error);
    expect(queuedRunsOf(decided.state.lifecycle)).toEqual([]);
    expect(statusOf(decided.state.lifecycle)).toBe("idle");
  });
});
