import fc from "fast-check";
import type { Scenario } from "../model/scenario.js";

/** Cases a property may take to find a broken engine's counterexample (a fixed seed keeps it reproducible). */
const budget = 400;

/**
 * Runs a property against a deliberately broken engine (the test file mocks one module) and
 * returns fast-check's result, stopped at the first counterexample. The caller asserts it failed:
 * a property that cannot catch the break it is meant to catch would pass here.
 */
export async function findCounterexample(
  property: fc.IAsyncPropertyWithHooks<[Scenario]>,
  options: { shrink?: boolean } = {},
): Promise<fc.RunDetails<[Scenario]>> {
  return fc.check(property, { numRuns: budget, seed: 20_261_121, endOnFailure: !options.shrink });
}

/** The failure's message, for asserting the property failed for the right reason. */
export function failureOf(result: fc.RunDetails<[Scenario]>): string {
  const error = result.errorInstance;
  return error instanceof Error ? error.message : String(error);
}
