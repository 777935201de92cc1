import { appendFileSync } from "node:fs";
import { Annotation, END, START, StateGraph, type CompiledStateGraph, type EventStore } from "replaygraph";

/**
 * The graph of the distributed-workers scenario: `a` → `b` → `c`, each node writing one line to a
 * side-effect file (`<job> <node> <pid>`, one `appendFileSync` each, atomic for a short line) and
 * `<job>:<node>` to the thread's `log`. A job whose name starts with `slow` makes `b` take
 * `slowMs` after writing a `b-start` line, so a test can kill the worker executing it.
 */
export const JobState = Annotation.Root({
  job: Annotation<string>(),
  log: Annotation<string[]>({ reducer: (all, more) => all.concat(more), default: () => [] }),
});

export function buildJobsGraph(store: EventStore, sideEffects: string, slowMs: number): CompiledStateGraph<typeof JobState.spec> {
  const step = (node: string) => async (state: typeof JobState.State) => {
    if (node === "b" && state.job.startsWith("slow")) {
      appendFileSync(sideEffects, `${state.job} b-start ${process.pid}\n`);
      await new Promise((resolve) => setTimeout(resolve, slowMs));
    }
    appendFileSync(sideEffects, `${state.job} ${node} ${process.pid}\n`);
    return { log: [`${state.job}:${node}`] };
  };
  return new StateGraph(JobState)
    .addNode("a", step("a"))
    .addNode("b", step("b"))
    .addNode("c", step("c"))
    .addEdge(START, "a")
    .addEdge("a", "b")
    .addEdge("b", "c")
    .addEdge("c", END)
    .compile({ checkpointer: store, name: "jobs" });
}
