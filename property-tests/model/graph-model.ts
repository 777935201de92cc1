/**
 * The generated graph model: a graph as data, so fast-check can generate it, shrink it and print
 * it. `build-graph.ts` turns a model into a real StateGraph whose nodes interpret their programs;
 * `print-scenario.ts` turns it into program text for a counterexample.
 */

/** A JSON value (what answers, payloads and writes are made of). */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** When a loop of interrupts (validate-and-ask-again) accepts an answer. */
export type Acceptance = "number" | "string" | "truthy" | "array";

/** One statement of a node program. */
export type Op =
  /** `log.push(value)`: part of the node's update. */
  | { readonly op: "write"; readonly value: Json }
  /** `interrupt({ node, k, q })`; the answer is logged. */
  | { readonly op: "interrupt"; readonly question: Json }
  /** Ask again until the answer is accepted, at most `max` times (seed 004's age loop). */
  | { readonly op: "askUntil"; readonly accept: Acceptance; readonly max: number }
  /** `await effect(key, body)`: the body counts its runs and returns a unique token. */
  | { readonly op: "effect" }
  /** Real file I/O (an append to a temp file), outside effect() or inside one. */
  | { readonly op: "io"; readonly inEffect: boolean }
  /** An in-memory database write seen by `observeSideEffects`: an insert repeats, an upsert does not. */
  | { readonly op: "db"; readonly write: "insert" | "upsert"; readonly inEffect: boolean }
  /** Changes the input state in place (`state.log.push(...)`). */
  | { readonly op: "mutate" }
  /** Sets the `go` channel from the last answer; conditional edges read it. */
  | { readonly op: "route" }
  /** An interrupt whose payload names the execution: it changes on every re-execution. */
  | { readonly op: "varyingInterrupt"; readonly question: Json }
  /** An interrupt asked only on the task's first execution: skipped when re-executed. */
  | { readonly op: "skippedOnReplay"; readonly question: Json }
  /** `try { interrupt(...) } catch {}`: the pause signal is swallowed (rule 4). */
  | { readonly op: "swallow"; readonly question: Json };

export type OpKind = Op["op"];

/** A node: a program, a compiled subgraph used as the node (rule 21), or a program that calls a subgraph (rule 22). */
export type NodeModel =
  | { readonly kind: "program"; readonly name: string; readonly ops: readonly Op[] }
  | { readonly kind: "subgraph"; readonly name: string; readonly child: GraphModel }
  | { readonly kind: "callsSubgraph"; readonly name: string; readonly before: readonly Op[]; readonly child: GraphModel; readonly after: readonly Op[] };

/** The shapes of graph the properties cover. */
export type GraphModel =
  /** START → n0 → n1 → … → END */
  | { readonly shape: "linear"; readonly nodes: readonly NodeModel[] }
  /** START → head → (state.go ? left : right) → END */
  | { readonly shape: "branch"; readonly head: NodeModel; readonly left: NodeModel; readonly right: NodeModel }
  /** START → b0 → … → bn → (state.laps < laps ? b0 : END); bn adds 1 to laps. Each visit is a new task. */
  | { readonly shape: "loop"; readonly body: readonly NodeModel[]; readonly laps: number }
  /** START → each branch (one step, in parallel) → join (fan-in) → END */
  | { readonly shape: "parallel"; readonly branches: readonly NodeModel[]; readonly join: NodeModel | undefined }
  /** START → head → Send("worker", { item }) × count → tail → END; workers get the Send's args. */
  | { readonly shape: "send"; readonly head: NodeModel; readonly worker: NodeModel; readonly count: number; readonly tail: NodeModel | undefined };

/** Every node of a graph model, in a fixed order (not descending into subgraphs). */
export function nodesOf(graph: GraphModel): NodeModel[] {
  switch (graph.shape) {
    case "linear":
      return [...graph.nodes];
    case "branch":
      return [graph.head, graph.left, graph.right];
    case "loop":
      return [...graph.body];
    case "parallel":
      return [...graph.branches, ...(graph.join ? [graph.join] : [])];
    case "send":
      return [graph.head, graph.worker, ...(graph.tail ? [graph.tail] : [])];
  }
}

/** Every node of a graph model and of its subgraphs, depth first. */
export function allNodesOf(graph: GraphModel): NodeModel[] {
  return nodesOf(graph).flatMap((node) => (node.kind === "program" ? [node] : [node, ...allNodesOf(node.child)]));
}

/** Every op of a node's own code (not its subgraph's). */
export function opsOf(node: NodeModel): readonly Op[] {
  switch (node.kind) {
    case "program":
      return node.ops;
    case "subgraph":
      return [];
    case "callsSubgraph":
      return [...node.before, ...node.after];
  }
}
