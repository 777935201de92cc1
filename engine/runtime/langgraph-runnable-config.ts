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
  /** LangGraph's run context (`contextSchema`): not set by replaygraph yet. */
  context?: TContext;
  /** LangGraph's long-term memory store: not supported by replaygraph. */
  store?: unknown;
  callbacks?: unknown;
  tags?: string[];
  runName?: string;
  maxConcurrency?: number;
  timeout?: number;
}
