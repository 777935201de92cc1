import { Annotation, Command, END, INTERRUPT, START, StateGraph } from "replaygraph";
import type { CompiledStateGraph, EventStore, RunConfig } from "replaygraph";

const ChainState = Annotation.Root({ log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });

/** One stop (or the end) of a run: what invoke returned and what `getState().next` said. */
export interface BreakpointStop {
  readonly output: typeof ChainState.State & { readonly __interrupt__?: readonly unknown[] };
  readonly next: readonly string[];
}

/** What one playthrough saw. */
export interface BreakpointOutcome {
  readonly graph: CompiledStateGraph<typeof ChainState.spec>;
  readonly stops: readonly BreakpointStop[];
  readonly counts: Record<string, number>;
}

/** How the driver continues from each breakpoint. */
export type BreakpointPlay =
  | { readonly kind: "compile-time" }
  | { readonly kind: "run-time"; readonly interruptBefore: readonly string[] }
  | { readonly kind: "update-at-breakpoint"; readonly update: readonly string[] };

/**
 * Seed 003, "debugging with static interrupts": the chain a → b → c, compiled to stop before `b`
 * and again after `b` commits (rule 20).
 */
export function buildStaticBreakpointsGraph(store: EventStore, counts: Record<string, number> = {}) {
  const step = (name: string) => () => {
    counts[name] = (counts[name] ?? 0) + 1;
    return { log: [name] };
  };
  return new StateGraph(ChainState)
    .addNode("a", step("a"))
    .addNode("b", step("b"))
    .addNode("c", step("c"))
    .addEdge(START, "a")
    .addEdge("a", "b")
    .addEdge("b", "c")
    .addEdge("c", END)
    .compile({ checkpointer: store, interruptBefore: ["b"], interruptAfter: ["b"] });
}

/**
 * Starts a new thread and continues with `invoke(null)` until the run ends, recording each stop.
 * `run-time` passes its `interruptBefore` (and an empty `interruptAfter`) to the first invoke
 * only; `update-at-breakpoint` continues from the first stop with `Command({ update })`.
 */
export async function runStaticBreakpoints(store: EventStore, threadId: string, play: BreakpointPlay): Promise<BreakpointOutcome> {
  const counts: Record<string, number> = {};
  const graph = buildStaticBreakpointsGraph(store, counts);
  const config = { configurable: { thread_id: threadId } };
  const firstConfig: RunConfig = play.kind === "run-time" ? { ...config, interruptBefore: play.interruptBefore, interruptAfter: [] } : config;
  const stops: BreakpointStop[] = [];
  let output = await graph.invoke({ log: ["input"] }, firstConfig);
  stops.push({ output, next: (await graph.getState(config)).next });
  if (play.kind === "update-at-breakpoint") {
    output = await graph.invoke(new Command({ update: { log: play.update } }), config);
    stops.push({ output, next: (await graph.getState(config)).next });
  }
  while (output[INTERRUPT] !== undefined) {
    output = await graph.invoke(null, config);
    stops.push({ output, next: (await graph.getState(config)).next });
  }
  return { graph, stops, counts };
}
