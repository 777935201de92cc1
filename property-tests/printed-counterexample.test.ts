import fc from "fast-check";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { spawnTypeScriptWorker } from "../store/testing/spawn-typescript-worker.js";
import { scenarioArbitrary } from "./model/arbitraries.js";
import { playScenario } from "./model/play-scenario.js";
import { printedImports, printScenario, printScenarioBody } from "./model/print-scenario.js";

const directory = await mkdtemp(join(tmpdir(), "replaygraph-printed-"));
afterAll(() => rm(directory, { recursive: true, force: true }));

async function runModule(source: string): Promise<string> {
  const file = join(directory, `program-${Math.random().toString(36).slice(2)}.ts`);
  await writeFile(file, source);
  const child = spawnTypeScriptWorker(pathToFileURL(file), []);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`the printed program failed (exit ${code}):\n${stderr}\n${source}`);
  return stdout;
}

describe("a counterexample prints as a runnable program", () => {
  it("the printed program of a scenario, run in its own process, ends in the state the harness saw", async () => {
    // Scenarios that end without a failure: deterministic programs, effects, real I/O, restarts, wrong resumes.
    const scenarios = fc.sample(
      scenarioArbitrary({
        ops: ["write", "interrupt", "askUntil", "effect", "route", "swallow", "io", "db"],
        stale: ["answered", "unknown", "mixed", "bare", "oldCheckpoint", "otherThread"],
        observe: true,
      }),
      { numRuns: 12, seed: 42 },
    );
    const expected: string[] = [];
    for (const scenario of scenarios) {
      const observation = await playScenario(scenario);
      expect(observation.failure).toBeUndefined();
      expected.push(JSON.stringify(observation.finalValues));
    }
    const source = `${printedImports}\n${scenarios.map((scenario) => `{\n${printScenarioBody(scenario)}\n}`).join("\n")}\n`;
    const output = await runModule(source);
    const finals = output
      .split("\n")
      .filter((line) => line.startsWith("final state "))
      .map((line) => line.slice("final state ".length));
    expect(finals).toEqual(expected);
    expect(output).not.toMatch(/ACCEPTED|CHANGED/);
    expect(output.match(/refused \(/g)?.length ?? 0).toBeGreaterThan(0);
  }, 120_000);

  it("a failing property reports the shrunk scenario as that program", async () => {
    const result = await fc.check(
      fc.asyncProperty(scenarioArbitrary({ ops: ["write", "interrupt"] }), async (scenario) => {
        const observation = await playScenario(scenario);
        // A deliberately false claim: no node ever runs twice.
        if (observation.trace.executions.some((execution) => execution.number > 1)) throw new Error("a node ran twice");
      }),
      { numRuns: 200, seed: 7 },
    );
    expect(result.failed).toBe(true);
    const report = fc.defaultReportMessage(result) ?? "";
    expect(report).toContain("// --- counterexample: a graph and its answers, as a program ---");
    expect(report).toContain("interrupt");
    expect(report).toContain("await answer(");
    // Shrunk to the smallest case: one node that asks once, answered once.
    const shrunk = result.counterexample![0];
    expect(printScenario(shrunk)).toBe(String(shrunk));
    expect(shrunk.steps).toHaveLength(1);
  }, 120_000);
});
