import { nanoid } from "nanoid";
import type { EventStore } from "../../store/event-store.js";
import type { BaseStore, StoreLike } from "../../store/long-term/base-store.js";
import { MemoryEventStore } from "../../store/memory/memory-event-store.js";
import { StaleCheckpointError, UnknownCheckpointError } from "../errors/resume-errors.js";
import { InvalidInputError, InvalidUpdateError, MissingCheckpointerError } from "../errors/run-errors.js";
import { RunCancelledError } from "../errors/service-errors.js";
import type { StateDefinition, StateOf, UpdateOf } from "../graph/annotation.js";
import type { Command } from "../graph/command.js";
import { END, INPUT, START } from "../graph/constants.js";
import type { GraphLimits, GraphSpec } from "../graph/graph-spec.js";
import { runSignalOf } from "./run-signal.js";
import { maxConcurrencyOf } from "./max-concurrency-of.js";
import { graphWithConfig } from "./graph-with-config.js";
import { clearNodeCache } from "../cache/cache-nodes.js";
import type { CacheLike } from "../cache/in-memory-cache.js";
import type { ForkedState, RunOptions, Writes } from "../thread/events.js";
import { checkpointIdOf, childThreadIdOf, isInputCheckpointId, revisionOfCheckpointId } from "../thread/ids.js";
import { snapshotOf, type CheckpointConfig, type StateSnapshot } from "../thread/state-snapshot.js";
import type { ReplayWarning } from "../thread/task-outcome.js";
import type { ThreadState } from "../thread/thread-state.js";
import { ActorRegistry } from "./actor-registry.js";
import { snapshotEveryOf } from "../snapshot/snapshot-spacing.js";
import { registerGraphRuntime } from "./graph-runtime.js";
import { rememberCheckpointerGraph } from "./checkpointer-graphs.js";
import { graphNodesOf, type GraphNode } from "./graph-nodes.js";
import type { Interrupt } from "./interrupt.js";
import { invokeOutputOf } from "./invoke-output.js";
import { parseRunInput } from "./parse-run-input.js";
import { recursionLimitOf, streamModesOf, threadIdOf, type RunConfig } from "./run-config.js";
import { runNested } from "./run-nested.js";
import { markSubgraphOutput } from "./subgraph-output.js";
import { headReplayBoundOf, replayBoundOf, subgraphReplayFor, subgraphReplayOf, takeReplayTarget } from "./subgraph-replay.js";
import { subgraphStartOf } from "./subgraph-fork.js";
import { updateSubgraphState } from "./subgraph-update.js";
import { markNamedGraph, rootRunNameOf } from "./root-run-name.js";
import { superstepUpdatesOf, type GivenUpdate } from "./superstep-updates.js";
import {
  markStatefulSubgraph,
  parentsByCheckpointOf,
  parentsOf,
  relabelled,
  resolveNamespace,
  subgraphSnapshot,
  withSubgraphStates,
} from "./subgraph-state.js";
import { namespaceElementOf, nestedScopeOf, statefulChildThreadIdOf, statefulNamespaceElementOf, type SubgraphScope } from "./subgraph-scope.js";
import type { PassedConfig } from "./node-config.js";
import type { RunSink, StreamMode } from "./run-sink.js";
import { runThread, type RunEnvironment, type RunStart } from "./run-thread.js";
import { currentTask } from "./task-context.js";
import { nestedParentOf } from "./nested-parent.js";
import { nestedSinkOf } from "./nested-sink.js";
import { forkOf, type Fork } from "../thread/forked-state.js";
import { historyOf, stateAt } from "./thread-history.js";
import { updateThreadState } from "./update-thread-state.js";
import { watchStoreWrites } from "./watched-store.js";
import { AsyncQueue } from "./async-queue.js";
import type { RunStream } from "./run-stream.js";
import { drawGraph, type DrawableGraph, type DrawOptions } from "../graph/drawable-graph.js";
import { langchainGraphClass } from "../graph/load-langchain-graph.js";
import type { StateGraphBuilder } from "../graph/state-graph-builder.js";
import { durabilityOf, type Durability } from "./durability.js";
import { streamCallbackHandlersOf } from "../streaming/stream-callback-handlers.js";
import { streamGraphEvents, type StreamEventsFilters, type StreamEventsOptions } from "../streaming/stream-events.js";
import type { StreamEvent } from "@langchain/core/tracers/log_stream";
import { startRunTracing, type RunTracing } from "../streaming/run-tracing.js";
import { runMetadataOf } from "../streaming/task-metadata.js";

/** Options of `compile()`. */
export interface CompileOptions {
  /** Where nodes with a `cachePolicy` look their results up before running (LangGraph's `cache`): an `InMemoryCache`. */
  readonly cache?: CacheLike;
  /**
   * Where threads live. Without one, every call runs on a throwaway thread and `interrupt()` refuses.
   * `true`, for a graph used as a subgraph (LangGraph's stateful subgraph): it keeps its own state
   * across the calls of its parent thread, in the parent's store, under the namespace of its node.
   */
  readonly checkpointer?: EventStore | boolean | undefined;
  /** Pause before these nodes run (`"*"`: every node). */
  readonly interruptBefore?: readonly string[] | "*";
  /** Pause after these nodes' step commits. */
  readonly interruptAfter?: readonly string[] | "*";
  /** The graph's name, recorded in each thread's first event. */
  readonly name?: string;
  /** Fail a task with `NonDeterminismError` when its interrupt() calls change between executions. */
  readonly strict?: boolean;
  /** Fail a task whose execution raised any replay warning (the warning is still recorded). */
  readonly warningsAsErrors?: boolean;
  /** Payload and history limits (see the README's Limits section). */
  readonly limits?: Partial<GraphLimits>;
  /**
   * Keep a snapshot of a thread's state beside its stream every this many events (at least), so a
   * cold load reads the latest snapshot and the events after it, not the whole stream. Default
   * 500; 0 keeps and reads no snapshots. Snapshots are a cache: deleting them changes only speed.
   */
  readonly snapshotEvery?: number;
  /**
   * A long-term memory store shared by every thread, given to nodes (and subgraphs) as
   * `config.store`: replaygraph's `InMemoryStore` or `SqliteStore`, or any store with LangGraph's
   * `BaseStore` methods (LangGraph's own `InMemoryStore` too).
   *
   * WARNING: store writes are side effects outside the thread's history, as in LangGraph: replay,
   * forks and rollbacks neither undo nor repeat them (`verify` runs nodes without a store unless
   * given one), and a node re-executed for a resume
   * repeats its store calls (writes made before its answered interrupt get an `io-before-interrupt`
   * warning; wrap them in `effect()` or make them idempotent).
   */
  readonly store?: StoreLike | undefined;
  /** Epoch milliseconds; inject for deterministic tests. */
  readonly clock?: () => number;
  /** Run ids; inject for deterministic tests. */
  readonly generateId?: () => string;
  /**
   * When runs' steps are appended (LangGraph's `durability`): `"sync"` (the default), `"async"`
   * or `"exit"`; a run's `durability` config replaces it. See {@link Durability}.
   */
  readonly durability?: Durability;
}

/** What `invoke()` returns: the state, plus `__interrupt__` when paused and `__warnings__` when warned. */
export type InvokeOutput<TState> = TState & { readonly __interrupt__?: readonly Interrupt[]; readonly __warnings__?: readonly ReplayWarning[] };

/** An input to `invoke()`/`stream()`: new state values, a Command, or null to continue. */
export type RunInputOf<TUpdate> = TUpdate | Command | null | undefined;

/**
 * A runnable graph. Each thread (`configurable.thread_id`) is an event stream in the checkpointer;
 * every superstep, interrupt and resume is appended to it, and the thread's state is what the
 * replay of its stream says.
 *
 * @example
 * const graph = new StateGraph(State).addNode("ask", ask).addEdge(START, "ask").compile({ checkpointer: new MemorySaver() });
 * const config = { configurable: { thread_id: "t1" } };
 * const paused = await graph.invoke({ question: "ship it?" }, config);  // paused.__interrupt__[0].value
 * const done = await graph.invoke(new Command({ resume: true }), config);
 */
export class CompiledStateGraph<TDefinition extends StateDefinition = StateDefinition> {
  readonly graphSpec: GraphSpec;
  readonly checkpointer: EventStore | undefined;
  /** The long-term memory store of `compile({ store })`, if any. */
  readonly store: StoreLike | undefined;
  /** `store` as nodes see it (see watched-store.ts). */
  readonly #watchedStore: BaseStore | undefined;
  readonly #registry: ActorRegistry;
  /** `compile({ checkpointer: true })`: as a subgraph, one thread per parent thread and node, kept across calls. */
  readonly #stateful: boolean;
  /**
   * LangGraph's `graph.stepTimeout`: after this many milliseconds a step's tasks see their
   * `config.signal` abort, and a task that then fails (as an abortable one does) fails the run.
   * WARNING: a node that ignores its signal runs on and its step completes; cancel the run with
   * `config.signal` or `timeout` to stop it regardless.
   */
  stepTimeout: number | undefined = undefined;
  readonly #now: () => number;
  readonly #newId: () => string;
  /** The StateGraph this graph was compiled from (LangGraph's `graph.builder`). */
  readonly builder: StateGraphBuilder<TDefinition> | undefined;
  readonly #durability: Durability | undefined;

  constructor(graphSpec: GraphSpec, options: CompileOptions = {}, builder?: StateGraphBuilder<TDefinition>) {
    this.graphSpec = graphSpec;
    this.builder = builder;
    this.checkpointer = typeof options.checkpointer === "object" ? options.checkpointer : undefined;
    if (this.checkpointer) rememberCheckpointerGraph(this.checkpointer, graphSpec);
    this.#stateful = options.checkpointer === true;
    if (this.#stateful) markStatefulSubgraph(graphSpec);
    if (options.name !== undefined) markNamedGraph(graphSpec);
    this.store = options.store;
    this.#watchedStore = options.store === undefined ? undefined : watchStoreWrites(options.store);
    this.#registry = new ActorRegistry(graphSpec, undefined, snapshotEveryOf(options.snapshotEvery));
    this.#now = options.clock ?? Date.now;
    this.#newId = options.generateId ?? (() => nanoid());
    this.#durability = durabilityOf(options.durability, "compile()'s");
    registerGraphRuntime(this, {
      spec: graphSpec,
      registry: this.#registry,
      now: this.#now,
      newId: this.#newId,
      longTermStore: this.#watchedStore,
      durability: this.#durability,
    });
  }

  /** The graph's nodes by name, each callable on its own: `graph.nodes.one.invoke(state)` (see graph-nodes.ts). */
  get nodes(): Readonly<Record<string, GraphNode>> {
    return graphNodesOf(this.graphSpec);
  }

  /**
   * The same graph (nodes, edges, breakpoints, name) on another store, with this graph's clock
   * and id generator unless `options` replaces them. This graph is left as it is.
   *
   * @example
   * const audited = graph.withCheckpointer(new SqliteEventStore("./copy-of-production.db"));
   */
  withCheckpointer(checkpointer: EventStore, options: Pick<CompileOptions, "clock" | "generateId"> = {}): CompiledStateGraph<TDefinition> {
    return new CompiledStateGraph<TDefinition>(
      this.graphSpec,
      {
        checkpointer,
        store: this.store,
        clock: options.clock ?? this.#now,
        generateId: options.generateId ?? this.#newId,
        snapshotEvery: this.#registry.snapshotEvery,
        ...(this.#durability !== undefined ? { durability: this.#durability } : {}),
      },
      this.builder,
    );
  }

  /** Runs the graph on a thread until it ends or pauses, and returns the state. */
  async invoke(input: RunInputOf<UpdateOf<TDefinition>>, config?: RunConfig): Promise<InvokeOutput<StateOf<TDefinition>>> {
    const nested = nestedParentOf(config);
    if (nested) return markSubgraphOutput(await this.#runNested(input, config)) as InvokeOutput<StateOf<TDefinition>>;
    const { state, warnings } = await this.#execute(input, config, undefined);
    return invokeOutputOf(this.graphSpec, state, warnings) as InvokeOutput<StateOf<TDefinition>>;
  }

  /**
   * Runs the graph and yields chunks as it goes, as LangGraph's StateGraph does: `updates` (each
   * node's writes; the default), `values` (the state after each step that wrote something),
   * `custom` (what nodes send through `config.writer`), `checkpoints` (each checkpoint as it is
   * made), `tasks` (each task as it starts and ends), `debug` (checkpoints and tasks as
   * `{ step, type, timestamp, payload }`), `messages` (`[messageChunk, metadata]`: each token of
   * the chat models nodes call, through LangChain callbacks, and the messages nodes return; needs
   * `@langchain/core`). With several modes, chunks are `[mode, chunk]`.
   * Interrupts arrive as `{ __interrupt__: [...] }` in `updates` and `values`.
   */
  async stream(input: RunInputOf<UpdateOf<TDefinition>>, config?: RunConfig): Promise<RunStream> {
    const nested = nestedParentOf(config);
    // As LangGraph: a graph streamed inside a node streams `values` unless asked otherwise.
    const { modes, tuples } = streamModesOf(config, nested ? "values" : "updates");
    // As LangGraph's stream: cancel(), or leaving a `for await` early, aborts the run (its
    // committed steps are kept, a running task sees its signal abort).
    const cancelled = new AbortController();
    const queue = new AsyncQueue<unknown>((reason) => cancelled.abort(reason));
    config = { ...config, signal: config?.signal ? AbortSignal.any([config.signal, cancelled.signal]) : cancelled.signal };
    const subgraphs = config?.subgraphs === true;
    const push = (namespace: readonly string[], mode: StreamMode, chunk: unknown): void => {
      if (!modes.includes(mode)) return;
      if (subgraphs) queue.push(tuples ? [namespace, mode, chunk] : [namespace, chunk]);
      else queue.push(tuples ? [mode, chunk] : chunk);
    };
    const sinkAt = (namespace: readonly string[]): RunSink => ({ wants: (mode) => modes.includes(mode), emit: (mode, chunk) => push(namespace, mode, chunk) });
    if (nested) {
      // A subgraph streamed from inside a node: its chunks as they come, its pause thrown to the node.
      this.#runNested(input, config, sinkAt([])).then(
        () => queue.close(),
        (error: unknown) => queue.fail(error),
      );
      return queue;
    }
    const sink = sinkAt([]);
    // Tokens and tool runs reach the stream through LangChain callbacks, as in LangGraph (see stream-callback-handlers.ts).
    const handlers = streamCallbackHandlersOf(modes, (namespace, mode, chunk) => {
      // A subgraph's tool runs only with subgraphs: true, as LangGraph's.
      if (namespace.length === 0 || subgraphs) push(namespace, mode, chunk);
    });
    const given = config.signal;
    this.#execute(input, config, sink, subgraphs ? sinkAt : undefined, handlers).then(
      () => queue.close(),
      (error: unknown) => queue.fail(abortReasonFor(error, given)),
    );
    return queue;
  }

  /**
   * LangChain's event stream of a run, as LangGraph's `streamEvents`: `on_chain_start`,
   * `on_chain_stream` and `on_chain_end` for the graph and each task, and the events of the chat
   * models and tools the nodes call (`on_chat_model_stream` per token). `@langchain/core` must be
   * installed.
   *
   * @example
   * for await (const event of graph.streamEvents({ messages: [question] }, { version: "v2", configurable: { thread_id: "t1" } })) {
   *   if (event.event === "on_chat_model_stream") process.stdout.write(String(event.data.chunk.content));
   * }
   */
  streamEvents(input: RunInputOf<UpdateOf<TDefinition>>, options: StreamEventsOptions, filters?: StreamEventsFilters): AsyncIterable<StreamEvent> {
    return streamGraphEvents(this as never, input, options, filters);
  }

  /**
   * The thread's current state, or its state at `configurable.checkpoint_id`; a subgraph's, when
   * `configurable.checkpoint_ns` names one (as a task's `state` does). A task of a subgraph node
   * has `state`: the config naming the subgraph's state, or with `{ subgraphs: true }` that state.
   */
  async getState(config: RunConfig, options: { subgraphs?: boolean } = {}): Promise<StateSnapshot<StateOf<TDefinition>>> {
    const store = this.#store("getState()");
    const threadId = threadIdOf(config, "getState()");
    const checkpointNs = config.configurable?.checkpoint_ns;
    if (checkpointNs)
      return (await this.#subgraphState(store, threadId, checkpointNs, config, options.subgraphs === true)) as StateSnapshot<StateOf<TDefinition>>;
    const checkpointId = config.configurable?.checkpoint_id;
    if (checkpointId !== undefined) {
      const found = (await historyOf(this.graphSpec, store, threadId)).find((s) => s.config.configurable.checkpoint_id === checkpointId);
      if (!found) throw new UnknownCheckpointError(checkpointId, threadId);
      return (await withSubgraphStates(this.graphSpec, found, threadId, threadId, [], store, false)) as StateSnapshot<StateOf<TDefinition>>;
    }
    const actor = this.#registry.actorFor(store, threadId);
    if (!actor.busy) await actor.catchUp();
    if (actor.state.revision === -1) return missingThreadSnapshot(config) as StateSnapshot<StateOf<TDefinition>>;
    const snapshot = snapshotOf(this.graphSpec, actor.state, true);
    return (await withSubgraphStates(this.graphSpec, snapshot, threadId, threadId, [], store, options.subgraphs === true)) as StateSnapshot<
      StateOf<TDefinition>
    >;
  }

  /** The state of the subgraph `checkpointNs` names (its current state, or a checkpoint of its history). */
  async #subgraphState(store: EventStore, threadId: string, checkpointNs: string, config: RunConfig, deep: boolean): Promise<StateSnapshot> {
    const resolved = resolveNamespace(this.graphSpec, threadId, checkpointNs);
    if (!resolved) throw new UnknownCheckpointError(config.configurable?.checkpoint_id ?? checkpointNs, `${threadId} (checkpoint_ns '${checkpointNs}')`);
    const parents = await parentsOf(resolved, store, await this.#headCheckpointId(store, threadId));
    const checkpointId = config.configurable?.checkpoint_id;
    if (checkpointId !== undefined) {
      const history = await historyOf(resolved.graph.graphSpec, store, resolved.threadId);
      const found = history.find((s) => s.config.configurable.checkpoint_id === checkpointId);
      if (!found) throw new UnknownCheckpointError(checkpointId, `${threadId} (checkpoint_ns '${checkpointNs}')`);
      const parentsAt = await parentsByCheckpointOf(resolved, store, threadId);
      return relabelled(found, threadId, resolved.namespace, parentsAt(checkpointId) ?? parents);
    }
    const snapshot = await subgraphSnapshot(resolved.graph, store, resolved.threadId, threadId, resolved.namespace, deep, parents);
    return snapshot ?? missingThreadSnapshot(config);
  }

  /** The id of a thread's current checkpoint, if it has one. */
  async #headCheckpointId(store: EventStore, threadId: string): Promise<string | undefined> {
    const actor = this.#registry.actorFor(store, threadId);
    if (!actor.busy) await actor.catchUp();
    return actor.state.revision === -1 ? undefined : snapshotOf(this.graphSpec, actor.state, true).config.configurable.checkpoint_id;
  }

  /** Every checkpoint of the thread, newest first, rebuilt by replaying its stream (with `limit`, from its latest snapshots when they hold enough). */
  async *getStateHistory(
    config: RunConfig,
    options: { limit?: number; before?: RunConfig; filter?: Readonly<Record<string, unknown>> } = {},
  ): AsyncIterableIterator<StateSnapshot<StateOf<TDefinition>>> {
    const store = this.#store("getStateHistory()");
    const threadId = threadIdOf(config, "getStateHistory()");
    const checkpointNs = config.configurable?.checkpoint_ns;
    if (checkpointNs) {
      // A subgraph's history (a task's `state` names it): its checkpoints, under the thread the caller addressed.
      const resolved = resolveNamespace(this.graphSpec, threadId, checkpointNs);
      if (!resolved) return;
      const parents = await parentsOf(resolved, store, await this.#headCheckpointId(store, threadId));
      const own = await historyOf(resolved.graph.graphSpec, store, resolved.threadId, {
        limit: options.limit,
        before: options.before?.configurable?.checkpoint_id,
        filter: options.filter,
      });
      const parentsAt = await parentsByCheckpointOf(resolved, store, threadId);
      for (const snapshot of own) {
        const labelled = relabelled(snapshot, threadId, resolved.namespace, parentsAt(snapshot.config.configurable.checkpoint_id) ?? parents);
        // Its subgraph tasks name their own subgraphs' states, as a task at the root does.
        yield (await withSubgraphStates(
          resolved.graph.graphSpec,
          labelled,
          resolved.threadId,
          threadId,
          resolved.namespace,
          store,
          false,
          parents,
        )) as StateSnapshot<StateOf<TDefinition>>;
      }
      return;
    }
    const snapshots = await historyOf(this.graphSpec, store, threadId, {
      limit: options.limit,
      before: options.before?.configurable?.checkpoint_id,
      filter: options.filter,
      snapshots: this.#registry.snapshotEvery > 0,
    });
    for (const snapshot of snapshots)
      yield (await withSubgraphStates(this.graphSpec, snapshot, threadId, threadId, [], store, false)) as StateSnapshot<StateOf<TDefinition>>;
  }

  /**
   * Writes `values` into the thread as if node `asNode` had returned them (its edges then decide
   * what runs next; `END` clears what was pending), or as a plain edit that keeps what runs next.
   * With a past `checkpoint_id`, forks from there. Returns the new checkpoint's config.
   */
  async updateState(config: RunConfig, values: UpdateOf<TDefinition> | null, asNode?: string): Promise<CheckpointConfig> {
    const store = this.#store("updateState()");
    const threadId = threadIdOf(config, "updateState()");
    if (typeof (values ?? {}) !== "object" || Array.isArray(values))
      throw new InvalidInputError(`updateState() takes an object of state values or null; got ${typeof values}.`);
    // A subgraph's config (getState of a subgraph): the update goes to the subgraph's own state.
    if (config.configurable?.checkpoint_ns) return updateSubgraphState(this.graphSpec, store, threadId, config, values as Writes | null, asNode);
    return this.#update(store, threadId, config, [{ values, asNode }]);
  }

  /** One superstep of updates, one checkpoint: `"__input__"` makes an input checkpoint, START routes by its edges. */
  async #update(store: EventStore, threadId: string, config: RunConfig, updates: readonly GivenUpdate[]): Promise<CheckpointConfig> {
    const [first, ...alongside] = superstepUpdatesOf(this.graphSpec, updates);
    const actor = this.#registry.actorFor(store, threadId);
    return updateThreadState(actor, {
      writes: first!.writes,
      ...(first!.asNode !== undefined ? { asNode: first!.asNode } : {}),
      ...(first!.goto.length > 0 ? { goto: first!.goto } : {}),
      ...(alongside.length > 0 ? { alongside: alongside.map((update) => ({ writes: update.writes, asNode: update.asNode!, goto: update.goto })) } : {}),
      checkpointId: config.configurable?.checkpoint_id,
      config,
      now: this.#now,
    });
  }

  /**
   * LangGraph's `bulkUpdateState`: supersteps of updates (`{ values, asNode }`, `asNode` may be
   * `"__input__"`, `"__copy__"` or END), each applied to the checkpoint the one before made, the
   * first to `config`'s; a superstep of several updates is one checkpoint, as in LangGraph.
   * Returns the last checkpoint's config.
   */
  async bulkUpdateState(
    config: RunConfig,
    supersteps: readonly { readonly updates: readonly { readonly values: UpdateOf<TDefinition> | null | undefined; readonly asNode?: string }[] }[],
  ): Promise<CheckpointConfig> {
    if (supersteps.length === 0)
      throw new InvalidUpdateError("No supersteps provided: bulkUpdateState() needs at least one; pass [{ updates: [{ values, asNode }] }].");
    if (supersteps.some((superstep) => superstep.updates.length === 0)) {
      throw new InvalidUpdateError("No updates provided in a superstep of bulkUpdateState(): give each superstep at least one { values, asNode }.");
    }
    let current: RunConfig = config;
    for (const { updates } of supersteps) {
      const at: RunConfig = { ...current, configurable: { ...config.configurable, ...current.configurable } };
      if (updates.length === 1 || at.configurable?.checkpoint_ns) {
        for (const { values, asNode } of updates)
          current = await this.updateState({ ...current, configurable: { ...config.configurable, ...current.configurable } }, values ?? null, asNode);
      } else {
        current = await this.#update(this.#store("bulkUpdateState()"), threadIdOf(at, "bulkUpdateState()"), at, updates);
      }
    }
    return current as CheckpointConfig;
  }

  /**
   * The graph as LangChain's `Graph` (from `@langchain/core`, an optional peer dependency), drawn
   * as LangGraph draws it: `getGraph().drawMermaid()` prints the diagram. With `xray`, compiled
   * subgraphs used as nodes are drawn with their own nodes.
   *
   * @example
   * console.log(graph.getGraph().drawMermaid());
   */
  getGraph(options: DrawOptions = {}): DrawableGraph {
    const Graph = langchainGraphClass("getGraph()");
    return drawGraph(this.graphSpec, () => new Graph(), options);
  }

  /** {@link getGraph} as a promise, LangGraph's preferred form (the drawing is the same). */
  async getGraphAsync(options: DrawOptions = {}): Promise<DrawableGraph> {
    const Graph = langchainGraphClass("getGraphAsync()");
    return drawGraph(this.graphSpec, () => new Graph(), options);
  }

  /** Runs the graph once per input, concurrently (one config for all, or one per input), and returns the outputs in order. */
  async batch(inputs: readonly RunInputOf<UpdateOf<TDefinition>>[], config?: RunConfig | readonly RunConfig[]): Promise<InvokeOutput<StateOf<TDefinition>>[]> {
    return Promise.all(inputs.map((input, index) => this.invoke(input, Array.isArray(config) ? config[index] : (config as RunConfig | undefined))));
  }

  /** Empties the cache entries of this graph's nodes (those with a `cachePolicy`) in `compile({ cache })`. */
  async clearCache(): Promise<void> {
    await clearNodeCache(this.graphSpec);
  }

  /** This graph with `config` under every call's config (LangGraph's `withConfig`): see graph-with-config.ts. */
  withConfig(config: RunConfig): this {
    return graphWithConfig(this, config);
  }

  async #execute(
    input: unknown,
    config: RunConfig | undefined,
    sink: RunSink | undefined,
    subgraphSinks?: (namespace: readonly string[]) => RunSink,
    handlers: readonly unknown[] = [],
  ): Promise<{ state: ThreadState; warnings: readonly ReplayWarning[] }> {
    const durable = this.checkpointer !== undefined;
    // A subgraph's checkpoint (getState of a subgraph): the root runs from its checkpoint_map[""], the subgraph from the named one.
    const travel = durable ? subgraphReplayOf(config, (ns) => resolveNamespace(this.graphSpec, threadIdOf(config, "invoke()"), ns)?.threadId) : undefined;
    if (travel) config = travel.rootConfig;
    const store = this.checkpointer ?? new MemoryEventStore();
    const threadId = durable ? threadIdOf(config, "invoke()") : this.#newId();
    const runId = this.#newId();
    const runInput = parseRunInput(this.graphSpec, input, runId);
    // As LangGraph: a zod context schema checks `context`, or `configurable` when no context is given.
    this.graphSpec.validation?.context(config?.context !== undefined ? config.context : (config?.configurable ?? {}));
    const actor = this.#registry.actorFor(store, threadId);
    const travelled = durable ? await this.#forkFor(store, threadId, config, runInput) : undefined;
    const fork = travelled?.fork;
    const start: RunStart = {
      type: "StartRun",
      runId,
      graphName: this.graphSpec.name,
      input: runInput,
      options: this.#runOptions(config),
      ...(fork ? { fork } : {}),
    };
    // As LangGraph's writer: nested graphs' custom chunks reach this run's stream (if it streams them).
    const custom = (namespace: readonly string[], chunk: unknown) => (subgraphSinks?.(namespace) ?? sink)?.emit("custom", chunk);
    const scope: SubgraphScope = { rootThreadId: threadId, namespace: [], sinkFor: subgraphSinks, custom, ...subgraphReplayFor(travel, travelled?.bound) };
    const environment = this.#environment(durable, config, sink);
    const tracing = await startRunTracing({
      callbacks: config?.callbacks,
      handlers,
      tags: config?.tags,
      metadata: environment.metadata,
      root: { runId: config?.runId, name: rootRunNameOf(this.graphSpec, config?.runName), input },
    });
    const result = await this.#traced(tracing, () => runThread(actor, start, { ...environment, scope, tracing }));
    for (const warning of result.warnings) config?.onWarning?.(warning);
    if (result.cancelled) throw new RunCancelledError(start.runId, result.cancelled.action);
    return result;
  }

  /** Runs a thread's run inside its tracing (if any): the graph's run ends with the output, or fails with the error. */
  async #traced<T extends { state: ThreadState; warnings: readonly ReplayWarning[] }>(tracing: RunTracing | undefined, work: () => Promise<T>): Promise<T> {
    if (!tracing) return work();
    let result: T;
    try {
      result = await work();
    } catch (error) {
      await tracing.fail(error);
      throw error;
    }
    await tracing.end(invokeOutputOf(this.graphSpec, result.state, result.warnings));
    return result;
  }

  /**
   * The fork a run addressed to a past checkpoint starts with, and the root checkpoint its stateful
   * subgraphs go back to (`bound`, see replayBoundOf), when the run travels back in time.
   */
  async #forkFor(
    store: EventStore,
    threadId: string,
    config: RunConfig | undefined,
    input: RunStart["input"],
  ): Promise<{ fork?: Fork; bound?: number } | undefined> {
    const checkpointId = config?.configurable?.checkpoint_id;
    if (checkpointId === undefined) return undefined;
    const revision = revisionOfCheckpointId(threadId, checkpointId);
    if (revision === undefined) throw new UnknownCheckpointError(checkpointId, threadId);
    const actor = this.#registry.actorFor(store, threadId);
    if (!actor.busy) await actor.catchUp();
    const head = actor.state.checkpoint?.revision;
    if (head === revision && !isInputCheckpointId(threadId, checkpointId)) return headReplayBoundOf(actor.state.checkpoint);
    if (input.kind === "command" && input.resume) throw new StaleCheckpointError(checkpointId, head === undefined ? undefined : checkpointIdOf(threadId, head));
    const past = await stateAt(this.graphSpec, store, threadId, revision);
    if (!past || past.checkpoint?.revision !== revision) throw new UnknownCheckpointError(checkpointId, threadId);
    const bound = replayBoundOf(past.checkpoint);
    return { fork: forkOf(past), ...(bound !== undefined ? { bound } : {}) };
  }

  #runOptions(config: RunConfig | undefined): RunOptions {
    return {
      recursionLimit: recursionLimitOf(config),
      interruptBefore: config?.interruptBefore ?? this.graphSpec.interruptBefore,
      interruptAfter: config?.interruptAfter ?? this.graphSpec.interruptAfter,
      strict: config?.strict ?? this.graphSpec.strict,
      warningsAsErrors: config?.warningsAsErrors ?? this.graphSpec.warningsAsErrors,
    };
  }

  #environment(durable: boolean, config: RunConfig | undefined, sink: RunSink | undefined): RunEnvironment {
    const { thread_id: _thread, checkpoint_id: _checkpoint, checkpoint_ns: _ns, ...configurable } = config?.configurable ?? {};
    return {
      durable,
      durability: durabilityOf(config?.durability, "The run config's") ?? this.#durability,
      configurable,
      metadata: runMetadataOf(config?.metadata, config?.configurable),
      signal: runSignalOf(config),
      maxConcurrency: maxConcurrencyOf(config),
      ...(this.stepTimeout !== undefined ? { stepTimeoutMs: this.stepTimeout } : {}),
      now: this.#now,
      sink,
      observeSideEffects: config?.observeSideEffects,
      longTermStore: this.#longTermStoreFor(config),
      context: config?.context,
      passed: passedConfigOf(config),
    };
  }

  /** The run's store, as nodes see it: the config's, else the compiled one. */
  #longTermStoreFor(config: RunConfig | undefined): BaseStore | undefined {
    return config?.store !== undefined ? watchStoreWrites(config.store) : this.#watchedStore;
  }

  async #runNested(input: unknown, config: RunConfig | undefined, sink?: RunSink): Promise<Writes> {
    const parent = currentTask()!;
    const callIndex = parent.subgraphCalls++;
    const stateful = this.#stateful;
    const namespace = [
      ...(parent.scope?.namespace ?? []),
      stateful ? statefulNamespaceElementOf(parent.node, callIndex) : namespaceElementOf(parent.node, parent.taskId, callIndex),
    ];
    const scope = nestedScopeOf(parent.scope, parent.threadId, namespace);
    const replay = scope.replay;
    const threadId = stateful
      ? statefulChildThreadIdOf(parent.threadId, parent.node, callIndex)
      : childThreadIdOf(parent.threadId, parent.node, parent.taskId, callIndex);
    if (parent.replayNested) return parent.replayNested(this.graphSpec, threadId);
    const actor = this.#registry.actorFor(parent.store, threadId);
    const options: RunOptions = {
      recursionLimit: recursionLimitOf(config),
      // A subgraph's own breakpoints pause it, and through it every graph above it (LangGraph's rule).
      interruptBefore: this.graphSpec.interruptBefore,
      interruptAfter: this.graphSpec.interruptAfter,
      strict: config?.strict ?? parent.strict,
      warningsAsErrors: config?.warningsAsErrors ?? parent.warningsAsErrors,
    };
    const environment = {
      ...this.#environment(parent.durable, config, undefined),
      durable: parent.durable,
      observeSideEffects: parent.observeSideEffects,
      // As in LangGraph, a subgraph uses the store and context of the run that calls it, unless its config names others.
      longTermStore: config?.store !== undefined ? watchStoreWrites(config.store) : (parent.longTermStore ?? this.#watchedStore),
      context: config?.context !== undefined ? config.context : parent.context,
      // Its chunks go to the node that streams it, else (subgraphs: true) to the caller's stream.
      sink: nestedSinkOf(sink ?? scope.sinkFor?.(namespace), scope.custom, namespace),
      scope,
    };
    const runId = this.#newId();
    // A stateful subgraph called by a task's first execution takes the input as a new run on its kept state.
    const freshCall = stateful && parent.raised.length === 0 && Object.keys(parent.childAnswers).length === 0;
    const from = takeReplayTarget(replay, namespace);
    // A stateless subgraph runs on its task's thread: only a checkpoint a config names takes it back.
    const travelled =
      from === undefined || (!stateful && !("checkpointId" in from)) ? undefined : await subgraphStartOf(this.graphSpec, parent.store, actor, from);
    // A graph called inside a task reports its tasks under the caller's callbacks (the calling task's run), as LangGraph's subgraphs do.
    const tracing = await startRunTracing({ callbacks: config?.callbacks, handlers: [], tags: config?.tags, metadata: environment.metadata });
    const start = travelled ?? { fresh: freshCall };
    return runNested(
      actor,
      parent,
      parseRunInput(this.graphSpec, input, runId),
      options,
      { ...environment, tracing },
      runId,
      this.graphSpec.name,
      start.fresh,
      start.fork,
    );
  }

  #store(call: string): EventStore {
    if (!this.checkpointer) throw new MissingCheckpointerError(call);
    return this.checkpointer;
  }
}

/**
 * What `getState` shows of a thread that has no events, as LangGraph shows it: no values (not the
 * channels' defaults), nothing next, and the caller's own config back.
 */
function missingThreadSnapshot(config: RunConfig): StateSnapshot {
  // The caller's config as given, like LangGraph's (it has no checkpoint, hence no checkpoint_ns or id).
  const given = { ...config, configurable: { ...config.configurable } } as unknown as CheckpointConfig;
  return { values: {}, next: [], tasks: [], config: given, metadata: undefined, createdAt: undefined, parentConfig: undefined };
}

/** The parts of a run config nodes get as they are (LangChain components read them). */
function passedConfigOf(config: RunConfig | undefined): PassedConfig | undefined {
  const { callbacks, tags } = config ?? {};
  if (callbacks === undefined && tags === undefined) return undefined;
  // A copy: nodes get a mutable list, as LangChain types it, and cannot change the caller's.
  return { ...(callbacks !== undefined ? { callbacks } : {}), ...(tags !== undefined ? { tags: [...tags] } : {}) };
}

/**
 * The error a stream ends with when its run was cancelled by the caller's signal: the signal's
 * reason when it is an Error (the `AbortError` of a bare `abort()`), as LangGraph's stream does;
 * LangChain's `streamEvents` and piped runnables recognise a cancel they asked for by that
 * identity. Otherwise (a timeout, another run's `interrupt`) the run's own `RunCancelledError`.
 */
function abortReasonFor(error: unknown, signal: AbortSignal | undefined): unknown {
  if (!(error instanceof RunCancelledError) || !signal?.aborted) return error;
  return signal.reason instanceof Error && signal.reason.name !== "TimeoutError" ? signal.reason : error;
}
