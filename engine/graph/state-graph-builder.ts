import type { AnnotationRoot, ChannelSpec, StateDefinition, StateOf, UpdateOf } from "./annotation.js";
import type { Command } from "./command.js";
import type { OverwriteValue } from "./overwrite.js";
import { END, START } from "./constants.js";
import type { BranchSpec, JoinSpec, NodeConfig, NodeSpec, RetryPolicy, RunnableLike, SubgraphNode } from "./graph-spec.js";
import { definitionOf, schemasOf, type ChannelArgument, type StateGraphOptions, type StateSchema, type ZodObjectSchema } from "./state-schema.js";
import type { StateValidation } from "../zod/zod-state-validation.js";
import { InvalidGraphError, ReservedNameError, UnknownNodeError } from "../errors/graph-errors.js";
import { cachePolicyOf, type CachePolicy } from "../cache/cache-nodes.js";

/** Options of {@link StateGraphBuilder.addNode} (LangGraph's, those that mean something here). */
export interface AddNodeOptions {
  /** Nodes this node may route to with `Command({ goto })`. */
  readonly ends?: readonly string[];
  readonly retryPolicy?: RetryPolicy;
  /** Run once, after every other branch has finished: a node triggered while others still run waits for them. */
  readonly defer?: boolean;
  /** The node's input schema: it receives only these keys (which join the graph's channels). */
  readonly input?: StateSchema<any>;
  /** Added to the node's `config.metadata`. */
  readonly metadata?: Record<string, unknown>;
  /** Subgraphs the node calls: a node function that invokes a compiled graph names it here, so the graph's `checkpoint_ns` under this node resolves (getState / getStateHistory of the subgraph), as LangGraph's. */
  readonly subgraphs?: readonly unknown[];
  /** Look the node's result up in `compile({ cache })` before running it (`true`: key by the whole input, no ttl); without a cache, unused as in LangGraph. */
  readonly cachePolicy?: CachePolicy | boolean;
}

/** What a node is: a function `(state, config) => update`, a compiled graph, or any LangChain Runnable. */
export type NodeAction<TState> = ((state: TState, config: NodeConfig) => unknown) | SubgraphNode | RunnableLike;

/**
 * What a node function may return, as LangGraph types it: an update of the state's keys (with
 * their types; other keys pass, as LangGraph's `UpdateType & Record<string, any>`), a Command, a
 * list of updates and Commands, or nothing; or a promise of one.
 */
export type NodeReturn<TDefinition extends StateDefinition> = NodeResultValue<TDefinition> | PromiseLike<NodeResultValue<TDefinition>>;
type NodeResultValue<TDefinition extends StateDefinition> =
  (NodeUpdate<TDefinition> & Record<string, any>) | Command<any, any> | readonly unknown[] | null | undefined | void;
/** An update a node returns: each key's update type, or an Overwrite of its value (LangGraph's `OverwriteValue<V> | U`). */
type NodeUpdate<TDefinition extends StateDefinition> = {
  [TKey in keyof TDefinition]?: UpdateOf<TDefinition>[TKey] | OverwriteValue<StateOf<TDefinition>[TKey]>;
};

/** One node of the list forms of `addNode` and `addSequence`: `[name, action, options?]`. */
export type NodeEntry<TState> = readonly [name: string, action: NodeAction<TState>, options?: AddNodeOptions];

/** Where a conditional edge may go: a node name, END, a Send, or a list of them. */
export type BranchPath<TState> = (state: TState, config: NodeConfig) => unknown;

/** The object form of `addConditionalEdges`. */
export interface ConditionalEdges<TState> {
  readonly source: string;
  readonly path: BranchPath<TState>;
  readonly pathMap?: Readonly<Record<string, string>> | readonly string[];
}

/** A node option LangGraph has whose meaning replaygraph does not give; refused rather than ignored. */
const unsupportedOptions: Readonly<Record<string, string>> = {
  timeout: "replaygraph does not time out single nodes; cancel the run with config.signal or the service's timeoutMs",
  errorHandler: "replaygraph has no per-node error handlers; catch inside the node, or use retryPolicy",
};

const forbiddenCharacters = /[/\\|:\u0000-\u001f\u007f]/;

/**
 * Collects a graph's nodes and edges. The public `StateGraph` adds `compile()`; this class is the
 * pure part, checked by `validateGraph`.
 */
export class StateGraphBuilder<TDefinition extends StateDefinition> {
  readonly channels: Map<string, ChannelSpec>;
  /** The keys of the state schema: what nodes receive unless their own input schema says otherwise. */
  readonly stateKeys: readonly string[];
  /** The keys of the input schema. */
  readonly inputKeys: readonly string[];
  /** The keys of the output schema. */
  readonly outputKeys: readonly string[];
  /** The checks of zod schemas (inputs, writes, context), when the graph was built with any. */
  readonly validation: StateValidation | undefined;
  readonly nodes = new Map<string, NodeSpec>();
  readonly edges: [string, string][] = [];
  readonly joins: JoinSpec[] = [];
  readonly branches: BranchSpec[] = [];

  constructor(
    init: { readonly state: StateSchema<TDefinition>; readonly input?: StateSchema<any>; readonly output?: StateSchema<any> },
    options?: StateGraphOptions,
  );
  constructor(
    init: { readonly stateSchema: StateSchema<TDefinition>; readonly input?: StateSchema<any>; readonly output?: StateSchema<any> },
    options?: StateGraphOptions,
  );
  constructor(init: { readonly input: StateSchema<TDefinition>; readonly output?: StateSchema<any> }, options?: StateGraphOptions);
  constructor(init: { readonly channels: Readonly<Record<string, ChannelArgument | null>> });
  constructor(state: StateSchema<TDefinition>, options?: StateGraphOptions | ZodObjectSchema | AnnotationRoot<any>);
  constructor(state: unknown, options?: StateGraphOptions | ZodObjectSchema | AnnotationRoot<any>) {
    const schemas = schemasOf(state, options);
    this.validation = schemas.validation;
    this.channels = new Map();
    for (const definition of [schemas.state, schemas.input, schemas.output]) this.#addChannels(definition);
    this.stateKeys = Object.keys(schemas.state);
    this.inputKeys = Object.keys(schemas.input);
    this.outputKeys = Object.keys(schemas.output);
  }

  /** LangGraph's name for the zod state schema (read by `replaygraph/zod/schema`); undefined for an Annotation state. */
  get _schemaRuntimeDefinition(): unknown {
    return this.validation?.schemas.state;
  }

  /** The zod input schema, or LangGraph's "state, every key optional" marker. */
  get _inputRuntimeDefinition(): unknown {
    return this.validation?.schemas.input;
  }

  /** The zod output schema (the state's when none was given). */
  get _outputRuntimeDefinition(): unknown {
    return this.validation?.schemas.output;
  }

  /** The zod context schema. */
  get _configRuntimeSchema(): unknown {
    return this.validation?.schemas.context;
  }

  #addChannels(definition: StateDefinition): void {
    for (const [key, channel] of Object.entries(definition)) {
      if (key.startsWith("__")) throw new ReservedNameError(key, "state keys starting with '__' are reserved for the engine");
      const known = this.channels.get(key);
      if (known === undefined) this.channels.set(key, channel);
      else if (channel.reducer !== undefined && channel.reducer !== known.reducer) {
        // As LangGraph: a schema may repeat a key as last-value, or with the very same reducer.
        throw new InvalidGraphError(
          `State key '${key}' is declared twice with different reducers. Declare its channel once and use that one in every schema (state, input, output, a node's input).`,
        );
      }
    }
  }

  /**
   * Adds a node: a function `(state, config) => update | Command | void` (sync or async), a
   * compiled graph used as a subgraph, or a LangChain Runnable (anything with `invoke(input, config)`).
   * Several at once: `addNode({ a: fnA, b: fnB })` or `addNode([["a", fnA], ["b", fnB, options]])`.
   */
  addNode(nodes: Readonly<Record<string, NodeAction<StateOf<TDefinition>>>> | readonly NodeEntry<StateOf<TDefinition>>[]): this;
  addNode(
    name: string,
    action: ((state: StateOf<TDefinition>, config: NodeConfig) => NodeReturn<TDefinition>) | SubgraphNode | RunnableLike,
    options?: AddNodeOptions,
  ): this;
  addNode(nameOrNodes: string | Readonly<Record<string, unknown>> | readonly NodeEntry<any>[], action?: unknown, options: AddNodeOptions = {}): this {
    if (typeof nameOrNodes !== "string") {
      const entries: readonly (readonly [string, unknown, AddNodeOptions?])[] = Array.isArray(nameOrNodes)
        ? (nameOrNodes as readonly NodeEntry<unknown>[])
        : Object.entries(nameOrNodes as Record<string, unknown>).map(([name, each]) => [name, each] as const);
      if (entries.length === 0)
        throw new InvalidGraphError(`addNode() was given no nodes; pass addNode(name, fn), addNode({ name: fn }) or addNode([[name, fn]]).`);
      for (const [name, each, eachOptions] of entries) this.#addOne(name, each, eachOptions ?? {});
      return this;
    }
    this.#addOne(nameOrNodes, action, options);
    return this;
  }

  #addOne(name: string, action: unknown, options: AddNodeOptions): void {
    if (typeof name !== "string" || name.length === 0) throw new InvalidGraphError(`A node name must be a non-empty string; got ${String(name)}.`);
    if (name === START || name === END) throw new ReservedNameError(name, "START and END are the graph's virtual entry and exit");
    if (name.startsWith("__")) throw new ReservedNameError(name, "node names starting with '__' are reserved for the engine");
    if (forbiddenCharacters.test(name)) throw new ReservedNameError(name, "node names cannot contain '/', '\\', '|', ':' or control characters");
    if (this.nodes.has(name)) throw new InvalidGraphError(`Node '${name}' is already in the graph. Node names must be unique.`);
    if (this.channels.has(name)) throw new ReservedNameError(name, `it is already a state key (a channel), so it cannot also name a node`);
    const isSubgraph = typeof action === "object" && action !== null && "graphSpec" in action;
    const isRunnable = typeof action === "object" && action !== null && typeof (action as { invoke?: unknown }).invoke === "function";
    if (typeof action !== "function" && !isSubgraph && !isRunnable) {
      throw new InvalidGraphError(
        `Node '${name}' must be a function (state, config) => update, a compiled graph, or a Runnable (with invoke(input, config)); got ${typeof action}.`,
      );
    }
    for (const option of Object.keys(options)) {
      const why = unsupportedOptions[option];
      if (why !== undefined && (options as Record<string, unknown>)[option] !== undefined) {
        throw new InvalidGraphError(`Node '${name}': the addNode option '${option}' is not supported: ${why}.`);
      }
    }
    let inputKeys: string[] | undefined;
    if (options.input !== undefined) {
      const definition = definitionOf(options.input);
      this.#addChannels(definition);
      inputKeys = Object.keys(definition);
    }
    this.nodes.set(name, {
      name,
      action: action as NodeSpec["action"],
      ends: [...(options.ends ?? [])],
      retryPolicy: options.retryPolicy,
      ...(options.defer ? { defer: true } : {}),
      ...(inputKeys ? { inputKeys } : {}),
      ...(options.metadata ? { metadata: { ...options.metadata } } : {}),
      ...(cachePolicyOf(options.cachePolicy) ? { cachePolicy: cachePolicyOf(options.cachePolicy)! } : {}),
      ...(options.subgraphs && options.subgraphs.length > 0 ? { subgraphs: [...options.subgraphs] } : {}),
    });
  }

  /** Adds nodes that run one after another: `addSequence([["a", fnA], ["b", fnB]])` or `addSequence({ a: fnA, b: fnB })`. */
  addSequence(nodes: Readonly<Record<string, NodeAction<StateOf<TDefinition>>>> | readonly NodeEntry<StateOf<TDefinition>>[]): this {
    const entries: readonly (readonly [string, unknown, AddNodeOptions?])[] = Array.isArray(nodes)
      ? (nodes as readonly NodeEntry<unknown>[])
      : Object.entries(nodes as Record<string, unknown>).map(([name, each]) => [name, each] as const);
    if (entries.length === 0) throw new InvalidGraphError(`addSequence() needs at least one node.`);
    let previous: string | undefined;
    for (const [name, action, options] of entries) {
      this.#addOne(name, action, options ?? {});
      if (previous !== undefined) this.addEdge(previous, name);
      previous = name;
    }
    return this;
  }

  /** The node the graph starts at: `addEdge(START, node)`. */
  setEntryPoint(node: string): this {
    return this.addEdge(START, node);
  }

  /** A node after which the graph ends: `addEdge(node, END)`. */
  setFinishPoint(node: string): this {
    return this.addEdge(node, END);
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
   * Also `addConditionalEdges({ source, path, pathMap })`.
   */
  addConditionalEdges(edges: ConditionalEdges<StateOf<TDefinition>>): this;
  addConditionalEdges(source: string, path: BranchPath<StateOf<TDefinition>>, pathMap?: Readonly<Record<string, string>> | readonly string[]): this;
  addConditionalEdges(
    sourceOrEdges: string | ConditionalEdges<StateOf<TDefinition>>,
    path?: BranchPath<StateOf<TDefinition>>,
    pathMap?: Readonly<Record<string, string>> | readonly string[],
  ): this {
    if (typeof sourceOrEdges === "object" && sourceOrEdges !== null) {
      return this.addConditionalEdges(sourceOrEdges.source, sourceOrEdges.path, sourceOrEdges.pathMap);
    }
    const source = sourceOrEdges;
    if (source === END) throw new InvalidGraphError(`END cannot be the source of a conditional edge.`);
    if (typeof path !== "function") throw new InvalidGraphError(`addConditionalEdges('${source}', path) needs a function as path.`);
    const map =
      pathMap === undefined ? undefined : Array.isArray(pathMap) ? Object.fromEntries(pathMap.map((n) => [n, n])) : { ...(pathMap as Record<string, string>) };
    this.branches.push({ source, path, pathMap: map });
    return this;
  }

  /** Throws {@link UnknownNodeError} unless `node` is a node (or an allowed virtual node). */
  assertNode(node: string, where: string, allow: readonly string[] = []): void {
    if (!this.nodes.has(node) && !allow.includes(node)) throw new UnknownNodeError(node, where, [...this.nodes.keys()]);
  }
}
