import { Annotation, END, START, StateGraph, type CompiledStateGraph, type EventStore } from "../../index.js";

/**
 * START → tick → tick … while `n < target`, then END: three events per step, a state that stays
 * small (or, with `grow`, a list that gains an item per step). A cheap long thread.
 */
export function loopGraph(store: EventStore, options: { readonly snapshotEvery?: number; readonly grow?: boolean } = {}): CompiledStateGraph {
  const State = Annotation.Root({
    n: Annotation<number>(),
    target: Annotation<number>(),
    items: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  });
  let runs = 0;
  return new StateGraph(State)
    .addNode("tick", (state) => ({ n: state.n + 1, ...(options.grow ? { items: [`item ${state.n} `.padEnd(40, ".")] } : {}) }))
    .addEdge(START, "tick")
    .addConditionalEdges("tick", (state) => (state.n < state.target ? "tick" : END), ["tick", END])
    .compile({
      checkpointer: store,
      ...(options.snapshotEvery !== undefined ? { snapshotEvery: options.snapshotEvery } : {}),
      clock: () => 1_700_000_000_000,
      generateId: () => `run-${++runs}`,
    });
}

/** Runs the loop graph on `threadId` for `steps` steps, in one run. */
export async function runLoop(graph: CompiledStateGraph, threadId: string, steps: number): Promise<void> {
  await graph.invoke({ n: 0, target: steps }, { configurable: { thread_id: threadId }, recursionLimit: steps + 10 });
  // Snapshot writes are not awaited by the run.
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}
