import { createStreamMessagesHandler } from "../streaming/stream-messages-handler.js";
import { startRunTracing, type RunTracing } from "../streaming/run-tracing.js";
import type { SubgraphScope } from "../runtime/subgraph-scope.js";
import type { RunBroadcaster } from "./run-broadcaster.js";

/** What a queued run's environment gets for the streams its broadcaster reports. */
export interface StreamExtras {
  /** Set for `subgraphs`: nested graphs report to the broadcaster under their namespace. */
  readonly scope?: SubgraphScope;
  /** Set for `messages`: chat model tokens reach the broadcaster through LangChain callbacks. */
  readonly tracing?: RunTracing;
}

/**
 * The parts of a run's environment that make the streams its creator asked for beyond the
 * engine's own chunks: token streaming (`messages`, as `graph.stream` does it, through LangChain
 * callbacks) and subgraph chunks (`subgraphs`). Empty for a run that asked for neither, so the
 * common run pays for no callbacks.
 */
export async function streamExtrasOf(broadcaster: RunBroadcaster, threadId: string, metadata: Readonly<Record<string, unknown>>): Promise<StreamExtras> {
  const scope: SubgraphScope | undefined = broadcaster.streamsSubgraphs
    ? { rootThreadId: threadId, namespace: [], sinkFor: (namespace) => broadcaster.at(namespace) }
    : undefined;
  const tracing = broadcaster.streamsMessages
    ? await startRunTracing({
        callbacks: undefined,
        handlers: [createStreamMessagesHandler((chunk) => broadcaster.emit("messages", chunk))],
        tags: undefined,
        metadata,
      })
    : undefined;
  return { ...(scope ? { scope } : {}), ...(tracing ? { tracing } : {}) };
}
