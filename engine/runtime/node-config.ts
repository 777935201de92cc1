import type { NodeConfig } from "../graph/graph-spec.js";

/**
 * What the caller's run config hands on to nodes unchanged, for the LangChain components they call
 * (a model reads `callbacks`, `tags`; a tool reads `store`, `context`).
 */
export interface PassedConfig {
  readonly callbacks?: unknown;
  readonly tags?: readonly string[];
  readonly store?: unknown;
  readonly context?: unknown;
}

/** What a node's config is made of; everything but the thread is optional. */
export interface NodeConfigParts {
  readonly threadId: string;
  readonly configurable?: Readonly<Record<string, unknown>>;
  readonly signal?: AbortSignal | undefined;
  readonly writer?: (chunk: unknown) => void;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly runId?: string;
  readonly recursionLimit?: number;
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
    configurable: { ...parts.configurable, thread_id: parts.threadId, checkpoint_ns: "" },
    signal: parts.signal ?? new AbortController().signal,
    writer: parts.writer ?? (() => undefined),
    metadata: parts.metadata ?? {},
    runId: parts.runId ?? "",
    recursionLimit: parts.recursionLimit ?? 25,
  };
}
