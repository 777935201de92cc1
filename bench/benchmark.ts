import type { BenchEngine } from "./bench-engine.js";
import type { BenchSizes, BenchmarkName } from "./bench-options.js";
import type { DataDir } from "./data-dir.js";
import type { ReportSection } from "./report-section.js";

/** What every benchmark is given. */
export interface BenchContext {
  readonly sizes: BenchSizes;
  /** replaygraph first, then LangGraph. */
  readonly engines: readonly BenchEngine[];
  readonly data: DataDir;
  /** Prints a progress line (to stderr, so stdout keeps only the tables). */
  readonly progress: (line: string) => void;
}

/**
 * Named numbers a benchmark measured, for the targets section: keys such as
 * `chain.sqlite.replaygraph.superstepsPerSecond`.
 */
export type Metrics = Map<string, number>;

/** What a benchmark returns. */
export interface BenchmarkResult {
  readonly section: ReportSection;
  readonly metrics: Metrics;
}

/** One benchmark of issue 7, run for both engines. */
export interface Benchmark {
  readonly name: BenchmarkName;
  run(context: BenchContext): Promise<BenchmarkResult>;
}
