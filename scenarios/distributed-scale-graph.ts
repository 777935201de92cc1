import { appendFileSync } from "node:fs";
import { Annotation, END, START, StateGraph, type CompiledStateGraph, type EventStore } from "replaygraph";

/**
 * The graph of the distributed scale scenario: `a` → `b` → `c`. Each node first writes one line
 * to a side-effect file (`<job> <node> <pid>`, one `appendFileSync`, atomic for a short line),
 * then takes `stepMs` (so double texts and cancels find runs mid-step), then writes
 * `<job>:<node>` to the thread's `log`. A line without a log entry is a step that was stopped (a
 * cancel, a double text, a killed worker); two lines of one step from live processes would be a
 * run executed twice.
 */
export const ScaleState = Annotation.Root({
  job: Annotation<string>(),
  log: Annotation<string[]>({ reducer: (all, more) => all.concat(more), default: () => [] }),
});

export function buildScaleGraph(store: EventStore, sideEffects: string, stepMs: number): CompiledStateGraph<typeof ScaleState.spec> {
  const step = (node: string) => async (state: typeof ScaleState.State) => {
    appendFileSync(sideEffects, `${state.job} ${node} ${process.pid}\n`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
    return { log: [`${state.job}:${node}`] };
  };
  return new StateGraph(ScaleState)
    .addNode("a", step("a"))
    .addNode("b", step("b"))
    .addNode("c", step("c"))
    .addEdge(START, "a")
    .addEdge("a", "b")
    .addEdge("b", "c")
    .addEdge("c", END)
    .compile({ checkpointer: store, name: "scale" });
}
