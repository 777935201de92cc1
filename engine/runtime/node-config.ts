import type { NodeConfig } from "../graph/graph-spec.js";

/** What a node's config is made of; everything but the thread is optional. */
export interface NodeConfigParts {
  readonly threadId: string;
  readonly configurable?: Readonly<Record<string, unknown>>;
  readonly signal?: AbortSignal | undefined;
  readonly writer?: (chunk: unknown) => void;
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly runId?: string;
  readonly recursionLimit?: number;
}

/**
 * The config a node function (or a conditional edge) receives as its second argument, in
 * LangGraph's RunnableConfig shape: `configurable` carries the thread id, the caller's keys and an
 * empty checkpoint namespace.
 */
export function createNodeConfig(parts: NodeConfigParts): NodeConfig {
  const configurable = { ...parts.configurable, thread_id: parts.threadId, checkpoint_ns: "" };
  const writer = parts.writer ?? (() => undefined);
  const metadata = parts.metadata ?? {};
  const runId = parts.runId ?? "";
  const recursionLimit = parts.recursionLimit ?? 25;
  if (parts.signal) return { configurable, signal: parts.signal, writer, metadata, runId, recursionLimit };
  // Nothing can cancel the run: the signal never aborts, and is made only for a node that reads it
  // (an AbortController per run cost about 2% of an interrupt-and-resume round trip).
  let signal: AbortSignal | undefined;
  return {
    configurable,
    get signal() {
      return (signal ??= new AbortController().signal);
    },
    writer,
    metadata,
    runId,
    recursionLimit,
  };
}
