import type { EventStore } from "../../store/event-store.js";
import { markEntrypointGraph } from "../runtime/entrypoint-graphs.js";
import type { StoreLike } from "../../store/long-term/base-store.js";
import type { CacheLike } from "../cache/in-memory-cache.js";
import { taskCacheNamespaceOf } from "../cache/cache-nodes.js";
import { GeneratorNotAllowedError } from "../errors/func-errors.js";
import { Annotation } from "../graph/annotation.js";
import { isCommand } from "../graph/command.js";
import { END, INTERRUPT, START, WARNINGS } from "../graph/constants.js";
import type { GraphSpec, NodeConfig } from "../graph/graph-spec.js";
import type { CompiledStateGraph, CompileOptions } from "../runtime/compiled-state-graph.js";
import { GraphInterrupt, isGraphInterrupt } from "../runtime/interrupt.js";
import type { RunConfig } from "../runtime/run-config.js";
import type { StreamMode } from "../runtime/run-sink.js";
import { StateGraph } from "../runtime/state-graph.js";
import { nestedParentOf } from "../runtime/nested-parent.js";
import { currentTask } from "../runtime/task-context.js";
import type { RaisedInterrupt, Writes } from "../thread/events.js";
import type { CheckpointConfig, StateSnapshot } from "../thread/state-snapshot.js";
import { settleTaskCalls } from "./call-task.js";
import { entrypointChannels, entrypointChunkOf, TaskReport, taskReportsKey } from "./entrypoint-chunks.js";
import { entrypointFinal, isEntrypointFinal, type EntrypointFinal } from "./entrypoint-final.js";
import { isGeneratorFunction } from "./is-generator-function.js";
import { scopeOf } from "./task-scope.js";

/** Options of {@link entrypoint}. */
export interface EntrypointOptions {
  /** The entrypoint's name: its node's name, and the name recorded in each thread. */
  readonly name: string;
  /** Where threads live. Without one, `interrupt()` refuses and nothing is journaled. */
  readonly checkpointer?: EventStore | undefined;
  /** A long-term memory store (LangGraph's `BaseStore`), handed to the function as `config.store` (as `compile({ store })` does). It is the caller's object: replaygraph does not journal it. */
  readonly store?: StoreLike;
  /** Where `task()` calls with a `cachePolicy` look their results up (LangGraph's `cache`): an `InMemoryCache`. */
  readonly cache?: CacheLike;
  /** Compile options of the underlying graph (clock, ids, snapshots, strictness, limits). */
  readonly compile?: Omit<CompileOptions, "checkpointer" | "name">;
}

/** The config an entrypoint's function receives: a node's (its `store` is the entrypoint's). */
export type EntrypointConfig = NodeConfig;

/** What an entrypoint's `invoke()` returns: the function's value, or the pending interrupts. */
export type EntrypointOutput<TOutput> = TOutput | { readonly __interrupt__: readonly { readonly id: string; readonly value: unknown }[] };

/**
 * A workflow of LangGraph's functional API, on replaygraph's engine: a graph of one node (named
 * after the entrypoint) that runs the function, so every run, interrupt, resume and task call is
 * an event in the thread's stream, and durability, replay, `verify`, `history` and the stores all
 * apply (pass `graph`, or the entrypoint itself, where a compiled graph is asked for).
 */
export class Entrypoint<TInput, TOutput> {
  readonly name: string;
  /** The underlying one-node graph (channels `input`, `output`, `previous`). */
  readonly graph: CompiledStateGraph;

  constructor(name: string, graph: CompiledStateGraph) {
    this.name = name;
    this.graph = graph;
  }

  get graphSpec(): GraphSpec {
    return this.graph.graphSpec;
  }

  get checkpointer(): EventStore | undefined {
    return this.graph.checkpointer;
  }

  /** Empties the cache entries of this entrypoint's tasks in its `cache` (LangGraph's `clearCache()`). */
  async clearCache(): Promise<void> {
    const entry = entrypointCaches.get(this as Entrypoint<unknown, unknown>);
    if (entry !== undefined) await entry.cache.clear([taskCacheNamespaceOf(entry.name)]);
  }

  /** The same entrypoint on another store (see `CompiledStateGraph.withCheckpointer`). */
  withCheckpointer(checkpointer: EventStore, options: Pick<CompileOptions, "clock" | "generateId"> = {}): Entrypoint<TInput, TOutput> {
    return new Entrypoint(this.name, this.graph.withCheckpointer(checkpointer, options));
  }

  /**
   * Runs the function on a thread until it returns or pauses: its value, or `{ __interrupt__ }`.
   * `new Command({ resume })` answers a pause: the function runs again from its start, finished
   * task calls return their records, and the interrupted call gets the answer.
   */
  async invoke(input: TInput | unknown, config?: RunConfig): Promise<EntrypointOutput<Awaited<TOutput>>> {
    const output = (await this.graph.invoke(this.#input(input), config)) as Record<string, unknown>;
    if (output[INTERRUPT] !== undefined) {
      return { [INTERRUPT]: output[INTERRUPT], ...(output[WARNINGS] !== undefined ? { [WARNINGS]: output[WARNINGS] } : {}) } as EntrypointOutput<
        Awaited<TOutput>
      >;
    }
    return output[entrypointChannels.output] as Awaited<TOutput>;
  }

  /**
   * Runs the function and yields chunks as LangGraph's entrypoints do; the default mode is
   * `updates`: `{ <task>: result }` as each task call finishes, then `{ <entrypoint>: value }`
   * (inside a node, `values`: what the function returned). Inside a node its custom chunks go to
   * the stream of the run the user called, as LangGraph's, not to this one.
   */
  async stream(input: TInput | unknown, config?: RunConfig): Promise<AsyncIterableIterator<unknown>> {
    const requested = config?.streamMode ?? (nestedParentOf(config) ? "values" : "updates");
    const wanted: readonly StreamMode[] = typeof requested === "string" ? [requested] : [...requested];
    const tuples = typeof requested !== "string";
    const modes = [...new Set<StreamMode>([...wanted, "custom"])];
    const inner = await this.graph.stream(this.#input(input), {
      ...config,
      streamMode: modes,
      configurable: { ...config?.configurable, [taskReportsKey]: wanted.includes("updates") },
    });
    const name = this.name;
    return (async function* translate() {
      for await (const tuple of inner) {
        const [mode, chunk] = tuple as [StreamMode, unknown];
        const translated = entrypointChunkOf(name, mode, chunk, wanted);
        if (translated) yield tuples ? translated : translated[1];
      }
    })();
  }

  /** The thread's state: `values` is the function's last returned value (null before the first run ends). */
  async getState(config: RunConfig): Promise<StateSnapshot<Awaited<TOutput> | null>> {
    return snapshotOfEntrypoint(await this.graph.getState(config)) as StateSnapshot<Awaited<TOutput> | null>;
  }

  /** Every checkpoint of the thread, newest first, each as {@link getState} shows it. */
  async *getStateHistory(
    config: RunConfig,
    options: { limit?: number; before?: RunConfig } = {},
  ): AsyncIterableIterator<StateSnapshot<Awaited<TOutput> | null>> {
    for await (const snapshot of this.graph.getStateHistory(config, options)) yield snapshotOfEntrypoint(snapshot) as StateSnapshot<Awaited<TOutput> | null>;
  }

  /** Records `value` as if the function had returned it (what the next run's `getPreviousState()` gives). */
  async updateState(config: RunConfig, value: unknown, asNode?: string): Promise<CheckpointConfig> {
    const writes = { [entrypointChannels.output]: value, [entrypointChannels.previous]: value };
    return this.graph.updateState(config, writes, asNode ?? this.name);
  }

  #input(input: unknown): Writes | null | undefined {
    if (input === null || input === undefined || isCommand(input)) return input as Writes | null | undefined;
    return { [entrypointChannels.input]: input };
  }
}

function snapshotOfEntrypoint(snapshot: StateSnapshot): StateSnapshot<unknown> {
  const values = snapshot.values as Writes;
  return {
    ...snapshot,
    values: entrypointChannels.output in values ? values[entrypointChannels.output] : null,
    tasks: snapshot.tasks.map((task) => (task.result ? { ...task, result: task.result[entrypointChannels.output] as Writes } : task)),
  };
}

/**
 * Defines a workflow of LangGraph's functional API. The function takes the run's input (and a
 * node config) and may call tasks, `interrupt()` and `getPreviousState()`; what it returns is the
 * run's output and the value the next run on the thread gets from `getPreviousState()` (unless it
 * returns `entrypoint.final({ value, save })`).
 *
 * WARNING: on resume the function runs again from its first line. Only task results, effects and
 * answers are journaled: other side effects before an interrupt repeat (and raise a replay warning
 * when the engine sees them); put them in tasks.
 *
 * @example
 * const review = entrypoint({ name: "review", checkpointer: new SqliteEventStore("./threads.db") }, async (topic: string) => {
 *   const essay = await compose(topic);                      // a task: runs once
 *   const verdict = interrupt({ question: "Approve?", essay });
 *   return { essay, verdict };
 * });
 * await review.invoke("cats", { configurable: { thread_id: "t1" } });           // { __interrupt__: [...] }
 * await review.invoke(new Command({ resume: "yes" }), { configurable: { thread_id: "t1" } });
 */
export function entrypoint<TInput, TOutput>(
  optionsOrName: EntrypointOptions | string,
  func: (input: TInput, config: EntrypointConfig) => TOutput | Promise<TOutput>,
): Entrypoint<TInput, TOutput extends EntrypointFinal<infer TValue, unknown> ? TValue : TOutput> {
  const options: EntrypointOptions = typeof optionsOrName === "string" ? { name: optionsOrName } : optionsOrName;
  if (isGeneratorFunction(func)) throw new GeneratorNotAllowedError("entrypoints");
  const { name, store } = options;
  const State = Annotation.Root({
    [entrypointChannels.input]: Annotation<unknown>(),
    [entrypointChannels.output]: Annotation<unknown>(),
    [entrypointChannels.previous]: Annotation<unknown>(),
  });
  const node = async (state: Writes, config: NodeConfig): Promise<Writes> => {
    const context = currentTask()!;
    const scope = scopeOf(context);
    scope.previous = state[entrypointChannels.previous];
    if (options.cache !== undefined) scope.cache = { cache: options.cache, graphName: name };
    if (config.configurable[taskReportsKey] === true) scope.reportTask = (task, result, cached) => config.writer(new TaskReport(task, result, cached));
    let returned: unknown;
    let failure: { error: unknown } | undefined;
    try {
      returned = await func(state[entrypointChannels.input] as TInput, config);
    } catch (error) {
      failure = { error };
    }
    // Calls the function did not await still land in the journal, and every call that paused surfaces.
    await settleTaskCalls(context);
    const interrupts = pausesOf(failure?.error, scope.raised);
    if (interrupts.length > 0) {
      context.raisedNow = interrupts;
      throw new GraphInterrupt(interrupts);
    }
    if (failure) throw failure.error;
    if (isEntrypointFinal(returned)) return { [entrypointChannels.output]: returned.value, [entrypointChannels.previous]: returned.save };
    return { [entrypointChannels.output]: returned, [entrypointChannels.previous]: returned };
  };
  const graph = new StateGraph(State)
    .addNode(name, node)
    .addEdge(START, name)
    .addEdge(name, END)
    .compile({
      ...options.compile,
      name,
      ...(options.checkpointer !== undefined ? { checkpointer: options.checkpointer } : {}),
      ...(store !== undefined ? { store } : {}),
    });
  markEntrypointGraph(graph.graphSpec);
  const workflow = new Entrypoint<TInput, TOutput extends EntrypointFinal<infer TValue, unknown> ? TValue : TOutput>(
    name,
    graph as unknown as CompiledStateGraph,
  );
  if (options.cache !== undefined) entrypointCaches.set(workflow as Entrypoint<unknown, unknown>, { cache: options.cache, name });
  return workflow;
}

const entrypointCaches = new WeakMap<Entrypoint<unknown, unknown>, { readonly cache: CacheLike; readonly name: string }>();

/** `entrypoint.final({ value, save })`: see {@link entrypointFinal}. */
entrypoint.final = entrypointFinal;

/** The interrupts an execution paused on: the function's own (or the first task's), then every other task call's. */
function pausesOf(error: unknown, raised: readonly RaisedInterrupt[]): RaisedInterrupt[] {
  const all = [...(isGraphInterrupt(error) ? error.interrupts : []), ...raised];
  return all.filter((interrupt, index) => all.findIndex((other) => other.id === interrupt.id) === index);
}
