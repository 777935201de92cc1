import { Annotation, type ChannelSpec } from "../graph/annotation.js";
import { END, START } from "../graph/constants.js";
import type { NodeConfig, RunnableLike } from "../graph/graph-spec.js";
import type { AddNodeOptions } from "../graph/state-graph-builder.js";
import { InvalidGraphError } from "../errors/graph-errors.js";
import { CompiledGraph, graphInputKey, graphOutputKey, graphStepKey, outputKeyOf, type Stamped } from "./compiled-graph.js";
import type { CompileOptions } from "./compiled-state-graph.js";
import { StateGraph } from "./state-graph.js";

/** What a node of a {@link Graph} is: a function of the value it is given, or a Runnable. */
export type GraphNodeAction<TInput = any, TOutput = any> = ((input: TInput, config: NodeConfig) => TOutput | Promise<TOutput>) | RunnableLike;

type GraphBranchPath = (value: any, config: NodeConfig) => unknown;

interface GraphNodeEntry {
  readonly name: string;
  readonly action: GraphNodeAction;
  readonly options: AddNodeOptions;
}

/** Last write wins: each node's output channel is written by that node only. */
const lastWrite = (): ChannelSpec => Annotation<unknown>({ reducer: (_current: unknown, written: unknown) => written });

/**
 * LangGraph's plain `Graph`: nodes pass values, not a shared state. A node gets the output of the
 * node whose edge triggered it (the graph's input for an edge from START) and returns its own
 * output; `invoke()` returns the output of the node that has the edge to END. Built on
 * {@link StateGraph}: each node's output is a channel of a hidden state, so a Graph runs, pauses
 * and replays as a StateGraph does.
 *
 * @example
 * const graph = new Graph()
 *   .addNode("add_one", (x: number) => x + 1)
 *   .addEdge(START, "add_one")
 *   .addEdge("add_one", END)
 *   .compile();
 * await graph.invoke(2); // 3
 */
export class Graph {
  readonly #nodes = new Map<string, GraphNodeEntry>();
  readonly #edges: [string, string][] = [];
  readonly #branches: { readonly source: string; readonly path: GraphBranchPath; readonly pathMap?: Readonly<Record<string, string>> | readonly string[] }[] =
    [];

  /** Adds a node: `addNode(name, fn, options?)`, or several with `addNode({ a: fnA })` / `addNode([[name, fn]])`. */
  addNode(nodes: Readonly<Record<string, GraphNodeAction>> | readonly (readonly [string, GraphNodeAction, AddNodeOptions?])[]): this;
  addNode(name: string, action: GraphNodeAction, options?: AddNodeOptions): this;
  addNode(
    nameOrNodes: string | Readonly<Record<string, GraphNodeAction>> | readonly (readonly [string, GraphNodeAction, AddNodeOptions?])[],
    action?: GraphNodeAction,
    options: AddNodeOptions = {},
  ): this {
    if (typeof nameOrNodes === "string") {
      if (this.#nodes.has(nameOrNodes)) throw new InvalidGraphError(`Node '${nameOrNodes}' is already in the graph. Node names must be unique.`);
      this.#nodes.set(nameOrNodes, { name: nameOrNodes, action: action as GraphNodeAction, options });
      return this;
    }
    const entries = Array.isArray(nameOrNodes) ? nameOrNodes : Object.entries(nameOrNodes).map(([name, each]) => [name, each] as const);
    for (const [name, each, eachOptions] of entries as readonly (readonly [string, GraphNodeAction, AddNodeOptions?])[])
      this.addNode(name, each, eachOptions ?? {});
    return this;
  }

  /** Adds an edge: `to` runs with the output of `from`. */
  addEdge(from: string, to: string): this {
    if (Array.isArray(from)) throw new InvalidGraphError(`Graph.addEdge takes one source node; a fan-in edge (a list of sources) needs a StateGraph.`);
    this.#edges.push([from, to]);
    return this;
  }

  /** Adds a conditional edge: `path(outputOfSource, config)` names where to go next (or a key of `pathMap`). */
  addConditionalEdges(source: string, path: GraphBranchPath, pathMap?: Readonly<Record<string, string>> | readonly string[]): this {
    this.#branches.push({ source, path, ...(pathMap !== undefined ? { pathMap } : {}) });
    return this;
  }

  /** `addEdge(START, node)`. */
  setEntryPoint(node: string): this {
    return this.addEdge(START, node);
  }

  /** `addEdge(node, END)`. */
  setFinishPoint(node: string): this {
    return this.addEdge(node, END);
  }

  /** Checks the graph and makes it runnable (as `StateGraph.compile`, with the same options). */
  compile(options: CompileOptions = {}): CompiledGraph {
    const channels: Record<string, ChannelSpec> = {
      [graphInputKey]: lastWrite(),
      [graphOutputKey]: lastWrite(),
      [graphStepKey]: Annotation<number>({ reducer: Math.max, default: () => 0 }) as ChannelSpec,
    };
    for (const name of this.#nodes.keys()) channels[outputKeyOf(name)] = lastWrite();
    const builder = new StateGraph(Annotation.Root(channels));
    // A conditional edge may lead anywhere (its pathMap, when given, says where).
    const predecessors = (node: string): string[] => [
      ...new Set([
        ...this.#edges.filter(([, to]) => to === node).map(([from]) => from),
        ...this.#branches.filter((branch) => branch.pathMap === undefined || Object.values(branch.pathMap).includes(node)).map((branch) => branch.source),
      ]),
    ];
    const writesOutput = (node: string): boolean =>
      this.#edges.some(([from, to]) => from === node && to === END) || this.#branches.some((branch) => branch.source === node);
    for (const { name, action, options } of this.#nodes.values()) {
      const sources = predecessors(name);
      const endsHere = writesOutput(name);
      const run = async (state: Record<string, unknown>, config: NodeConfig): Promise<Record<string, unknown>> => {
        const step = (state[graphStepKey] as number) + 1;
        const output = await (typeof action === "function" ? action(inputOf(state, sources), config) : action.invoke(inputOf(state, sources), config));
        const stamped: Stamped = { value: output, step };
        return { [outputKeyOf(name)]: stamped, [graphStepKey]: step, ...(endsHere ? { [graphOutputKey]: stamped } : {}) };
      };
      builder.addNode(name, run, options);
    }
    for (const [from, to] of this.#edges) builder.addEdge(from, to);
    for (const { source, path, pathMap } of this.#branches) {
      builder.addConditionalEdges(
        source,
        (state: Record<string, unknown>, config: NodeConfig) => path((state[outputKeyOf(source)] as Stamped | undefined)?.value, config),
        pathMap,
      );
    }
    return new CompiledGraph(builder.compile(options));
  }
}

/**
 * What a node gets: the output of its most recent predecessor (the edge that triggered it; LangGraph
 * clears a node's output channel after the next step, so only fresh outputs trigger), the first in
 * edge order on a tie.
 */
function inputOf(state: Readonly<Record<string, unknown>>, sources: readonly string[]): unknown {
  let freshest: Stamped | undefined;
  for (const source of sources) {
    const stamped = state[source === START ? graphInputKey : outputKeyOf(source)] as Stamped | undefined;
    if (stamped !== undefined && (freshest === undefined || stamped.step > freshest.step)) freshest = stamped;
  }
  return freshest?.value;
}
