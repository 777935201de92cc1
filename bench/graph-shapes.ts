import type { BenchGraph, BenchState, GraphKit } from "./graph-kit.js";

/**
 * The benchmark graphs, written once against {@link GraphKit} so replaygraph and LangGraph run
 * exactly the same shape, nodes and reducers (those of the peer baseline's bench.mjs).
 */

/** START → n0 → … → n{length-1} → END; node i appends `i` to the list channel `items`. */
export function chainGraph(kit: GraphKit, checkpointer: unknown, length: number): BenchGraph {
  const graph = kit.stateGraph({ items: "list" });
  for (let i = 0; i < length; i++) graph.addNode(`n${i}`, () => ({ items: [i] }));
  graph.addEdge(kit.START, "n0");
  for (let i = 0; i < length - 1; i++) graph.addEdge(`n${i}`, `n${i + 1}`);
  graph.addEdge(`n${length - 1}`, kit.END);
  return graph.compile({ checkpointer });
}

/** START → ask → END; `ask` interrupts with "approve?" and appends the answer to `items`. */
export function interruptGraph(kit: GraphKit, checkpointer: unknown): BenchGraph {
  return kit
    .stateGraph({ items: "list" })
    .addNode("ask", () => ({ items: [kit.interrupt("approve?")] }))
    .addEdge(kit.START, "ask")
    .addEdge("ask", kit.END)
    .compile({ checkpointer });
}

/**
 * The approval loop: `review` interrupts with the revision number; a `false` answer goes to
 * `revise`, which appends one item to `items` and bumps `rev`, then back to `review`; `true` ends.
 * The state grows by one list item per resume.
 */
export function approvalGraph(kit: GraphKit, checkpointer: unknown): BenchGraph {
  return kit
    .stateGraph({ items: "list", rev: "value", approved: "value" })
    .addNode("review", (state) => ({ approved: kit.interrupt({ rev: state["rev"] }) }))
    .addNode("revise", (state) => ({ items: [`revision ${String(state["rev"])}`], rev: revisionOf(state) + 1 }))
    .addEdge(kit.START, "review")
    .addConditionalEdges("review", (state) => (state["approved"] === true ? kit.END : "revise"), ["revise", kit.END])
    .addEdge("revise", "review")
    .compile({ checkpointer });
}

/** START → fan → {p0 … p{width-1}} → join → END, the join a fan-in edge (`addEdge([...], "join")`). */
export function fanOutGraph(kit: GraphKit, checkpointer: unknown, width: number): BenchGraph {
  const graph = kit.stateGraph({ items: "list" });
  graph.addNode("fan", () => ({ items: [-1] }));
  const branches = Array.from({ length: width }, (_, i) => `p${i}`);
  branches.forEach((name, i) => graph.addNode(name, () => ({ items: [i] })));
  graph.addNode("join", (state) => ({ items: [(state["items"] as readonly unknown[]).length] }));
  graph.addEdge(kit.START, "fan");
  for (const name of branches) graph.addEdge("fan", name);
  graph.addEdge(branches, "join");
  graph.addEdge("join", kit.END);
  return graph.compile({ checkpointer });
}

/** START → tick → tick … while `n < target`, then END: one superstep per tick, constant-size state. */
export function loopGraph(kit: GraphKit, checkpointer: unknown): BenchGraph {
  return kit
    .stateGraph({ n: "value", target: "value" })
    .addNode("tick", (state) => ({ n: Number(state["n"]) + 1 }))
    .addEdge(kit.START, "tick")
    .addConditionalEdges("tick", (state) => (Number(state["n"]) < Number(state["target"]) ? "tick" : kit.END), ["tick", kit.END])
    .compile({ checkpointer });
}

function revisionOf(state: BenchState): number {
  return Number(state["rev"]);
}
