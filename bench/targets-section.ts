import type { BenchSizes } from "./bench-options.js";
import type { Metrics } from "./benchmark.js";
import { formatBytes, formatMs, formatNumber, formatRatio } from "./format-number.js";
import type { ReportSection } from "./report-section.js";

/** One of issue 7's targets, checked against what was measured. */
interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  /** Undefined when the benchmark it needs did not run. */
  readonly reached: boolean | undefined;
}

const notMeasured = "not measured in this run";

/**
 * The targets of issue 7 (medians, ratios from this one run), each marked reached or not reached
 * with the numbers it was judged on.
 */
export function targetsSection(metrics: Metrics, sizes: BenchSizes): ReportSection {
  const get = (key: string) => metrics.get(key);
  const checks: TargetCheck[] = [];
  const check = (target: string, values: readonly (number | undefined)[], judge: () => boolean, measured: () => string) => {
    const known = values.every((value) => value !== undefined && Number.isFinite(value));
    checks.push({ target, measured: known ? measured() : notMeasured, reached: known ? judge() : undefined });
  };

  const chainSqlite = get("chain.sqlite.speedup");
  check(
    "Linear chain on SQLite: ≥ 20× LangGraph+SqliteSaver",
    [chainSqlite],
    () => chainSqlite! >= 20,
    () =>
      `${formatRatio(chainSqlite)} (${formatNumber(get("chain.sqlite.replaygraph.superstepsPerSecond"))} vs ${formatNumber(get("chain.sqlite.LangGraph.superstepsPerSecond"))} supersteps/s)`,
  );

  const raw = get("append.raw-sqlite.appendsPerSecond");
  const chainRate = get("chain.sqlite.replaygraph.superstepsPerSecond");
  check(
    "Linear chain on SQLite: within 2× of the raw-append limit",
    [raw, chainRate],
    () => raw! / chainRate! <= 2,
    () => `${formatRatio(raw! / chainRate!)} below it (${formatNumber(chainRate)} supersteps/s vs ${formatNumber(raw)} raw one-step appends/s)`,
  );

  const chainMemory = get("chain.memory.speedup");
  check(
    "Linear chain in memory: ≥ 50× LangGraph+MemorySaver",
    [chainMemory],
    () => chainMemory! >= 50,
    () =>
      `${formatRatio(chainMemory)} (${formatNumber(get("chain.memory.replaygraph.superstepsPerSecond"))} vs ${formatNumber(get("chain.memory.LangGraph.superstepsPerSecond"))} supersteps/s)`,
  );

  const resume = get("interrupt.sqlite.speedupP50");
  check(
    "Interrupt/resume round trip on SQLite: ≥ 10× faster than LangGraph+SqliteSaver",
    [resume],
    () => resume! >= 10,
    () =>
      `${formatRatio(resume)} at p50 (${formatMs(get("interrupt.sqlite.replaygraph.p50"))} vs ${formatMs(get("interrupt.sqlite.LangGraph.p50"))} ms; p99 ${formatRatio(get("interrupt.sqlite.speedupP99"))})`,
  );

  const resumes = Math.max(...sizes.approvalResumes);
  const decileRatio = get(`approval.sqlite.replaygraph.${resumes}.decileRatio`);
  check(
    `Approval loop on SQLite, ${formatNumber(resumes)} resumes: last decile's latency per resume ≤ 1.2× the first's`,
    [decileRatio],
    () => decileRatio! <= 1.2,
    () =>
      `${formatRatio(decileRatio)} (${formatMs(get(`approval.sqlite.replaygraph.${resumes}.firstDecileMs`))} → ${formatMs(get(`approval.sqlite.replaygraph.${resumes}.lastDecileMs`))} ms)`,
  );
  const bytesRatio = get(`approval.sqlite.replaygraph.${resumes}.bytesDecileRatio`);
  check(
    `Approval loop on SQLite, ${formatNumber(resumes)} resumes: bytes stored per resume constant (last decile ≤ 1.1× the first)`,
    [bytesRatio],
    () => bytesRatio! <= 1.1,
    () =>
      `${formatRatio(bytesRatio)} (${formatBytes(get(`approval.sqlite.replaygraph.${resumes}.firstDecileBytes`))} → ${formatBytes(get(`approval.sqlite.replaygraph.${resumes}.lastDecileBytes`))} per resume)`,
  );

  const events = Math.max(...sizes.loadEvents);
  const fewest = Math.min(...sizes.loadEvents);
  const cold = get(`load.sqlite.replaygraph.${events}.coldMs`);
  check(
    `Cold load of a ${formatNumber(events)}-event thread (SQLite): < 20 ms`,
    [cold],
    () => cold! < 20,
    () =>
      `${formatMs(cold)} ms, reading ${formatNumber(get(`load.sqlite.replaygraph.${events}.eventsRead`))} of its events after a snapshot ` +
      `(memory store ${formatMs(get(`load.memory.replaygraph.${events}.coldMs`))} ms; ${formatNumber(fewest)} events: ${formatMs(get(`load.sqlite.replaygraph.${fewest}.coldMs`))} ms)`,
  );

  const ours = get("memory.replaygraph.peakBytesPerThread");
  const theirs = get("memory.LangGraph.peakBytesPerThread");
  check(
    "Memory per paused thread: ≤ 1/5 of LangGraph+MemorySaver's (peak RSS)",
    [ours, theirs],
    () => ours! <= theirs! / 5,
    () =>
      `${formatNumber((ours! / theirs!) * 100, 0)} % of it (${formatBytes(ours)} vs ${formatBytes(theirs)} per thread; retained heap ${formatBytes(get("memory.replaygraph.heapBytesPerThread"))} vs ${formatBytes(get("memory.LangGraph.heapBytesPerThread"))})`,
  );

  const chat = get("chat.sqlite.speedup");
  check(
    "Chat agent, 10 turns on SQLite: ≥ 5× LangGraph+SqliteSaver's turns per second (issue 17)",
    [chat],
    () => chat! >= 5,
    () =>
      `${formatRatio(chat)} (${formatNumber(get("chat.sqlite.replaygraph.turnsPerSecond"))} vs ${formatNumber(get("chat.sqlite.LangGraph.turnsPerSecond"))} turns/s)`,
  );
  const chatBytes = get("chat.sqlite.replaygraph.bytesTurnRatio");
  check(
    "Chat agent on SQLite: bytes stored per turn constant as the conversation grows, turn 10 / turn 1 ≤ 1.1 (issue 17)",
    [chatBytes],
    () => chatBytes! <= 1.1,
    () =>
      `${formatRatio(chatBytes)} (${formatBytes(get("chat.sqlite.replaygraph.firstTurnBytes"))} → ${formatBytes(get("chat.sqlite.replaygraph.lastTurnBytes"))} per turn; ` +
      `LangGraph ${formatBytes(get("chat.sqlite.LangGraph.firstTurnBytes"))} → ${formatBytes(get("chat.sqlite.LangGraph.lastTurnBytes"))}, ${formatRatio(get("chat.sqlite.LangGraph.bytesTurnRatio"))})`,
  );

  // Issue 20: event format v2 (0.1.0 stored 610 B per chain step), and cold load against LangGraph's.
  const stepBytes = get("chain.sqlite.replaygraph.payloadBytesPerSuperstep");
  check(
    "Bytes stored per chain step (SQLite payload): ≤ 60 % of 0.1.0's 610 B (issue 20)",
    [stepBytes],
    () => stepBytes! <= 0.6 * 610,
    () =>
      `${formatBytes(stepBytes)} (${formatNumber((stepBytes! / 610) * 100, 0)} % of 610 B; LangGraph ${formatBytes(get("chain.sqlite.LangGraph.payloadBytesPerSuperstep"))})`,
  );
  const theirCold = get(`load.sqlite.LangGraph.${events}.coldMs`);
  check(
    `Cold load of a ${formatNumber(events)}-event thread (SQLite): ≤ LangGraph's (issue 20)`,
    [cold, theirCold],
    () => cold! <= theirCold!,
    () => `${formatMs(cold)} vs ${formatMs(theirCold)} ms`,
  );

  const verdict = (reached: boolean | undefined) => (reached === undefined ? "–" : reached ? "**reached**" : "**not reached**");
  const reachedCount = checks.filter((c) => c.reached === true).length;
  const judged = checks.filter((c) => c.reached !== undefined).length;
  return {
    title: "Targets of issue 7",
    intro: ["Medians from this run; ratios are taken within the run, on one machine."],
    tables: [{ headers: ["target", "measured", "verdict"], rows: checks.map((c) => [c.target, c.measured, verdict(c.reached)]) }],
    notes: [`${reachedCount} of ${judged} targets judged are reached.`],
  };
}
