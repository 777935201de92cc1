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
  const nodeErrors = report.violations.filter((violation) => violation.rule === "node-threw");
  const broken = report.violations.filter((violation) => violation.rule !== "node-threw");
  const found = [broken.length > 0 ? `${broken.length} replay rule(s) broken` : "", nodeErrors.length > 0 ? `${nodeErrors.length} node error(s)` : ""]
    .filter(Boolean)
    .join(", ");
  const lines = [`fuzzGraph: ${found} (${runs}; the case below is shrunk):`];
  for (const violation of broken) lines.push(`  ✗ ${violation.rule}${violation.node ? ` in node '${violation.node}'` : ""}`, `    ${violation.detail}`);
  for (const error of nodeErrors) {
    lines.push(
      `  ✗ node '${error.node || "?"}' threw: a bug in the graph on the generated input or answers below, not a broken replay rule`,
      `    ${error.detail}`,
      "    If no user can give such an answer, narrow them: export `answers` (a fast-check arbitrary or a JSON Schema) from the module, or pass --answers <schema.json>.",
    );
  }
  if (report.counterexample) lines.push("", "Reproduction:", report.counterexample);
  return lines.join("\n");
}
