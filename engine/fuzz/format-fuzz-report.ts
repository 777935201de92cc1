import type { FuzzReport } from "./fuzz-graph.js";

/**
 * A fuzz report as text for a terminal: a verdict, each broken rule with its node and what was
 * seen, and the reproduction program.
 *
 * @example
 * console.log(formatFuzzReport(await fuzzGraph(graph, { observeSideEffects: () => db.rows() })));
 */
export function formatFuzzReport(report: FuzzReport): string {
  const runs = `${report.numRuns} generated case(s), seed ${report.seed}`;
  if (report.ok) return `fuzzGraph: no replay rule broken in ${runs}.`;
  const lines = [`fuzzGraph: ${report.violations.length} replay rule(s) broken (${runs}; the case below is shrunk):`];
  for (const violation of report.violations) lines.push(`  ✗ ${violation.rule}${violation.node ? ` in node '${violation.node}'` : ""}`, `    ${violation.detail}`);
  if (report.counterexample) lines.push("", "Reproduction:", report.counterexample);
  return lines.join("\n");
}
