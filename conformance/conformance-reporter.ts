import { readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import type { Reporter, TestModule } from "vitest/node";
import {
  caseKey,
  conformanceLibraries,
  isUpstreamFile,
  manifestPath,
  readManifest,
  resultsPath,
  upstreamTestsDir,
  type CaseRecord,
  type ConformanceLibrary,
  type ConformanceManifest,
  uncollectedPlaceholderName,
} from "./conformance-manifest.js";
import { countCases, failureGroups, resultsMarkdown, type CaseRow } from "./results-markdown.js";

const upstreamCommit = "langchain-ai/langgraphjs@f8bdf16d4fe23a79e945ea5dc6f86bbf09abb77d (libs/langgraph-core = @langchain/langgraph 1.4.12)";

function libraryOfProject(projectName: string): ConformanceLibrary | undefined {
  return conformanceLibraries.find((library) => projectName === `conformance-${library}`);
}

function langgraphVersion(): string {
  const manifestUrl = new URL("../node_modules/@langchain/langgraph/package.json", import.meta.url);
  return (JSON.parse(readFileSync(manifestUrl, "utf8")) as { version: string }).version;
}

/**
 * Gathers what the conformance runner recorded on every upstream case, prints the counts and each
 * project's time, and holds the whole set against conformance/expected.json: a case that is missing,
 * new, or changed outside a run (excluded, skipped) fails the run, as a changed outcome already
 * did in the runner. With CONFORMANCE_UPDATE=1 it rewrites expected.json and RESULTS.md instead.
 */
export default class ConformanceReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const records = new Map<ConformanceLibrary, CaseRecord[]>();
    const filesRun = new Map<ConformanceLibrary, Set<string>>();
    const seconds = new Map<ConformanceLibrary, number>();
    const collectErrors = new Map<string, Array<{ describe: string; reason: string }>>();
    for (const testModule of testModules) {
      const library = libraryOfProject(testModule.project.name);
      if (!library || !isUpstreamFile(testModule.moduleId)) continue;
      filesRun.set(library, (filesRun.get(library) ?? new Set()).add(relative(upstreamTestsDir, testModule.moduleId)));
      seconds.set(library, (seconds.get(library) ?? 0) + testModule.diagnostic().duration / 1000);
      const list = records.get(library) ?? [];
      const fileErrors = testModule.meta().conformanceCollectErrors ?? [];
      if (fileErrors.length > 0) collectErrors.set(`${library}:${relative(upstreamTestsDir, testModule.moduleId)}`, [...fileErrors]);
      for (const testCase of testModule.children.allTests()) {
        // Cases in a skipped describe never reach the runner: they are upstream skips.
        const fallbackKey = caseKey(testModule.moduleId, testCase.fullName.split(" > "));
        list.push(testCase.meta().conformance ?? { key: fallbackKey, library, outcome: "skip", reason: "skipped upstream" });
      }
      records.set(library, list);
    }
    if (records.size === 0) return;
    addUncollectedCases(records, filesRun, collectErrors);
    const rows = rowsOf(records);
    const counts = countCases(rows);
    const timing = [...seconds].map(([library, total]) => `${library} ${total.toFixed(1)} s`).join(", ");
    console.log(
      `\nconformance: ${counts.selected} upstream cases selected (${counts.excluded} excluded); pass on LangGraph ${langgraphVersion()}: ${counts.passLanggraph}, on replaygraph: ${counts.passReplaygraph} (both: ${counts.passBoth}). Files' time: ${timing}.`,
    );
    for (const group of failureGroups(
      rows.filter((row) => row.langgraph?.outcome === "pass"),
      "replaygraph",
    ).slice(0, 5)) {
      console.log(`  ${String(group.keys.length).padStart(4)} × ${group.pattern}`);
    }
    if (process.env.CONFORMANCE_UPDATE === "1") {
      update(rows, records, filesRun);
      return;
    }
    const drift = driftFrom(readManifest(), records, filesRun);
    if (drift.length > 0) {
      console.error(
        `conformance: ${drift.length} case(s) differ from conformance/expected.json:\n${drift
          .slice(0, 40)
          .map((line) => `  ${line}`)
          .join("\n")}\nRun \`npm run conformance:update\` if the new outcomes are right.`,
      );
      process.exitCode = 1;
    }
  }
}

/**
 * A case that ran on one library but was never collected on the other (a describe body threw
 * there, see upstream-vitest.ts) failed there, with the describe's error as its reason. The
 * reference set of cases is the LangGraph run's, or the manifest's when LangGraph did not run.
 */
function addUncollectedCases(
  records: Map<ConformanceLibrary, CaseRecord[]>,
  filesRun: Map<ConformanceLibrary, Set<string>>,
  collectErrors: Map<string, Array<{ describe: string; reason: string }>>,
): void {
  const manifest = readManifest();
  for (const library of conformanceLibraries) {
    const list = records.get(library);
    if (!list) continue;
    const other = conformanceLibraries.find((candidate) => candidate !== library) ?? library;
    const reference =
      records.get(other)?.map((record) => record.key) ?? Object.keys(manifest.cases).filter((key) => manifest.cases[key]?.[other] !== undefined);
    const seen = new Set(list.map((record) => record.key));
    const ran = filesRun.get(library) ?? new Set();
    for (const key of reference) {
      const file = key.split(" > ")[0] ?? "";
      if (seen.has(key) || !ran.has(file) || key.endsWith(uncollectedPlaceholderName)) continue;
      const errors = collectErrors.get(`${library}:${file}`) ?? [];
      const cause = errors.find((error) => key.includes(` > ${error.describe} > `)) ?? errors[0];
      list.push({ key, library, outcome: "fail", reason: cause ? `not collected: ${cause.reason}` : "not collected on this library" });
    }
  }
}

function rowsOf(records: Map<ConformanceLibrary, CaseRecord[]>): CaseRow[] {
  const byKey = new Map<string, { key: string; langgraph?: CaseRecord; replaygraph?: CaseRecord }>();
  for (const [library, list] of records) {
    for (const record of list) byKey.set(record.key, { ...(byKey.get(record.key) ?? { key: record.key }), [library]: record });
  }
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}

function driftFrom(manifest: ConformanceManifest, records: Map<ConformanceLibrary, CaseRecord[]>, filesRun: Map<ConformanceLibrary, Set<string>>): string[] {
  const drift: string[] = [];
  for (const [library, list] of records) {
    const seen = new Set<string>();
    for (const record of list) {
      seen.add(record.key);
      const expected = manifest.cases[record.key]?.[library];
      if (expected !== record.outcome) drift.push(`${library}: ${record.key}: expected ${expected ?? "(no entry)"}, got ${record.outcome}`);
    }
    const ran = filesRun.get(library) ?? new Set();
    for (const [key, outcomes] of Object.entries(manifest.cases)) {
      if (outcomes[library] !== undefined && ran.has(key.split(" > ")[0] ?? "") && !seen.has(key))
        drift.push(`${library}: ${key}: in the manifest but did not run`);
    }
  }
  return drift;
}

function update(rows: CaseRow[], records: Map<ConformanceLibrary, CaseRecord[]>, filesRun: Map<ConformanceLibrary, Set<string>>): void {
  const everyFile = new Set([...filesRun.values()].flatMap((files) => [...files]));
  const partial = conformanceLibraries.filter((library) => !records.has(library) || (filesRun.get(library)?.size ?? 0) < everyFile.size);
  if (partial.length > 0) {
    console.error(
      `conformance: not rewriting the manifest: ${partial.join(", ")} did not run every upstream file. Run \`npm run conformance:update\` with no filters.`,
    );
    process.exitCode = 1;
    return;
  }
  const cases: ConformanceManifest["cases"] = {};
  for (const row of rows)
    cases[row.key] = Object.fromEntries(conformanceLibraries.flatMap((library) => (row[library] ? [[library, row[library].outcome]] : [])));
  const manifest: ConformanceManifest = { upstream: upstreamCommit, cases };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(resultsPath, resultsMarkdown(rows, { upstream: "f8bdf16 (@langchain/langgraph 1.4.12 source)", langgraph: langgraphVersion() }));
  console.log(`conformance: wrote ${relative(process.cwd(), manifestPath)} (${rows.length} cases) and ${relative(process.cwd(), resultsPath)}`);
}
