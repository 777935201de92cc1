import { END, START } from "./constants.js";
import type { GraphSpec, NodeSpec } from "./graph-spec.js";

/** The part of `@langchain/core/runnables/graph`'s `Graph` that a drawing is built with. */
export interface DrawableGraph {
  readonly nodes: Record<string, DrawableNode>;
  readonly edges: readonly { readonly source: string; readonly target: string; readonly data?: string; readonly conditional?: boolean }[];
  /** The diagram as Mermaid text. */
  drawMermaid(params?: { withStyles?: boolean; curveStyle?: string; wrapLabelNWords?: number }): string;
  addNode(data: unknown, id?: string, metadata?: Record<string, unknown>): DrawableNode;
  addEdge(source: DrawableNode, target: DrawableNode, data?: string, conditional?: boolean): unknown;
  extend(graph: DrawableGraph, prefix?: string): [DrawableNode | undefined, DrawableNode | undefined];
  trimFirstNode(): void;
  trimLastNode(): void;
}

/** A node of a {@link DrawableGraph}. */
export interface DrawableNode {
  readonly id: string;
  readonly name: string;
  readonly data: unknown;
}

/** Options of `getGraph()`: `xray` draws subgraphs' nodes too (a number: that many levels deep). */
export interface DrawOptions {
  readonly xray?: boolean | number;
}

/**
 * Draws a graph the way LangGraph's `getGraph()` does, into a new `Graph` of LangChain's (so
 * `drawMermaid()` prints the same diagram): START, the nodes in the order they were added, static
 * edges, fan-in edges, conditional edges (to their path map, or to every other node and END
 * without one), `Command` routes a node declares with `ends`, and an edge to END from every node
 * only a static edge leads to and nothing leaves. Breakpoints are noted in a node's metadata.
 */
export function drawGraph(spec: GraphSpec, newGraph: () => DrawableGraph, options: DrawOptions = {}): DrawableGraph {
  const graph = newGraph();
  const entries = new Map<string, DrawableNode>([[START, graph.addNode({}, START)]]);
  const exits = new Map<string, DrawableNode>();
  const drawn: { source: string; target: string; conditional: boolean }[] = [];
  const connect = (source: string, target: string, label?: string, conditional = false) => {
    if (target === END && !exits.has(END)) exits.set(END, graph.addNode({}, END));
    const from = entries.get(source);
    const to = exits.get(target);
    if (from === undefined || to === undefined) return;
    drawn.push({ source, target, conditional });
    graph.addEdge(from, to, label !== target ? label : undefined, conditional);
  };

  for (const node of spec.nodes.values()) drawNode(graph, spec, node, options, newGraph, entries, exits);
  for (const [source, target] of sortedBySource(spec.drawnEdges)) connect(keyOf(source), keyOf(target));
  for (const [source, branches] of spec.branches) {
    const everywhere = Object.fromEntries([...[...spec.nodes.keys()].filter((name) => name !== source).map((name) => [keyOf(name), keyOf(name)]), [END, END]]);
    for (const branch of branches) {
      for (const [label, target] of Object.entries<string>(branch.pathMap ?? everywhere)) connect(keyOf(source), keyOf(target), label, true);
    }
  }
  for (const node of spec.nodes.values()) for (const target of node.ends) connect(keyOf(node.name), keyOf(target), undefined, true);
  const sources = new Set(drawn.map((edge) => edge.source));
  const terminal = [...new Set(drawn.filter((edge) => !edge.conditional && edge.target !== END).map((edge) => edge.target))].sort();
  for (const node of terminal) if (!sources.has(node)) connect(node, END);
  return graph;
}

function drawNode(
  graph: DrawableGraph,
  spec: GraphSpec,
  node: NodeSpec,
  options: DrawOptions,
  newGraph: () => DrawableGraph,
  entries: Map<string, DrawableNode>,
  exits: Map<string, DrawableNode>,
): void {
  const key = keyOf(node.name);
  const subgraph = subgraphSpecOf(node);
  if (options.xray && subgraph) {
    const inner = drawGraph(subgraph, newGraph, { xray: typeof options.xray === "number" ? options.xray - 1 : options.xray });
    inner.trimFirstNode();
    inner.trimLastNode();
    if (Object.keys(inner.nodes).length > 1) {
      const [last, first] = graph.extend(inner, key);
      if (first !== undefined) entries.set(key, first);
      if (last !== undefined) exits.set(key, last);
      return;
    }
  }
  const added = graph.addNode(node.action, key, metadataOf(spec, node));
  entries.set(key, added);
  exits.set(key, added);
}

function metadataOf(spec: GraphSpec, node: NodeSpec): Record<string, unknown> {
  // A "*" breakpoint is not drawn: LangGraph looks the name up in the list, and "*" is not a list.
  const before = Array.isArray(spec.interruptBefore) && spec.interruptBefore.includes(node.name);
  const after = Array.isArray(spec.interruptAfter) && spec.interruptAfter.includes(node.name);
  const metadata: Record<string, unknown> = {};
  if (before || after) metadata.__interrupt = before && after ? "before,after" : before ? "before" : "after";
  const tools = (node.action as { tools?: unknown }).tools;
  if (Array.isArray(tools) && tools.length > 0 && tools.every((tool) => typeof (tool as { name?: unknown })?.name === "string")) {
    metadata.__tools = tools.map((tool) => (tool as { name: string }).name);
  }
  return metadata;
}

function subgraphSpecOf(node: NodeSpec): GraphSpec | undefined {
  const action = node.action as { graphSpec?: GraphSpec };
  return typeof action === "object" && action !== null && action.graphSpec !== undefined ? action.graphSpec : undefined;
}

/** Mermaid reads `subgraph` as a keyword, so LangGraph draws a node of that name quoted. */
function keyOf(name: string): string {
  return name === "subgraph" ? `"${name}"` : name;
}

/**
 * Edges ordered by source as LangGraph orders them. Its comparator answers only "before" or
 * "equal", never "after", so the order it gives is whatever the sort makes of that; the same
 * comparator here keeps the drawings identical.
 */
function sortedBySource(edges: readonly (readonly [string, string])[]): (readonly [string, string])[] {
  return [...edges].sort(([a], [b]) => (a < b ? -1 : 0));
}
