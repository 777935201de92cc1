import { AnnotationRoot, type ChannelSpec, type StateDefinition, type StateOf, type UpdateOf } from "./annotation.js";
import { END, START } from "./constants.js";
import type { BranchSpec, JoinSpec, NodeConfig, NodeFunction, NodeSpec, RetryPolicy, SubgraphNode } from "./graph-spec.js";
import { InvalidGraphError, ReservedNameError, UnknownNodeError } from "../errors/graph-errors.js";

/** Options of {@link StateGraphBuilder.addNode}. */
export interface AddNodeOptions {
  /** Nodes this node may route to with `Command({ goto })`. */
  readonly ends?: readonly string[];
  readonly retryPolicy?: RetryPolicy;
}

/** Where a conditional edge may go: a node name, END, a Send, or a list of them. */
export type BranchPath<TState> = (state: TState, config: NodeConfig) => unknown;

const forbiddenCharacters = /[/\\|:\u0000-\u001f\u007f]/;

/**
 * Collects a graph's nodes and edges. The public `StateGraph` adds `compile()`; this class is the
 * pure part, checked by `validateGraph`.
 */
export class StateGraphBuilder<TDefinition extends StateDefinition> {
  readonly channels: ReadonlyMap<string, ChannelSpec>;
  readonly nodes = new Map<string, NodeSpec>();
  readonly edges: [string, string][] = [];
  readonly joins: JoinSpec[] = [];
  readonly branches: BranchSpec[] = [];

  constructor(state: AnnotationRoot<TDefinition> | TDefinition) {
    const spec: StateDefinition = state instanceof AnnotationRoot ? state.spec : state;
    const channels = new Map<string, ChannelSpec>();
    for (const [key, channel] of Object.entries(spec)) {
      if (key.startsWith("__")) throw new ReservedNameError(key, "state keys starting with '__' are reserved for the engine");
      channels.set(key, channel);
    }
    this.channels = channels;
  }

  /**
   * Adds a node: a function `(state, config) => update | Command | void` (sync or async), or a
   * compiled graph used as a subgraph.
   */
  addNode(
    name: string,
    action: ((state: StateOf<TDefinition>, config: NodeConfig) => UpdateOf<TDefinition> | unknown) | SubgraphNode,
    options: AddNodeOptions = {},
  ): this {
    if (typeof name !== "string" || name.length === 0) throw new InvalidGraphError(`A node name must be a non-empty string; got ${String(name)}.`);
    if (name === START || name === END) throw new ReservedNameError(name, "START and END are the graph's virtual entry and exit");
    if (name.startsWith("__")) throw new ReservedNameError(name, "node names starting with '__' are reserved for the engine");
    if (forbiddenCharacters.test(name)) throw new ReservedNameError(name, "node names cannot contain '/', '\\', '|', ':' or control characters");
    if (this.nodes.has(name)) throw new InvalidGraphError(`Node '${name}' is already in the graph. Node names must be unique.`);
    if (this.channels.has(name)) throw new ReservedNameError(name, `it is already a state key (a channel), so it cannot also name a node`);
    const isSubgraph = typeof action === "object" && action !== null && "graphSpec" in action;
    if (typeof action !== "function" && !isSubgraph) {
      throw new InvalidGraphError(`Node '${name}' must be a function (state, config) => update, or a compiled graph; got ${typeof action}.`);
    }
    this.nodes.set(name, {
      name,
      action: action as NodeFunction | SubgraphNode,
      ends: [...(options.ends ?? [])],
      retryPolicy: options.retryPolicy,
    });
    return this;
  }

  /** Adds an edge. From a list of nodes, the target waits for all of them (fan-in). */
  addEdge(from: string | readonly string[], to: string): this {
    if (Array.isArray(from)) {
      const sources = [...new Set(from as readonly string[])];
      if (sources.length === 0) throw new InvalidGraphError(`addEdge([], '${to}') needs at least one source node.`);
      if (sources.includes(START)) throw new InvalidGraphError(`START cannot be one of several sources of a fan-in edge; use addEdge(START, '${to}').`);
      if (sources.includes(END)) throw new InvalidGraphError(`END cannot be the source of an edge.`);
      if (to === END) throw new InvalidGraphError(`A fan-in edge cannot end at END; add the edges one by one.`);
      const sorted = [...sources].sort();
      this.joins.push({ key: `join:${sorted.join("+")}:${to}`, sources: sorted, target: to });
      return this;
    }
    const source = from as string;
    if (source === END) throw new InvalidGraphError(`END cannot be the source of an edge.`);
    if (to === START) throw new InvalidGraphError(`START cannot be the target of an edge.`);
    this.edges.push([source, to]);
    return this;
  }

  /**
   * Adds a conditional edge: after `source` runs, `path(state)` names the next node(s) (or END, or
   * Sends). With a `pathMap`, `path` returns keys of the map (a list maps names to themselves).
   */
  addConditionalEdges(
    source: string,
    path: BranchPath<StateOf<TDefinition>>,
    pathMap?: Readonly<Record<string, string>> | readonly string[],
  ): this {
    if (source === END) throw new InvalidGraphError(`END cannot be the source of a conditional edge.`);
    if (typeof path !== "function") throw new InvalidGraphError(`addConditionalEdges('${source}', path) needs a function as path.`);
    const map = pathMap === undefined ? undefined : Array.isArray(pathMap) ? Object.fromEntries(pathMap.map((n) => [n, n])) : { ...(pathMap as Record<string, string>) };
    this.branches.push({ source, path, pathMap: map });
    return this;
  }

  /** Throws {@link UnknownNodeError} unless `node` is a node (or an allowed virtual node). */
  assertNode(node: string, where: string, allow: readonly string[] = []): void {
    if (!this.nodes.has(node) && !allow.includes(node)) throw new UnknownNodeError(node, where, [...this.nodes.keys()]);
  }
}
