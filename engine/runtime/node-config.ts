import type { BaseStore } from "../../store/long-term/base-store.js";
import type { NodeConfig } from "../graph/graph-spec.js";

/**
 * What the caller's run config hands on to nodes unchanged, for the LangChain components they call
 * (a model reads `callbacks` and `tags`). The store and the context are given apart (see `store`, `context`).
 */
export interface PassedConfig {
  readonly callbacks?: unknown;
  readonly tags?: string[];
}

/** What a node's config is made of; everything but the thread is optional. */
export interface NodeConfigParts {
  readonly threadId: string;
  /** The checkpoint namespace of the running graph (LangGraph's `checkpoint_ns`; `""` at the root). */
  readonly checkpointNs?: string;
  readonly configurable?: Readonly<Record<string, unknown>>;
  readonly signal?: AbortSignal | undefined;
  readonly writer?: (chunk: unknown) => void;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly runId?: string;
  readonly recursionLimit?: number;
  readonly store?: BaseStore | undefined;
  readonly context?: unknown;
  readonly passed?: PassedConfig | undefined;
}

/**
 * The config a node function (or a conditional edge) receives as its second argument, in
 * LangGraph's RunnableConfig shape: `configurable` carries the thread id, the caller's keys and an
 * empty checkpoint namespace; the caller's `callbacks`, `tags`, `store` and `context` pass through.
 */
export function createNodeConfig(parts: NodeConfigParts): NodeConfig {
  return {
    ...parts.passed,
    configurable: { ...parts.configurable, thread_id: parts.threadId, checkpoint_ns: parts.checkpointNs ?? "" },
    signal: parts.signal ?? new AbortController().signal,
    writer: parts.writer ?? (() => undefined),
    metadata: parts.metadata ?? {},
    runId: parts.runId ?? "",
    recursionLimit: parts.recursionLimit ?? 25,
    // As in LangGraph, a config without a store or a context has no such key.
    ...(parts.store !== undefined ? { store: parts.store } : {}),
    ...(parts.context !== undefined ? { context: parts.context } : {}),
  };
}
