import { createStreamMessagesHandler } from "../streaming/stream-messages-handler.js";
import { startRunTracing, type RunTracing } from "../streaming/run-tracing.js";
import type { RunSink } from "../runtime/run-sink.js";
import type { SubgraphScope } from "../runtime/subgraph-scope.js";
import type { RunStreams } from "../thread/events.js";

/** What a queued run's environment gets for the streams its creator asked for. */
export interface StreamExtras {
  /** Set for `subgraphs`: nested graphs report under their namespace. */
  readonly scope?: SubgraphScope;
  /** Set for `messages`: chat model tokens are reported through LangChain callbacks. */
  readonly tracing?: RunTracing;
}

/** A sink whose subgraphs report under their namespace (a RunBroadcaster, a RunChunkPublisher). */
export interface NamespacedSink extends RunSink {
  at(namespace: readonly string[]): RunSink;
}

/**
 * The parts of a run's environment that make the streams its creator asked for (`wanted`, as
 * recorded with the run) beyond the engine's own chunks: token streaming (`messages`, as
 * `graph.stream` does it, through LangChain callbacks) and subgraph chunks (`subgraphs`), both
 * reported to `sink`. Empty for a run that asked for neither, so the common run pays for no callbacks.
 */
export async function streamExtrasOf(
  sink: NamespacedSink,
  { messages, subgraphs }: RunStreams,
  threadId: string,
  metadata: Readonly<Record<string, unknown>>,
): Promise<StreamExtras> {
  const scope: SubgraphScope | undefined = subgraphs ? { rootThreadId: threadId, namespace: [], sinkFor: (namespace) => sink.at(namespace) } : undefined;
  const tracing = messages
    ? await startRunTracing({
        callbacks: undefined,
        handlers: [createStreamMessagesHandler((chunk) => sink.emit("messages", chunk))],
        tags: undefined,
        metadata,
      })
    : undefined;
  return { ...(scope ? { scope } : {}), ...(tracing ? { tracing } : {}) };
}

/** A sink that reports to both sinks, its subgraphs too. */
export function teeNamespacedSink(first: NamespacedSink, second: NamespacedSink): NamespacedSink {
  const tee = (a: RunSink, b: RunSink): RunSink => ({
    wants: (mode) => a.wants(mode) || b.wants(mode),
    emit: (mode, chunk) => {
      if (a.wants(mode)) a.emit(mode, chunk);
      if (b.wants(mode)) b.emit(mode, chunk);
    },
  });
  return { ...tee(first, second), at: (namespace) => tee(first.at(namespace), second.at(namespace)) };
}
