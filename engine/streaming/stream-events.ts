import type { StreamEvent } from "@langchain/core/tracers/log_stream";
import type { RunConfig } from "../runtime/run-config.js";
import { langChainTracing } from "./langchain-tracing.js";

/** Options of `streamEvents()`: a run config, and LangChain's event schema version (`"v2"`, as LangGraph requires one). */
export type StreamEventsOptions = RunConfig & {
  readonly version: "v1" | "v2";
  readonly encoding?: "text/event-stream";
};

/** LangChain's filters of `streamEvents()`: event names, types and tags to include or exclude. */
export interface StreamEventsFilters {
  readonly includeNames?: string[];
  readonly includeTypes?: string[];
  readonly includeTags?: string[];
  readonly excludeNames?: string[];
  readonly excludeTypes?: string[];
  readonly excludeTags?: string[];
}

/** What `streamEvents()` needs of a compiled graph. */
export interface EventSource {
  invoke(input: unknown, config?: RunConfig): Promise<unknown>;
  stream(input: unknown, config?: RunConfig): Promise<AsyncIterable<unknown>>;
}

/**
 * `graph.streamEvents(input, { version: "v2", ... })`, as LangGraph has it: LangChain's own
 * `Runnable.streamEvents` over the graph's `stream()`, so the events are LangChain's, made by its
 * event-stream handler from the runs the graph reports (see run-tracing.ts): `on_chain_start` /
 * `on_chain_stream` / `on_chain_end` of the graph (named `LangGraph` unless `runName` says
 * otherwise; its stream chunks are the run's `updates`, or the `streamMode` asked for) and of each
 * task (named after its node), and the `on_chat_model_*`, `on_tool_*` and other events of what the
 * nodes call.
 */
export function streamGraphEvents(
  source: EventSource,
  input: unknown,
  options: StreamEventsOptions,
  filters?: StreamEventsFilters,
): AsyncIterable<StreamEvent> {
  const { Runnable } = langChainTracing("streamEvents()");
  class GraphEvents extends Runnable {
    lc_namespace = ["replaygraph"];

    override invoke(value: unknown, config?: object): Promise<unknown> {
      return source.invoke(value, config as RunConfig);
    }

    // LangChain's streamEvents calls stream() with its handler in `callbacks` and the graph run's id in `runId`.
    override stream(value: unknown, config?: object): Promise<never> {
      return source.stream(value, config as RunConfig) as Promise<never>;
    }
  }
  return new GraphEvents().streamEvents(input as never, options as never, filters) as AsyncIterable<StreamEvent>;
}
