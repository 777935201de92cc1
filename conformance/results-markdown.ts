import type { CaseOutcome, CaseRecord, ConformanceLibrary } from "./conformance-manifest.js";
import { failurePattern } from "./failure-pattern.js";

/** One case's records on both libraries, as the reporter gathered them. */
export interface CaseRow {
  readonly key: string;
  readonly langgraph?: CaseRecord;
  readonly replaygraph?: CaseRecord;
}

/** The counts the runner prints and RESULTS.md opens with. */
export interface ConformanceCounts {
  readonly selected: number;
  readonly excluded: number;
  readonly skippedUpstream: number;
  readonly passLanggraph: number;
  readonly passReplaygraph: number;
  readonly passBoth: number;
  readonly langgraphOnly: number;
  readonly replaygraphOnly: number;
}

const outcomeOf = (row: CaseRow, library: ConformanceLibrary): CaseOutcome | undefined => row[library]?.outcome;

/** Counts over every case: selected means run (not excluded, not skipped upstream) on LangGraph. */
export function countCases(rows: readonly CaseRow[]): ConformanceCounts {
  const selected = rows.filter((row) => ["pass", "fail"].includes(outcomeOf(row, "langgraph") ?? ""));
  const passes = (row: CaseRow, library: ConformanceLibrary) => outcomeOf(row, library) === "pass";
  return {
    selected: selected.length,
    excluded: rows.filter((row) => outcomeOf(row, "langgraph") === "excluded").length,
    skippedUpstream: rows.filter((row) => outcomeOf(row, "langgraph") === "skip").length,
    passLanggraph: selected.filter((row) => passes(row, "langgraph")).length,
    passReplaygraph: selected.filter((row) => passes(row, "replaygraph")).length,
    passBoth: selected.filter((row) => passes(row, "langgraph") && passes(row, "replaygraph")).length,
    langgraphOnly: selected.filter((row) => passes(row, "langgraph") && !passes(row, "replaygraph")).length,
    replaygraphOnly: selected.filter((row) => !passes(row, "langgraph") && passes(row, "replaygraph")).length,
  };
}

/** Groups of cases by the pattern of their first error on one library, largest group first. */
export function failureGroups(rows: readonly CaseRow[], library: ConformanceLibrary): Array<{ pattern: string; keys: string[] }> {
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    const record = row[library];
    if (record?.outcome !== "fail") continue;
    const pattern = failurePattern(record.reason ?? "(no error recorded)");
    groups.set(pattern, [...(groups.get(pattern) ?? []), row.key]);
  }
  return [...groups.entries()]
    .map(([pattern, keys]) => ({ pattern, keys }))
    .sort((a, b) => b.keys.length - a.keys.length || a.pattern.localeCompare(b.pattern));
}

function fileOf(key: string): string {
  return key.split(" > ")[0] ?? key;
}

function countsLine(counts: ConformanceCounts): string {
  return `| ${counts.selected} | ${counts.passLanggraph} | ${counts.passReplaygraph} | ${counts.passBoth} | ${counts.langgraphOnly} | ${counts.replaygraphOnly} | ${counts.excluded} |`;
}

const escapeCell = (text: string) => text.replace(/\|/g, "\\|").replace(/`/g, "'");

/** RESULTS.md: counts per file, failure groups, and every excluded case with its reason. */
export function resultsMarkdown(rows: readonly CaseRow[], versions: { upstream: string; langgraph: string }): string {
  const counts = countCases(rows);
  const files = [...new Set(rows.map((row) => fileOf(row.key)))].sort();
  const lines: string[] = [
    "# Conformance results (generated)",
    "",
    "Written by `npm run conformance:update`; do not edit by hand. The upstream LangGraph JS test cases in",
    `\`conformance/upstream/\` (langgraphjs ${versions.upstream}) run verbatim against @langchain/langgraph ${versions.langgraph}`,
    "and against replaygraph. See conformance/README.md.",
    "",
    "| file | selected | pass on LangGraph | pass on replaygraph | pass on both | LangGraph only | replaygraph only | excluded |",
    "|---|---|---|---|---|---|---|---|",
    ...files.map((file) => `| ${file} ${countsLine(countCases(rows.filter((row) => fileOf(row.key) === file)))}`),
    `| **all** ${countsLine(counts)}`,
    "",
    `Upstream's own \`it.skip\` cases (${counts.skippedUpstream}) are not counted.`,
    "",
    "## Pass on LangGraph, fail on replaygraph: by first failure",
    "",
  ];
  const gaps = rows.filter((row) => outcomeOf(row, "langgraph") === "pass" && outcomeOf(row, "replaygraph") === "fail");
  for (const group of failureGroups(gaps, "replaygraph")) {
    const detail = (key: string) => {
      const reason = (gaps.find((row) => row.key === key)?.replaygraph?.reason ?? "").split("\n")[0] ?? "";
      return reason.startsWith("NotExportedError") ? "" : ` — \`${escapeCell(reason.slice(0, 200))}\``;
    };
    lines.push(`### ${group.keys.length} × \`${escapeCell(group.pattern)}\``, "", ...group.keys.map((key) => `- ${key}${detail(key)}`), "");
  }
  lines.push("## Fail on LangGraph " + versions.langgraph + " itself (the upstream snapshot is 1.4.12)", "");
  for (const group of failureGroups(rows, "langgraph")) {
    lines.push(`- ${group.keys.length} × \`${escapeCell(group.pattern)}\`: ${group.keys.join("; ")}`);
  }
  lines.push("", "## Pass on replaygraph, fail on LangGraph", "");
  for (const row of rows.filter((each) => outcomeOf(each, "langgraph") === "fail" && outcomeOf(each, "replaygraph") === "pass")) lines.push(`- ${row.key}`);
  lines.push("", "## Excluded, one by one", "", "| case | reason |", "|---|---|");
  for (const row of rows.filter((each) => outcomeOf(each, "langgraph") === "excluded")) {
    lines.push(`| ${escapeCell(row.key)} | ${escapeCell(row.langgraph?.reason ?? "")} |`);
  }
  return `${lines.join("\n")}\n`;
}
