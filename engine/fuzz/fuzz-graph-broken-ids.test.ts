import { describe, expect, it, vi } from "vitest";
import { Annotation, interrupt, START, StateGraph } from "replaygraph";
import { fuzzGraph } from "replaygraph/testing";
import type { ThreadState } from "../thread/thread-state.js";
import { playFuzzCase } from "./play-fuzz-case.js";

// A broken engine: a process that loads a thread without having written to it (a restart) shows
// its pending interrupts under other ids than the process that raised them.
vi.mock("../runtime/thread-actor.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../runtime/thread-actor.js")>();
  const renamed = (state: ThreadState): ThreadState =>
    state.pendingStep
      ? {
          ...state,
          pendingStep: {
            ...state.pendingStep,
            tasks: state.pendingStep.tasks.map((task) => ({ ...task, pending: task.pending.map((i) => ({ ...i, id: [...i.id].reverse().join("") })) })),
          },
        }
      : state;
  class ForgetfulActor extends actual.ThreadActor {
    #wrote = false;
    override async commitAll(...args: Parameters<InstanceType<typeof actual.ThreadActor>["commitAll"]>): Promise<void> {
      this.#wrote = true;
      return super.commitAll(...args);
    }
    override get state(): ThreadState {
      return this.#wrote ? super.state : renamed(super.state);
    }
  }
  return { ...actual, ThreadActor: ForgetfulActor };
});

describe("fuzzGraph against an engine that renames pending interrupts after a restart", () => {
  const State = Annotation.Root({ answer: Annotation<unknown>() });
  const graph = new StateGraph(State)
    .addNode("ask", () => ({ answer: interrupt("question?") }))
    .addEdge(START, "ask")
    .compile();

  it("a case with a restart reports interrupt-id-changed in the node that asked", async () => {
    const { violations } = await playFuzzCase(graph.graphSpec, { input: {}, steps: [{ answers: [true], byId: false, restart: true }] }, undefined);
    expect(violations).toContainEqual(
      expect.objectContaining({ rule: "interrupt-id-changed", node: "ask", detail: expect.stringContaining("after a restart") }),
    );
  });

  it("fuzzGraph fails; its shrunk case needs no restart, since a fresh graph's getState() already differs", async () => {
    const report = await fuzzGraph(graph, { numRuns: 30, seed: 2 });
    expect(report.ok).toBe(false);
    expect(report.violations).toEqual([expect.objectContaining({ rule: "replay-mismatch", detail: expect.stringContaining("a fresh graph's") })]);
  });
});
