import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MemoryEventStore } from "../../store/memory/memory-event-store.js";
import { Annotation } from "../graph/annotation.js";
import { END, START } from "../graph/constants.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { replayThread } from "../runtime/thread-history.js";
import { StateGraph } from "../runtime/state-graph.js";
import type { ThreadState } from "../thread/thread-state.js";
import { graphFingerprintOf } from "./graph-fingerprint.js";
import {
  applySnapshotOp,
  snapshotGraph,
  snapshotGraphParamsArbitrary,
  snapshotOpArbitrary,
  type SnapshotGraphParams,
  type SnapshotOp,
} from "./testing/snapshot-graph.js";
import { decodeThreadSnapshot, encodeThreadSnapshot, snapshotFormat } from "./thread-snapshot.js";

/** Every state of a generated thread's history, by replay, with the graph that folded it. */
async function statesOf(ops: {
  readonly params: SnapshotGraphParams;
  readonly ops: readonly SnapshotOp[];
}): Promise<{ graph: GraphSpec; store: MemoryEventStore; states: ThreadState[] }> {
  const store = new MemoryEventStore();
  const compiled = snapshotGraph(store, ops.params, 0);
  await applySnapshotOp(compiled, "t", { kind: "start", rounds: 3 });
  for (const op of ops.ops) await applySnapshotOp(compiled, "t", op);
  const states: ThreadState[] = [];
  await replayThread(compiled.graphSpec, store, "t", (state) => {
    states.push(state);
  });
  return { graph: compiled.graphSpec, store, states };
}

const historyArbitrary = fc.record({ params: snapshotGraphParamsArbitrary, ops: fc.array(snapshotOpArbitrary, { maxLength: 8 }) });

describe("thread snapshots", () => {
  it("encode then decode gives back the state at every revision, every field of it, and the tail folds on to the full replay's state", async () => {
    await fc.assert(
      fc.asyncProperty(historyArbitrary, fc.nat(), async (history, pick) => {
        const { graph, store, states } = await statesOf(history);
        for (const state of states) {
          const decoded = decodeThreadSnapshot(graph, "t", encodeThreadSnapshot(graph, state, "event-id"));
          expect(decoded?.revision).toBe(state.revision);
          expect(decoded!.state).toStrictEqual(state);
        }
        const from = states[pick % states.length]!;
        const decoded = decodeThreadSnapshot(graph, "t", encodeThreadSnapshot(graph, from, "event-id"))!;
        const final = await replayThread(graph, store, "t", () => undefined, decoded.state);
        expect(final).toStrictEqual(states[states.length - 1]!);
      }),
      { numRuns: 20 },
    );
  });

  it("refuses a snapshot that cannot be trusted, naming nothing and throwing nothing", async () => {
    const { graph, states } = await statesOf({ params: { interruptEvery: 2, failAt: -1 }, ops: [{ kind: "resume", answer: "yes" }] });
    const state = states[states.length - 1]!;
    const good = encodeThreadSnapshot(graph, state, "event-id");
    expect(decodeThreadSnapshot(graph, "t", good)?.state.revision).toBe(state.revision);
    const refused: unknown[] = [
      { ...good, state: good.state.replace('"total":', '"total":1') },
      { ...good, state: good.state.slice(0, -5) },
      { ...good, hash: "0".repeat(64) },
      { ...good, graph: "another graph" },
      { ...good, threadId: "another thread" },
      { ...good, v: snapshotFormat + 1 },
      { ...good, revision: state.revision - 1 },
      { ...good, revision: "7" },
      "not a snapshot",
      null,
      {},
    ];
    for (const data of refused) expect(decodeThreadSnapshot(graph, "t", data)).toBeUndefined();
    expect(decodeThreadSnapshot(graph, "another thread", good)).toBeUndefined();
  });

  it("fingerprints a graph by what the fold uses: channels, reducers, defaults and fan-in edges, not node code", () => {
    const build = (options: { reducer?: (a: string[], b: string[]) => string[]; fallback?: () => string[]; join?: boolean; node?: () => object } = {}) => {
      const State = Annotation.Root({
        log: Annotation<string[]>({ reducer: options.reducer ?? ((a, b) => a.concat(b)), default: options.fallback ?? (() => []) }),
      });
      const graph = new StateGraph(State)
        .addNode("a", options.node ?? (() => ({ log: ["a"] })))
        .addNode("b", () => ({}))
        .addNode("c", () => ({}))
        .addEdge(START, "a")
        .addEdge(START, "b");
      if (options.join) graph.addEdge(["a", "b"], "c");
      else graph.addEdge("a", "c");
      return graph.addEdge("c", END).compile().graphSpec;
    };
    const base = graphFingerprintOf(build());
    expect(graphFingerprintOf(build())).toBe(base);
    expect(graphFingerprintOf(build({ node: () => ({ log: ["other"] }) }))).toBe(base);
    expect(graphFingerprintOf(build({ reducer: (a, b) => [...b, ...a] }))).not.toBe(base);
    expect(graphFingerprintOf(build({ fallback: () => ["seed"] }))).not.toBe(base);
    expect(graphFingerprintOf(build({ join: true }))).not.toBe(base);
  });
});
