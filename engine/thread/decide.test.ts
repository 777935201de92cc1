import { describe, expect, it } from "vitest";
import { Annotation } from "../graph/annotation.js";
import { START } from "../graph/constants.js";
import { StateGraphBuilder } from "../graph/state-graph-builder.js";
import { validateGraph } from "../graph/validate-graph.js";
import { AmbiguousResumeError, UpdateWhileInterruptedError } from "../errors/resume-errors.js";
import { initialValues } from "./apply-writes.js";
import { decide } from "./decide.js";
import { foldNew } from "./decision.js";
import type { RunOptions, ThreadEvent } from "./events.js";
import { initialThreadState, type ThreadState } from "./thread-state.js";

const State = Annotation.Root({ log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });
const builder = new StateGraphBuilder(State).addNode("b", () => ({})).addNode("c", () => ({}));
builder.addEdge(START, "b").addEdge(START, "c");
const graph = validateGraph(builder);
const options: RunOptions = { recursionLimit: 25, interruptBefore: [], interruptAfter: [], strict: false };
const routes = { nodes: ["b", "c"], sends: [], joins: [] };

/** Given these events, the thread's state (Emmett's DeciderSpecification, in miniature). */
function given(...events: ThreadEvent[]): ThreadState {
  return foldNew(graph, initialThreadState("t", initialValues(graph)), events, 0);
}

const pausedOnTwo: ThreadEvent[] = [
  { type: "ThreadCreated", v: 1, threadId: "t", graph: "g" },
  { type: "RunStarted", v: 1, runId: "r1", input: { kind: "input", values: {}, routes }, options },
  {
    type: "StepStarted",
    v: 1,
    step: 0,
    baseRevision: 1,
    tasks: [
      { id: "tb", node: "b", path: "pull:b" },
      { id: "tc", node: "c", path: "pull:c" },
    ],
  },
  { type: "TaskInterrupted", v: 1, step: 0, taskId: "tb", interrupts: [{ id: "b".repeat(32), index: 0, value: "QB", hash: "h" }] },
  { type: "TaskInterrupted", v: 1, step: 0, taskId: "tc", interrupts: [{ id: "c".repeat(32), index: 0, value: "QC", hash: "h" }] },
  { type: "RunSucceeded", v: 1, runId: "r1", pausedOn: "interrupt" },
];

describe("decide", () => {
  it("given a new thread, when input starts a run, then ThreadCreated and RunStarted", () => {
    const decision = decide(graph, given(), {
      type: "StartRun",
      runId: "r1",
      graphName: "g",
      input: { kind: "input", values: { log: ["x"] }, routes },
      options,
      at: 0,
    });
    expect(decision.events.map((e) => e.type)).toEqual(["ThreadCreated", "RunStarted"]);
    expect(decision.state.values).toEqual({ log: ["x"] });
    expect(decision.state.next.nodes).toEqual(["b", "c"]);
  });

  it("given two pending interrupts, when a bare value resumes, then it is refused and nothing is decided", () => {
    const start = { type: "StartRun", runId: "r2", graphName: "g", options, at: 0 } as const;
    expect(() => decide(graph, given(...pausedOnTwo), { ...start, input: { kind: "command", resume: { kind: "value", value: 1 } } })).toThrow(
      AmbiguousResumeError,
    );
    expect(() => decide(graph, given(...pausedOnTwo), { ...start, input: { kind: "command", update: { log: ["x"] } } })).toThrow(UpdateWhileInterruptedError);
  });

  it("given two pending interrupts, when one is answered by id, then InterruptResumed binds it to its task", () => {
    const decision = decide(graph, given(...pausedOnTwo), {
      type: "StartRun",
      runId: "r2",
      graphName: "g",
      input: { kind: "command", resume: { kind: "map", answers: { ["c".repeat(32)]: "C!" } } },
      options,
      at: 0,
    });
    expect(decision.events).toEqual([
      { type: "RunStarted", v: 1, runId: "r2", input: { kind: "command", resume: true }, options },
      { type: "InterruptResumed", v: 1, runId: "r2", answers: [{ taskId: "tc", interruptId: "c".repeat(32), value: "C!" }] },
    ]);
  });

  it("given a step whose tasks all succeeded, when recorded, then it commits in path order and the run ends", () => {
    const started = given(...pausedOnTwo.slice(0, 2));
    const decision = decide(graph, started, {
      type: "RecordStep",
      step: 0,
      baseRevision: 1,
      newTasks: [
        { id: "tb", node: "b", path: "pull:b" },
        { id: "tc", node: "c", path: "pull:c" },
      ],
      outcomes: [
        { kind: "succeeded", taskId: "tb", writes: { log: ["b"] }, routes: { nodes: [], sends: [], joins: [] }, warnings: [] },
        { kind: "succeeded", taskId: "tc", writes: { log: ["c"] }, routes: { nodes: [], sends: [], joins: [] }, warnings: [] },
      ],
      at: 0,
    });
    expect(decision.events.map((e) => e.type)).toEqual(["StepStarted", "TaskSucceeded", "TaskSucceeded", "StepCommitted", "RunSucceeded"]);
    expect(decision.state.values).toEqual({ log: ["b", "c"] });
    expect(decision.runEnded).toBe(true);
  });
});
