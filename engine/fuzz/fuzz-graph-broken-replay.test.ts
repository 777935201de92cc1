import { describe, expect, it, vi } from "vitest";
import { Annotation, interrupt, START, StateGraph } from "replaygraph";
import { fuzzGraph } from "replaygraph/testing";

// A broken engine: after a node changed its input state in place, the thread is not folded again,
// so the process keeps a state its stream does not say. fuzzGraph must see the replay differ.
vi.mock("../runtime/thread-actor.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../runtime/thread-actor.js")>();
  class NeverReloadingActor extends actual.ThreadActor {
    override async reload(): Promise<void> {}
  }
  return { ...actual, ThreadActor: NeverReloadingActor };
});

describe("fuzzGraph against an engine whose live state drifts from its stream", () => {
  it("reports replay-mismatch (and the state-mutated warning that caused it)", async () => {
    const List = Annotation.Root({ items: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });
    const graph = new StateGraph(List)
      .addNode("add", (state) => {
        state.items.push("sneaky");
        return { items: [String(interrupt("ok?"))] };
      })
      .addEdge(START, "add")
      .compile();
    const report = await fuzzGraph(graph, { numRuns: 20, seed: 1 });
    expect(report.violations.map((violation) => violation.rule).sort()).toEqual(["replay-mismatch", "state-mutated"]);
    expect(report.violations.find((violation) => violation.rule === "replay-mismatch")!.detail).toMatch(/live ≠ replay at \.values\.items/);
  });
});
