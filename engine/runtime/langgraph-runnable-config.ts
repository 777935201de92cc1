import type { BaseStore } from "../../store/long-term/base-store.js";

/**
 * The config a node gets as its second argument, under LangGraph's name for it, so
 * `(state, config: LangGraphRunnableConfig) => ...` nodes port unchanged. What replaygraph fills
 * in: `configurable` (the thread id, the caller's keys), `signal`, `writer`, `metadata`, `runId`,
 * `recursionLimit`. The other fields are LangGraph's and LangChain's, typed so code that reads
 * them compiles; replaygraph leaves them unset.
 */
export interface LangGraphRunnableConfig<TContext extends Record<string, any> = Record<string, any>> {
  configurable?: Record<string, any>;
  signal?: AbortSignal;
  writer?: (chunk: unknown) => void;
  metadata?: Record<string, unknown>;
  runId?: string;
  recursionLimit?: number;
  /** What the caller passed as `invoke(input, { context })`. */
  context?: TContext;
  /** The long-term memory store of `compile({ store })`. */
  store?: BaseStore;
  callbacks?: unknown;
  tags?: string[];
  runName?: string;
  maxConcurrency?: number;
  timeout?: number;
}
