/** A graph's state as the benchmark graphs see it: channel name to value. */
export type BenchState = Readonly<Record<string, unknown>>;

/** A node of a benchmark graph: reads the state, returns an update. */
export type BenchNode = (state: BenchState) => Record<string, unknown>;

/** The config every benchmark call passes: a thread, and for long loops a recursion limit. */
export interface BenchConfig {
  readonly configurable: { readonly thread_id: string };
  readonly recursionLimit?: number;
  readonly durability?: "sync" | "async" | "exit";
}

/** The part of a compiled graph the benchmarks call; replaygraph and LangGraph both have it. */
export interface BenchGraph {
  invoke(input: unknown, config: BenchConfig): Promise<BenchState>;
  getState(config: BenchConfig): Promise<{ readonly values: BenchState }>;
  getStateHistory(config: BenchConfig, options?: { readonly limit?: number }): AsyncIterable<unknown>;
}

/** The part of `StateGraph` the benchmark graphs use, with node names as plain strings. */
export interface LooseStateGraph {
  addNode(name: string, node: BenchNode): LooseStateGraph;
  addEdge(from: string | readonly string[], to: string): LooseStateGraph;
  addConditionalEdges(from: string, route: (state: BenchState) => string, targets: readonly string[]): LooseStateGraph;
  compile(options: { readonly checkpointer: unknown }): BenchGraph;
}

/** How a channel combines writes: `list` concatenates (a reducer with `[]` default), `value` keeps the last. */
export type ChannelKind = "list" | "value";

/**
 * One engine's graph-building API, reduced to what the benchmark graphs need, so each graph
 * shape is written once (graph-shapes.ts) and built identically on both engines.
 *
 * Both libraries' builders are typed with node-name generics that a loop over node names
 * cannot satisfy; each kit casts its builder to {@link LooseStateGraph} in one place.
 */
export interface GraphKit {
  readonly START: string;
  readonly END: string;
  /** A new `StateGraph` over `Annotation.Root` of these channels. */
  stateGraph(channels: Readonly<Record<string, ChannelKind>>): LooseStateGraph;
  /** The engine's `interrupt(value)`, called inside a node. */
  interrupt(value: unknown): unknown;
  /** `new Command({ resume: value })`. */
  resume(value: unknown): unknown;
}
