import type { Observation } from "../model/play-scenario.js";
import { check, describeFailure } from "./observation-queries.js";

/**
 * Rules 26 and 2: replaying the thread's stream gives the live state at every revision the
 * process wrote (checked before each append and after each call, subgraph threads included), a
 * cold graph's getState() equals the live one, and a restarted process sees the same pending
 * interrupts with the same ids.
 */
export function assertReplayMatchesLive(observation: Observation): void {
  check(observation.divergences.length === 0, () => `live state ≠ replay:\n  ${observation.divergences.join("\n  ")}`);
  check(observation.idChanges.length === 0, () => observation.idChanges.join("\n"));
  check(
    observation.failure === undefined || (observation.failure as Error).name === "NonDeterminismError",
    () => `the run failed: ${describeFailure(observation.failure)}`,
  );
}
