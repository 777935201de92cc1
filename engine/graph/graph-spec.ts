import type { StateValidation } from "../zod/zod-state-validation.js";
import type { BaseStore } from "../../store/long-term/base-store.js";
import type { ChannelSpec } from "./annotation.js";
import type { CachePolicy } from "../cache/cache-nodes.js";

/** Options a node function receives as its second argument (LangGraph's RunnableConfig shape). */
export interface NodeConfig {
  readonly configurable: Readonly<Record<string, unknown>> & { readonly thread_id?: string };
  /** The caller's LangChain callbacks (handlers or a manager), for the models and tools a node calls. */
  readonly callbacks?: unknown;
  readonly tags?: string[];
  readonly runName?: string;
  /** Fires when the run is cancelled; long work should stop. */
  readonly signal: AbortSignal;
  /** Sends a chunk to `stream(..., { streamMode: "custom" })` consumers. */
  readonly writer: (chunk: unknown) => void;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly runId: string;
  readonly recursionLimit: number;
  /**
   * The long-term memory store of `compile({ store })` (or of the run's config), shared by every
   * thread; absent when there is none. Its writes are not part of the thread's history.
   */
  readonly store?: BaseStore;
  /** What the caller passed as `invoke(input, { context })` for this run; absent when nothing was. */
  // `any`, as LangGraph types it by the graph's context schema: a node that declares its config as
  // `LangGraphRunnableConfig<{ userId: string }>` must accept what the engine passes.
  readonly context?: any;
}

/** A node's work: gets the state, returns an update, a Command, or nothing. */
export type NodeFunction<TState = any, TUpdate = any> = (state: TState, config: NodeConfig) => unknown;

/**
 * Anything with LangChain's Runnable shape: `RunnableLambda`, `RunnableSequence`, a chat model,
 * LangGraph's `ToolNode`, a compiled LangGraph graph. Found by its shape; `@langchain/core` is
 * never imported by the engine.
 */
export interface RunnableLike {
  invoke(input: any, config?: any): unknown;
}

/** A compiled graph used as a node (a subgraph). */
export interface SubgraphNode {
  readonly graphSpec: GraphSpec;
  invoke(input: unknown, config?: unknown): Promise<unknown>;
}

/** How failed attempts of a node are retried. Defaults follow LangGraph's. */
export interface RetryPolicy {
  /** Total attempts, the first included. Default 3. */
  readonly maxAttempts?: number;
  /** Milliseconds before the second attempt. Default 500. */
  readonly initialInterval?: number;
  /** Multiplier between attempts. Default 2. */
  readonly backoffFactor?: number;
  /** Upper bound on the wait, in ms. Default 128000. */
  readonly maxInterval?: number;
  /** Add up to 1 s of random wait. Default true. */
  readonly jitter?: boolean;
  /** Which errors to retry. Default, as LangGraph's: everything but aborts, replaygraph's own errors and HTTP client errors (status 400-407, 409). */
  readonly retryOn?: (error: unknown) => boolean;
}

export interface NodeSpec {
  readonly name: string;
  readonly action: NodeFunction | SubgraphNode | RunnableLike;
  /** Nodes a `Command({ goto })` from this node may go to (for validation). */
  readonly ends: readonly string[];
  readonly retryPolicy: RetryPolicy | undefined;
  /** Runs once, after every other branch has finished (LangGraph's `defer`). */
  readonly defer?: boolean;
  /** The state keys the node receives (its `input` schema, else the graph's state schema); absent: all. */
  readonly inputKeys?: readonly string[];
  /** Added to the node's `config.metadata`. */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Look the node's result up in `compile({ cache })` before running it (see cache-nodes.ts). */
  readonly cachePolicy?: CachePolicy;
  /** `addNode(name, fn, { subgraphs })`: the compiled graphs the node's function invokes. */
  readonly subgraphs?: readonly unknown[];
}

/** A conditional edge: a function of the state that names where to go. */
export interface BranchSpec {
  readonly source: string;
  readonly path: (state: any, config: NodeConfig) => unknown;
  readonly pathMap: Readonly<Record<string, string>> | undefined;
}

/** `addEdge([a, b], c)`: c runs once a and b have all finished since c last ran. */
export interface JoinSpec {
  readonly key: string;
  readonly sources: readonly string[];
  readonly target: string;
}

/** A validated graph: everything the engine needs to run it. */
export interface GraphSpec {
  readonly name: string;
  readonly channels: ReadonlyMap<string, ChannelSpec>;
  readonly nodes: ReadonlyMap<string, NodeSpec>;
  /** Static edges by source (START included); END targets are dropped. */
  readonly edges: ReadonlyMap<string, readonly string[]>;
  readonly branches: ReadonlyMap<string, readonly BranchSpec[]>;
  readonly joins: ReadonlyMap<string, JoinSpec>;
  readonly joinsBySource: ReadonlyMap<string, readonly JoinSpec[]>;
  /** Every static edge as it was added (END targets and fan-in sources included), for drawings. */
  readonly drawnEdges: readonly (readonly [string, string])[];
  /** The keys an input may set (the input schema's); absent: every channel. Other state keys in an input are dropped. */
  readonly inputKeys?: readonly string[];
  /** The keys `invoke()` returns (the output schema's); absent: every channel. */
  readonly outputKeys?: readonly string[];
  readonly interruptBefore: readonly string[] | "*";
  readonly interruptAfter: readonly string[] | "*";
  readonly strict: boolean;
  /** Fail a task whose execution raised any replay warning. */
  readonly warningsAsErrors: boolean;
  readonly limits: GraphLimits;
  /** The checks of a graph built from zod schemas: inputs, writes and context are parsed by them. */
  readonly validation?: StateValidation;
}

/** Sizes the engine enforces, each with a named error (see the README's Limits section). */
export interface GraphLimits {
  /** Largest input, answer, update, interrupt payload or node write, serialized (bytes). Default 4 MiB. */
  readonly maxPayloadBytes: number;
  /** Events a thread may hold before new runs are refused with a suggestion to start a fresh thread. Default 1,000,000. */
  readonly maxHistoryEvents: number;
}

export const defaultGraphLimits: GraphLimits = { maxPayloadBytes: 4 * 1024 * 1024, maxHistoryEvents: 1_000_000 };
