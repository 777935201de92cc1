import { END, START } from "./constants.js";
import { defaultGraphLimits, type BranchSpec, type GraphLimits, type GraphSpec, type JoinSpec } from "./graph-spec.js";
import type { StateGraphBuilder } from "./state-graph-builder.js";
import { InvalidGraphError, MissingEntryPointError, UnreachableNodeError } from "../errors/graph-errors.js";

/** What `compile()` adds to the builder's definition. */
export interface ValidateGraphOptions {
  readonly name?: string;
  readonly interruptBefore?: readonly string[] | "*";
  readonly interruptAfter?: readonly string[] | "*";
  readonly strict?: boolean;
  readonly warningsAsErrors?: boolean;
  readonly limits?: Partial<GraphLimits>;
}

/**
 * Checks a graph definition and returns the {@link GraphSpec} the engine runs. Refuses, with a
 * named error that says what to fix: edges to or from unknown nodes, no entry point, nodes that
 * nothing reaches, breakpoints on unknown nodes.
 */
export function validateGraph(builder: StateGraphBuilder<any>, options: ValidateGraphOptions = {}): GraphSpec {
  assertNamesKnown(builder, options);
  const edges = new Map<string, string[]>();
  for (const [from, to] of builder.edges) {
    if (to === END) continue;
    const targets = edges.get(from) ?? [];
    if (!targets.includes(to)) targets.push(to);
    edges.set(from, targets);
  }
  const branches = groupBy(builder.branches, (branch) => branch.source);
  if (!edges.has(START) && !branches.has(START)) throw new MissingEntryPointError();

  const joins = new Map<string, JoinSpec>(builder.joins.map((join) => [join.key, join]));
  const joinsBySource = new Map<string, JoinSpec[]>();
  for (const join of joins.values()) for (const source of join.sources) joinsBySource.set(source, [...(joinsBySource.get(source) ?? []), join]);

  assertReachable(builder, edges, branches, [...joins.values()]);

  const channels = new Map(builder.channels);
  const coversAll = (keys: readonly string[]) => keys.length === channels.size && keys.every((key) => channels.has(key));
  const nodes = new Map(
    [...builder.nodes].map(([name, node]) => {
      const keys = node.inputKeys ?? builder.stateKeys;
      const { inputKeys: _own, ...rest } = node;
      return [name, coversAll(keys) ? rest : { ...rest, inputKeys: keys }];
    }),
  );
  return {
    name: options.name ?? "graph",
    channels,
    nodes,
    ...(coversAll(builder.inputKeys) ? {} : { inputKeys: builder.inputKeys }),
    ...(coversAll(builder.outputKeys) ? {} : { outputKeys: builder.outputKeys }),
    edges,
    branches,
    joins,
    joinsBySource,
    drawnEdges: [
      ...builder.edges.map(([from, to]) => [from, to] as const),
      ...builder.joins.flatMap((join) => join.sources.map((source) => [source, join.target] as const)),
    ],
    interruptBefore: options.interruptBefore ?? [],
    interruptAfter: options.interruptAfter ?? [],
    strict: options.strict ?? false,
    warningsAsErrors: options.warningsAsErrors ?? false,
    limits: limitsOf(options.limits),
    ...(builder.validation ? { validation: builder.validation } : {}),
  };
}

/** Refuses an edge, fan-in, path map, `ends` or breakpoint that names a node the graph does not have. */
function assertNamesKnown(builder: StateGraphBuilder<any>, options: ValidateGraphOptions): void {
  for (const [from, to] of builder.edges) {
    builder.assertNode(from, `An edge from '${from}'`, [START]);
    builder.assertNode(to, `An edge from '${from}' to '${to}'`, [END]);
  }
  for (const join of builder.joins) {
    for (const source of join.sources) builder.assertNode(source, `The fan-in edge ${join.key}`);
    builder.assertNode(join.target, `The fan-in edge ${join.key}`);
  }
  for (const branch of builder.branches) {
    builder.assertNode(branch.source, `A conditional edge from '${branch.source}'`, [START]);
    for (const target of Object.values(branch.pathMap ?? {})) {
      builder.assertNode(target, `The path map of the conditional edge from '${branch.source}'`, [END]);
    }
  }
  for (const node of builder.nodes.values()) {
    for (const end of node.ends) builder.assertNode(end, `The 'ends' of node '${node.name}'`, [END]);
  }
  for (const list of [options.interruptBefore, options.interruptAfter]) {
    if (list !== undefined && list !== "*") for (const node of list) builder.assertNode(node, "A breakpoint (interruptBefore/interruptAfter)");
  }
}

function assertReachable(
  builder: StateGraphBuilder<any>,
  edges: ReadonlyMap<string, readonly string[]>,
  branches: ReadonlyMap<string, readonly BranchSpec[]>,
  joins: readonly JoinSpec[],
): void {
  const allNodes = [...builder.nodes.keys()];
  const reached = new Set<string>([START]);
  const queue = [START];
  const visit = (node: string) => {
    if (node === END || reached.has(node)) return;
    reached.add(node);
    queue.push(node);
  };
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const target of edges.get(node) ?? []) visit(target);
    for (const branch of branches.get(node) ?? []) {
      // Without a path map a branch may go anywhere, as in LangGraph.
      for (const target of branch.pathMap ? Object.values(branch.pathMap) : allNodes) visit(target);
    }
    for (const target of builder.nodes.get(node)?.ends ?? []) visit(target);
    for (const join of joins) if (join.sources.every((source) => reached.has(source))) visit(join.target);
  }
  for (const node of allNodes) if (!reached.has(node)) throw new UnreachableNodeError(node);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function limitsOf(limits: Partial<GraphLimits> | undefined): GraphLimits {
  const merged = { ...defaultGraphLimits, ...limits };
  for (const [name, value] of Object.entries(merged)) {
    if (!(value === Infinity || (Number.isSafeInteger(value) && value > 0))) {
      throw new InvalidGraphError(`limits.${name} must be a positive integer (or Infinity for no limit); got ${String(value)}.`);
    }
  }
  return merged;
}
