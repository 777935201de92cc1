import { Annotation, END, START, StateGraph, type CompiledStateGraph, type EventStore } from "replaygraph";

/**
 * A run whose process dies mid-step (kill -9). Its lease (recorded as events) expires; the next
 * process that loads the thread ends the run as `error` or re-queues it to continue from its last
 * committed step. The thread is never blocked by a run that is `running` forever.
 */
export const ChainState = Annotation.Root({
  topic: Annotation<string>(),
  log: Annotation<string[]>({ reducer: (all, more) => all.concat(more), default: () => [] }),
});

/** `first` → `second` (takes `secondMs`) → `third`. */
export function buildSlowChainGraph(store: EventStore, secondMs: number): CompiledStateGraph<typeof ChainState.spec> {
  return new StateGraph(ChainState)
    .addNode("first", (state) => ({ log: [`${state.topic}:first`] }))
    .addNode("second", async (state) => {
      await new Promise((resolve) => setTimeout(resolve, secondMs));
      return { log: [`${state.topic}:second`] };
    })
    .addNode("third", (state) => ({ log: [`${state.topic}:third`] }))
    .addEdge(START, "first")
    .addEdge("first", "second")
    .addEdge("second", "third")
    .addEdge("third", END)
    .compile({ checkpointer: store, name: "chain" });
}
