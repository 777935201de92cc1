import type { CallbackManager, CallbackManagerForChainRun } from "@langchain/core/callbacks/manager";
import type { Serialized } from "@langchain/core/load/serializable";
import type { NodeConfig } from "../graph/graph-spec.js";
import { langChainTracing } from "./langchain-tracing.js";

/**
 * A run reported to LangChain callbacks as LangGraph reports one: the graph as a chain run (when
 * it is the caller's top-level run), each task as a chain run named after its node, tagged
 * `graph:step:<n>`, with the task's metadata; the models and tools a node calls are children of
 * its task's run. Made only when a run has callbacks, streams messages or streams events.
 */
export interface RunTracing {
  /** Reports a task's start; its node gets the returned trace's callbacks. */
  startTask(start: TaskTraceStart): Promise<TaskTrace>;
  /**
   * Reports the run's input as LangGraph does, as the hidden `__start__` task of step `step`
   * (whose output is the input). Nothing when the run is nested in a task's.
   */
  traceInput(step: number, input: unknown): Promise<void>;
  /** Reports the graph run's end (nothing when the run is nested in a task's). */
  end(output: unknown): Promise<void>;
  fail(error: unknown): Promise<void>;
}

/** What a task's run is reported with. */
export interface TaskTraceStart {
  readonly node: string;
  readonly step: number;
  readonly input: unknown;
  /** The node's `config.metadata` (replaygraph's own `langgraph_task_id` is not reported). */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** One task's run. */
export interface TaskTrace {
  /** The callbacks the node's config carries: children of the task's run. */
  readonly callbacks: CallbackManager;
  /** Runs the node with `config` as LangChain's implicit config, so a model called without a config still reports here. */
  run<T>(config: NodeConfig, work: () => T): T;
  end(output: unknown): Promise<void>;
  fail(error: unknown): Promise<void>;
}

/** How a run's tracing starts. */
export interface RunTracingOptions {
  /** The caller's callbacks (handlers or a manager), if any. */
  readonly callbacks: unknown;
  /** replaygraph's own handlers (token streaming), added beside the caller's. */
  readonly handlers: readonly unknown[];
  readonly tags: readonly string[] | undefined;
  /** The run's metadata (see runMetadataOf), inherited by every run below. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Report the graph itself as a chain run with this id, name and input (a top-level run). */
  readonly root?: { readonly runId: string | undefined; readonly name: string; readonly input: unknown };
}

const graphSerialized = { lc: 1, type: "not_implemented", id: ["replaygraph", "CompiledStateGraph"] } as unknown as Serialized;
const nodeSerialized = { lc: 1, type: "not_implemented", id: ["replaygraph", "Node"] } as unknown as Serialized;

/** Starts a run's tracing; undefined when there is nothing to report to. */
export async function startRunTracing(options: RunTracingOptions): Promise<RunTracing | undefined> {
  if (options.callbacks === undefined && options.handlers.length === 0) return undefined;
  const { AsyncLocalStorageProviderSingleton } = langChainTracing("LangChain callbacks");
  const manager = configureManager(options);
  if (!manager) return undefined;
  const { root } = options;
  const graphRun: CallbackManagerForChainRun | undefined = root
    ? await manager.handleChainStart(graphSerialized, root.input as never, root.runId, undefined, undefined, undefined, root.name)
    : undefined;
  return {
    async startTask({ node, step, input, metadata: taskMetadata }) {
      const parent = graphRun ? graphRun.getChild(`graph:step:${step}`) : withTag(manager, `graph:step:${step}`);
      const { langgraph_task_id: _task, ...reported } = taskMetadata;
      // A manager reports its own metadata (handleChainStart's is not used): the task's, for this run only.
      parent.addMetadata(reported, false);
      const taskRun = await parent.handleChainStart(nodeSerialized, input as never, undefined, undefined, undefined, undefined, node);
      const callbacks = taskRun.getChild();
      return {
        callbacks,
        run: (config, work) => AsyncLocalStorageProviderSingleton.runWithConfig(config as never, work),
        end: (output) => taskRun.handleChainEnd(output as never),
        fail: (error) => taskRun.handleChainError(error),
      };
    },
    traceInput: async (step, input) => {
      if (graphRun) await traceStartTask(graphRun, step, input);
    },
    end: async (output) => {
      await graphRun?.handleChainEnd(output as never);
    },
    fail: async (error) => {
      await graphRun?.handleChainError(error);
    },
  };
}

/**
 * The run's callback manager: the caller's handlers (a list gets replaygraph's beside them; a
 * manager gets them added to a copy), the run's tags, and its metadata when the graph is reported
 * as a run of its own (otherwise the caller's metadata is the tasks', carried by each task's config).
 */
function configureManager(options: RunTracingOptions): CallbackManager | undefined {
  const { CallbackManager } = langChainTracing("LangChain callbacks");
  const given = options.callbacks;
  const inheritable = given === undefined ? [...options.handlers] : Array.isArray(given) ? [...given, ...options.handlers] : given;
  const manager = CallbackManager.configure(
    inheritable as never,
    undefined,
    options.tags ? [...options.tags] : undefined,
    undefined,
    options.root ? (options.metadata as Record<string, unknown>) : undefined,
  );
  if (manager && given !== undefined && !Array.isArray(given)) for (const handler of options.handlers) manager.addHandler(handler as never, true);
  return manager;
}

/** The run's input reported as LangGraph does: the hidden `__start__` task of `step`, whose output is the input. */
async function traceStartTask(graphRun: CallbackManagerForChainRun, step: number, input: unknown): Promise<void> {
  const parent = graphRun.getChild(`graph:step:${step}`);
  parent.addTags(["langsmith:hidden"], false);
  const namespace = `__start__:${graphRun.runId}`;
  parent.addMetadata(
    {
      langgraph_step: step,
      langgraph_node: "__start__",
      langgraph_triggers: ["__start__"],
      langgraph_path: ["__pregel_pull", "__start__"],
      langgraph_checkpoint_ns: namespace,
      checkpoint_ns: namespace,
    },
    false,
  );
  const startRun = await parent.handleChainStart(nodeSerialized, input as never, undefined, undefined, undefined, undefined, "__start__");
  await startRun.handleChainEnd(input as never);
}

/** A copy of `manager` with `tag` added for its own runs only (LangGraph's step tag is not inherited). */
function withTag(manager: CallbackManager, tag: string): CallbackManager {
  const copy = manager.copy();
  copy.addTags([tag], false);
  return copy;
}
