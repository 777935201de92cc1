import { approvalLoopBenchmark } from "./approval-loop-benchmark.js";
import type { BenchmarkName } from "./bench-options.js";
import type { Benchmark } from "./benchmark.js";
import { chainBenchmark } from "./chain-benchmark.js";
import { chatAgentBenchmark } from "./chat-agent-benchmark.js";
import { coldLoadBenchmark } from "./cold-load-benchmark.js";
import { durabilityBenchmark } from "./durability-benchmark.js";
import { fanOutBenchmark } from "./fan-out-benchmark.js";
import { httpBenchmark } from "./http-benchmark.js";
import { interruptResumeBenchmark } from "./interrupt-resume-benchmark.js";
import { pausedThreadsBenchmark } from "./paused-threads-benchmark.js";
import { postgresBenchmark } from "./postgres-benchmark.js";
import { rawAppendBenchmark } from "./raw-append-benchmark.js";
import { stateHistoryBenchmark } from "./state-history-benchmark.js";
import { workersBenchmark } from "./workers-benchmark.js";

/** Every benchmark, in issue 7's order: the order of the sections in RESULTS.md. */
export const benchmarks: readonly Benchmark[] = [
  chainBenchmark,
  interruptResumeBenchmark,
  approvalLoopBenchmark,
  fanOutBenchmark,
  coldLoadBenchmark,
  stateHistoryBenchmark,
  pausedThreadsBenchmark,
  rawAppendBenchmark,
  postgresBenchmark,
  httpBenchmark,
  durabilityBenchmark,
  chatAgentBenchmark,
  workersBenchmark,
];

/**
 * The order a run runs them: the raw-append limit right after the chain, because a target
 * compares the two and the machine's speed drifts over a run.
 */
export const runOrder: readonly BenchmarkName[] = [
  "chain",
  "append",
  "interrupt",
  "approval",
  "fanout",
  "load",
  "history",
  "memory",
  "postgres",
  "http",
  "durability",
  "chat",
  "workers",
];
