/** The stream modes a run can report in. */
export type StreamMode = "values" | "updates" | "custom" | "debug";

/** Where a run reports progress; modes nobody wants are not computed. */
export interface RunSink {
  wants(mode: StreamMode): boolean;
  emit(mode: StreamMode, chunk: unknown): void;
}
