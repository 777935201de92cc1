import fc from "fast-check";
import { scenarioArbitrary, type ScenarioOptions } from "../model/arbitraries.js";
import { playScenario, type Observation } from "../model/play-scenario.js";
import type { Scenario } from "../model/scenario.js";

/**
 * How many cases a property runs: `FUZZ_RUNS` when set (the nightly `npm run fuzz`), else the
 * given CI default.
 */
export function runsFor(ciDefault: number): number {
  const fuzz = Number(process.env["FUZZ_RUNS"]);
  return Number.isSafeInteger(fuzz) && fuzz > 0 ? fuzz : ciDefault;
}

/** A test timeout that grows with the number of cases (about 40 ms a case on a loaded machine, generously). */
export function timeoutFor(runs: number): number {
  return 60_000 + runs * 200;
}

/** fast-check parameters: the run count, and `FUZZ_SEED`/`FUZZ_PATH` to replay a reported failure. */
export function parametersFor(runs: number): fc.Parameters<[unknown]> {
  const seed = Number(process.env["FUZZ_SEED"]);
  const path = process.env["FUZZ_PATH"];
  return { numRuns: runs, ...(Number.isSafeInteger(seed) ? { seed } : {}), ...(path ? { path } : {}) };
}

/** A property over generated scenarios: play each one, then check what it showed. */
export function scenarioProperty(options: ScenarioOptions, assert: (observation: Observation) => void): fc.IAsyncPropertyWithHooks<[Scenario]> {
  return fc.asyncProperty(scenarioArbitrary(options), async (scenario) => assert(await playScenario(scenario)));
}
