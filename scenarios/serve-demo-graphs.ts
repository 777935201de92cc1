import { Annotation, END, interrupt, START, StateGraph } from "replaygraph";

// The graphs `replaygraph serve --demo` serves, and the side-by-side HTTP tests run against both
// servers. engine/server/testing/langgraph-demo-graphs.ts is this file with LangGraph's import.

const State = Annotation.Root({
  label: Annotation<string>(),
  items: Annotation<string[]>({ reducer: (all, more) => all.concat(more), default: () => [] }),
});

const step = (node: string) => async (state: typeof State.State, config: { configurable?: Record<string, unknown>; writer?: (chunk: unknown) => void }) => {
  config.writer?.({ node });
  const ms = Number(config.configurable?.["sleep_ms"] ?? 0);
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  if (config.configurable?.["fail_at"] === node) throw new Error(`${node} failed on purpose`);
  return { items: [`${state.label}:${node}`] };
};

/** Three nodes in a row (a, b, c), each appending `<label>:<node>`; `configurable.sleep_ms` slows each. */
export const agent = new StateGraph(State)
  .addNode("a", step("a"))
  .addNode("b", step("b"))
  .addNode("c", step("c"))
  .addEdge(START, "a")
  .addEdge("a", "b")
  .addEdge("b", "c")
  .addEdge("c", END)
  .compile();

/** Asks a question with interrupt(), then appends the answer. */
export const hitl = new StateGraph(State)
  .addNode("ask", (state: typeof State.State) => {
    const answer = interrupt({ question: `approve ${state.label}?` });
    return { items: [`${state.label}:${String(answer)}`] };
  })
  .addNode("done", (state: typeof State.State) => ({ items: [`${state.label}:done`] }))
  .addEdge(START, "ask")
  .addEdge("ask", "done")
  .addEdge("done", END)
  .compile();
