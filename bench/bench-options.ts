/** The benchmarks `--only` can name, in the order a full run runs them. */
export const benchmarkNames = [
  "chain",
  "interrupt",
  "approval",
  "fanout",
  "load",
  "history",
  "memory",
  "append",
  "postgres",
  "http",
  "durability",
  "chat",
  "workers",
] as const;

/** One benchmark's name. */
export type BenchmarkName = (typeof benchmarkNames)[number];

/** Sizes and repetitions of a run: the full run, or `--quick`'s smoke run. */
export interface BenchSizes {
  /** Discarded repetitions before the measured ones (each at a smaller size). */
  readonly warmups: number;
  /** Measured repetitions, each on a fresh store. */
  readonly repetitions: number;
  /** Measured repetitions of the long approval loops (10,000 resumes). */
  readonly longRepetitions: number;
  readonly chainThreads: number;
  readonly chainNodes: number;
  readonly interruptThreads: number;
  /** Resumes per approval-loop run, replaygraph. */
  readonly approvalResumes: readonly number[];
  /** The most resumes LangGraph runs (its cost per resume grows with its state). */
  readonly langGraphMaxResumes: number;
  readonly fanOutThreads: number;
  readonly fanOutWidth: number;
  /** Thread lengths for getState and cold load, in replaygraph events. */
  readonly loadEvents: readonly number[];
  /** The longest thread LangGraph builds for cold load. */
  readonly langGraphMaxLoadEvents: number;
  /** Cold loads measured per thread length. */
  readonly loadRepetitions: number;
  readonly historyCheckpoints: number;
  readonly pausedThreads: number;
  /** Child processes per engine for the paused-thread memory benchmark (each one measurement). */
  readonly memoryProcesses: number;
  /** Streams the raw-append benchmark writes, each with `chainNodes` appends. */
  readonly appendStreams: number;
  /** Threads of the PostgreSQL chain and round trip, per repetition. */
  readonly postgresThreads: number;
  /** HTTP: threads through the human-in-the-loop round trip with 1 client, and with 50. */
  readonly httpSerialThreads: number;
  readonly httpConcurrentThreads: number;
  /** HTTP: measured repetitions (LangGraph's server takes about a second per round trip). */
  readonly httpRepetitions: number;
  /** Threads of the chain run at each durability mode, per repetition. */
  readonly durabilityThreads: number;
  /** Conversations of 10 turns the chat agent benchmark times, per repetition. */
  readonly chatThreads: number;
}

const fullSizes: BenchSizes = {
  warmups: 1,
  repetitions: 5,
  longRepetitions: 5,
  chainThreads: 1000,
  chainNodes: 10,
  interruptThreads: 1000,
  approvalResumes: [10, 100, 1000, 10_000],
  langGraphMaxResumes: 1000,
  fanOutThreads: 500,
  fanOutWidth: 10,
  loadEvents: [100, 10_000, 100_000],
  langGraphMaxLoadEvents: 100_000,
  loadRepetitions: 5,
  historyCheckpoints: 1000,
  pausedThreads: 10_000,
  memoryProcesses: 5,
  appendStreams: 1000,
  postgresThreads: 200,
  httpSerialThreads: 30,
  httpConcurrentThreads: 300,
  httpRepetitions: 2,
  durabilityThreads: 300,
  chatThreads: 50,
};

const quickSizes: BenchSizes = {
  warmups: 1,
  repetitions: 2,
  longRepetitions: 1,
  chainThreads: 100,
  chainNodes: 10,
  interruptThreads: 100,
  approvalResumes: [10, 100],
  langGraphMaxResumes: 100,
  fanOutThreads: 50,
  fanOutWidth: 10,
  loadEvents: [100, 1000],
  langGraphMaxLoadEvents: 1000,
  loadRepetitions: 2,
  historyCheckpoints: 100,
  pausedThreads: 1000,
  memoryProcesses: 1,
  appendStreams: 100,
  postgresThreads: 20,
  httpSerialThreads: 5,
  httpConcurrentThreads: 50,
  httpRepetitions: 1,
  durabilityThreads: 50,
  chatThreads: 5,
};

/** What the command line asked for. */
export interface BenchOptions {
  readonly quick: boolean;
  /** The benchmarks to run; all of them when `--only` is absent. */
  readonly only: readonly BenchmarkName[];
  /** Whether to CPU-profile replaygraph's chain benchmark and print its top self-time functions. */
  readonly profile: boolean;
  readonly sizes: BenchSizes;
}

const usage =
  "usage: npm run bench -- [--quick] [--only <name>[,<name>...]] [--profile]\n" +
  `  names: ${benchmarkNames.join(", ")}\n` +
  "  --quick    small sizes and 2 repetitions, under a minute: a smoke run\n" +
  "  --profile  also CPU-profile replaygraph's chain benchmark (memory and SQLite) and list its top self-time functions";

/**
 * Parses `--quick`, `--only <names>` (comma-separated or repeated) and `--profile`.
 *
 * @throws {Error} with the usage text for an unknown flag or benchmark name.
 */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  let quick = false;
  let profile = false;
  const only: BenchmarkName[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === "--quick") quick = true;
    else if (arg === "--profile") profile = true;
    else if (arg === "--only" || arg?.startsWith("--only=")) {
      const value = arg === "--only" ? argv[++index] : arg.slice("--only=".length);
      if (value === undefined || value === "") throw new Error(`--only needs a benchmark name.\n${usage}`);
      for (const name of value.split(",")) only.push(assertBenchmarkName(name.trim()));
    } else if (arg === "--help" || arg === "-h") throw new Error(usage);
    else throw new Error(`Unknown argument '${String(arg)}'.\n${usage}`);
  }
  return { quick, profile, only: only.length > 0 ? only : [...benchmarkNames], sizes: quick ? quickSizes : fullSizes };
}

function assertBenchmarkName(name: string): BenchmarkName {
  const found = benchmarkNames.find((known) => known === name);
  if (found === undefined) throw new Error(`Unknown benchmark '${name}'.\n${usage}`);
  return found;
}
