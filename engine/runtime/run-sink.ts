/** The stream modes a run can report in (LangGraph's names). */
export type StreamMode = "values" | "updates" | "custom" | "debug" | "tasks" | "checkpoints" | "messages";

/** Every stream mode, in the order an error message lists them. */
export const streamModes: readonly StreamMode[] = ["values", "updates", "custom", "debug", "tasks", "checkpoints", "messages"];

/** Where a run reports progress; modes nobody wants are not computed. */
export interface RunSink {
  wants(mode: StreamMode): boolean;
  emit(mode: StreamMode, chunk: unknown): void;
}
