import type { BenchEngine } from "./bench-engine.js";
import type { BenchOptions } from "./bench-options.js";
import { canCollectGarbage } from "./collect-garbage.js";
import { formatBytes } from "./format-number.js";
import type { MachineInfo } from "./machine-info.js";
import type { ReportSection } from "./report-section.js";

/** The opening section of the results: machine, versions, date, command, settings and method. */
export function resultsHeader(machine: MachineInfo, options: BenchOptions, command: string, engines: readonly BenchEngine[]): ReportSection {
  const { sizes } = options;
  const rows: string[][] = [
    ["date", machine.date],
    ["command", `\`${command}\``],
    ["replaygraph commit", machine.commit],
    ["CPU", `${machine.cpu}, ${machine.cores} cores`],
    ["memory", formatBytes(machine.memoryBytes)],
    ["OS", machine.os],
    ["Node", machine.node],
    ["SQLite", machine.sqlite],
    ...Object.entries(machine.versions).map(([name, version]) => [name, version]),
  ];
  const tracing = ["LANGSMITH_TRACING", "LANGCHAIN_TRACING_V2", "LANGCHAIN_TRACING"].filter((name) => process.env[name] !== undefined);
  return {
    title: "Machine, versions, settings",
    intro: [
      options.quick
        ? "**Quick smoke run** (`--quick`): small sizes and few repetitions; the numbers only show that every benchmark works."
        : "Full run: every benchmark of issue 7, replaygraph and LangGraph JS on the same graph shapes, in the same process (the paused-thread memory benchmark in child processes).",
    ],
    tables: [{ headers: ["", ""], rows }],
    notes: [
      "**Equal durability on SQLite: both engines use journal_mode=WAL and synchronous=NORMAL** (a commit survives a killed process, not a power loss; fsyncs happen at WAL checkpoints, not per commit). " +
        engines.map((engine) => `${engine.name}: ${engine.sqliteSettings}.`).join(" ") +
        " Memory: replaygraph's MemoryEventStore (keeps events serialized), LangGraph's MemorySaver.",
      `**Method.** Each configuration runs ${sizes.warmups} discarded warm-up repetition (smaller) and then ${sizes.repetitions} measured repetitions, ` +
        "each on a fresh store (a new SQLite file under bench/.data/, deleted afterwards) with new thread ids; two full GCs (`--expose-gc`) run right before each timed section. " +
        "Threads run one after another (no concurrency). Medians are over repetitions; p50/p99 are over the operations of one repetition, then the median over repetitions. " +
        "Speedup = replaygraph ÷ LangGraph for rates, LangGraph ÷ replaygraph for latencies. The machine is a noisy VM: expect 5–15 % spread between runs.",
      ...(canCollectGarbage() ? [] : ["**WARNING: run without `--expose-gc`; no GC ran before the timed sections.**"]),
      ...(tracing.length > 0 ? [`**WARNING: ${tracing.join(", ")} set: LangGraph tracing may be on.**`] : []),
    ],
  };
}
