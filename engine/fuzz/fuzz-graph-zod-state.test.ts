import { describe, expect, it } from "vitest";
import { z } from "zod";
import { END, MemorySaver, START, StateGraph, effect, interrupt } from "replaygraph";
import { fuzzGraph } from "replaygraph/testing";
import { registry } from "replaygraph/zod";

// fuzzGraph on a zod state: generated inputs the schema would refuse are not played (a refused run
// tests nothing); the replay rules are checked as on any graph, and a planted bug is still found.

const State = z.object({
  title: z
    .string()
    .min(4)
    .register(registry, { default: () => "untitled" }),
  tags: z.array(z.string().max(3)).register(registry, { reducer: { fn: (a: string[], b: string[]) => a.concat(b) }, default: () => [] }),
  approved: z.unknown().optional(),
});

function graphOf(review: (state: any) => any) {
  return new StateGraph(State).addNode("review", review).addEdge(START, "review").addEdge("review", END).compile({ checkpointer: new MemorySaver() });
}

describe("fuzzGraph on a zod state", () => {
  it("GOOD: an effect() before interrupt() passes", async () => {
    const sent: string[] = [];
    const graph = graphOf(async (state: any) => {
      await effect("notify", () => sent.push(state.title));
      return { approved: interrupt({ title: state.title }), tags: ["ok"] };
    });
    const report = await fuzzGraph(graph, { numRuns: 40, seed: 7 });
    expect(report).toMatchObject({ ok: true });
  });

  it("BAD: a write before interrupt() repeated on resume is caught", async () => {
    const db: string[] = [];
    const graph = graphOf((state: any) => {
      db.push(state.title);
      return { approved: interrupt({ title: state.title }) };
    });
    const report = await fuzzGraph(graph, { numRuns: 40, seed: 7, observeSideEffects: () => db.length });
    expect(report.ok).toBe(false);
  });
});
