// What the README's service fragment uses: a store, and a graph whose one node takes its time
// (a second, or until its run is cancelled).
import { Annotation, END, MemoryEventStore, START, StateGraph } from "replaygraph";

const store = new MemoryEventStore();
const graph = new StateGraph(Annotation.Root({ question: Annotation(), answer: Annotation() }))
  .addNode("think", async (state, config) => {
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 1000);
      config.signal?.addEventListener("abort", () => (clearTimeout(timer), resolve(undefined)));
    });
    return { answer: `looked up ${state.question}` };
  })
  .addEdge(START, "think")
  .addEdge("think", END)
  .compile();
