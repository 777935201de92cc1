/** The stream modes a run can report in (LangGraph's names). */
export type StreamMode = "values" | "updates" | "custom" | "debug" | "tasks" | "checkpoints" | "messages" | "tools";

/** Every stream mode, in the order an error message lists them. */
export const streamModes: readonly StreamMode[] = ["values", "updates", "custom", "debug", "tasks", "checkpoints", "messages", "tools"];

/**
 * The modes a run's sink reports: all but `tools`, whose chunks come from LangChain callbacks
 * straight to `graph.stream` (see stream-callback-handlers.ts); a queued run does not stream them yet.
 */
export type SinkMode = Exclude<StreamMode, "tools">;

/** Where a run reports progress; modes nobody wants are not computed. */
export interface RunSink {
  wants(mode: SinkMode): boolean;
  emit(mode: SinkMode, chunk: unknown): void;
}
