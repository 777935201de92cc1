import { Annotation, Command, END, INTERRUPT, START, StateGraph, interrupt } from "replaygraph";
import type { CompiledStateGraph, CompileOptions, EventStore, NodeConfig } from "replaygraph";

/** A clock and an id generator to inject, for a deterministic recording (golden histories). */
export type Determinism = Pick<CompileOptions, "clock" | "generateId">;

/** How many times each piece of code ran, parent and child. */
export type SubgraphCounts = Record<string, number>;

const ChildState = Annotation.Root({ greeting: Annotation<string>(), name: Annotation<string>() });
const ParentState = Annotation.Root({ greeting: Annotation<string>(), name: Annotation<string>(), summary: Annotation<string>() });

/** What one playthrough of either scenario saw. */
export interface SubgraphOutcome {
  readonly graph: CompiledStateGraph<typeof ParentState.spec>;
  readonly payloads: readonly unknown[];
  /** `getState().tasks` while paused: each task's node and the payloads it waits on. */
  readonly pausedTasks: readonly (readonly [string, readonly unknown[]])[];
  readonly final: typeof ParentState.State;
  readonly counts: SubgraphCounts;
}

function counter(counts: SubgraphCounts) {
  return (name: string) => void (counts[name] = (counts[name] ?? 0) + 1);
}

/**
 * The child graph: `greet` sets a greeting, `askName` interrupts for a name. Compiled without a
 * checkpointer: as a subgraph it lives on its parent's store.
 */
export function buildChildGraph(counts: SubgraphCounts, determinism: Determinism = {}) {
  const count = counter(counts);
  return new StateGraph(ChildState)
    .addNode("greet", () => {
      count("greet");
      return { greeting: "Hello" };
    })
    .addNode("askName", (state) => {
      count("askName");
      const name = interrupt<string, string>("What's your name?");
      return { greeting: `${state.greeting}, ${name}!`, name };
    })
    .addEdge(START, "greet")
    .addEdge("greet", "askName")
    .addEdge("askName", END)
    .compile(determinism);
}

/** Seed 003/004, subgraph as a node (rule 21): `start` → `sub` (the compiled child) → `finish`. */
export function buildSubgraphAsNodeGraph(store: EventStore, counts: SubgraphCounts = {}, determinism: Determinism = {}) {
  const count = counter(counts);
  return new StateGraph(ParentState)
    .addNode("start", () => {
      count("start");
      return { summary: "started" };
    })
    .addNode("sub", buildChildGraph(counts, determinism))
    .addNode("finish", (state) => {
      count("finish");
      return { summary: `greeted ${state.name}` };
    })
    .addEdge(START, "start")
    .addEdge("start", "sub")
    .addEdge("sub", "finish")
    .addEdge("finish", END)
    .compile({ checkpointer: store, ...determinism });
}

/**
 * Seed 003, "subgraphs called as functions" (rule 22): the `wrapper` node calls the child with
 * `await child.invoke(input, config)` between a before-part and an after-part.
 */
export function buildSubgraphInNodeGraph(store: EventStore, counts: SubgraphCounts = {}, determinism: Determinism = {}) {
  const count = counter(counts);
  const child = buildChildGraph(counts, determinism);
  return new StateGraph(ParentState)
    .addNode("wrapper", async (_state, config: NodeConfig) => {
      count("wrapperBefore");
      const output = await child.invoke({}, config);
      count("wrapperAfter");
      return { greeting: output.greeting, name: output.name, summary: `greeted ${output.name}` };
    })
    .addEdge(START, "wrapper")
    .addEdge("wrapper", END)
    .compile({ checkpointer: store, ...determinism });
}

/** Which of the two parent graphs to run. */
export type SubgraphStyle = "as-node" | "in-node";

/** Runs the chosen parent on a new thread into the child's interrupt, then answers `name`. */
export async function runSubgraphs(store: EventStore, threadId: string, style: SubgraphStyle, name: string): Promise<SubgraphOutcome> {
  const counts: SubgraphCounts = {};
  const graph = style === "as-node" ? buildSubgraphAsNodeGraph(store, counts) : buildSubgraphInNodeGraph(store, counts);
  const config = { configurable: { thread_id: threadId } };
  const paused = await graph.invoke({}, config);
  const payloads = (paused[INTERRUPT] ?? []).map((pending) => pending.value);
  const pausedTasks = (await graph.getState(config)).tasks.map((task) => [task.name, task.interrupts.map((i) => i.value)] as const);
  const final = await graph.invoke(new Command({ resume: name }), config);
  return { graph, payloads, pausedTasks, final, counts };
}
