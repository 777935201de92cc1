import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { benchmarkNames, parseBenchOptions, type BenchOptions, type BenchmarkName } from "./bench-options.js";
import type { BenchContext, Metrics } from "./benchmark.js";
import { benchmarks, runOrder } from "./benchmarks.js";
import { benchDataRoot, createDataDir } from "./data-dir.js";
import { langGraphEngine } from "./langgraph-engine.js";
import { readMachineInfo } from "./machine-info.js";
import { packageRoot } from "./package-root.js";
import { profileChain } from "./profile-chain.js";
import { replaygraphEngine } from "./replaygraph-engine.js";
import { renderSection, type ReportSection } from "./report-section.js";
import { resultsHeader } from "./results-header.js";
import { targetsSection } from "./targets-section.js";

/**
 * The benchmark entry point (`npm run bench`): runs issue 7's benchmarks for replaygraph and
 * LangGraph JS, prints each section as Markdown when it is done, and writes them all to
 * `bench/RESULTS.md` (a full run) or `bench/.data/RESULTS-partial.md` (`--quick` or `--only`,
 * so a smoke run never overwrites the committed results).
 *
 * @example
 * npm run bench                      # everything, under 10 minutes on 2 cores
 * npm run bench -- --quick           # small sizes, under a minute
 * npm run bench -- --only chain,append --profile
 */
async function main(argv: readonly string[]): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(argv);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  const startedAt = new Date();
  const engines = [replaygraphEngine, langGraphEngine];
  const data = createDataDir();
  const context: BenchContext = { sizes: options.sizes, engines, data, progress: (line) => process.stderr.write(`  … ${line}\n`) };
  const print = (section: ReportSection) => process.stdout.write(`\n${renderSection(section)}`);
  const header = resultsHeader(readMachineInfo(startedAt), options, commandLine(argv), engines);
  const results = new Map<BenchmarkName, ReportSection>();
  const trailing: ReportSection[] = [];
  const metrics: Metrics = new Map();
  print(header);
  try {
    for (const name of runOrder.filter((n) => options.only.includes(n))) {
      const benchmark = benchmarks.find((b) => b.name === name);
      if (benchmark === undefined) throw new Error(`Benchmark '${name}' is in runOrder but not in benchmarks.`);
      const result = await benchmark.run(context);
      for (const [key, value] of result.metrics) metrics.set(key, value);
      results.set(name, result.section);
      print(result.section);
    }
    const targets = targetsSection(metrics, options.sizes);
    trailing.push(targets);
    print(targets);
    if (options.profile) {
      const profile = await profileChain(context);
      trailing.push(profile);
      print(profile);
    }
  } finally {
    data.remove();
  }
  // Printed as they finish; written in issue 7's order.
  const sections = [header, ...benchmarks.flatMap((b) => results.get(b.name) ?? []), ...trailing];
  const minutes = (Date.now() - startedAt.getTime()) / 60_000;
  const complete = !options.quick && options.only.length === benchmarkNames.length;
  const out = complete ? join(packageRoot(), "bench", "RESULTS.md") : join(benchDataRoot(), "RESULTS-partial.md");
  mkdirSync(dirname(out), { recursive: true });
  const title = `# replaygraph vs LangGraph JS: benchmark results\n\nWritten by \`bench/run-benchmarks.ts\` in ${minutes.toFixed(1)} minutes (issue 7).\n`;
  writeFileSync(out, [title, ...sections.map(renderSection)].join("\n"));
  process.stdout.write(`\nWrote ${relative(process.cwd(), out)} (${minutes.toFixed(1)} min).\n`);
}

/** The command as the user typed it: `npm run bench -- ...` under npm, the node command otherwise. */
function commandLine(argv: readonly string[]): string {
  const args = argv.join(" ");
  if (process.env["npm_lifecycle_event"] === "bench") return `npm run bench${args ? ` -- ${args}` : ""}`;
  const script = relative(process.cwd(), fileURLToPath(import.meta.url));
  return ["node", ...process.execArgv, script, args].filter((part) => part !== "").join(" ");
}

await main(process.argv.slice(2));
