import type fc from "fast-check";
import { allOps, allStaleKinds, deterministicOps } from "../model/arbitraries.js";
import type { OpKind } from "../model/graph-model.js";
import type { Scenario } from "../model/scenario.js";
import { assertEffectsRunOnce } from "./effect-properties.js";
import { assertAnswersByPosition, assertReRunsFromStart } from "./re-execution-properties.js";
import { assertStaleAnswersRefused } from "./refusal-properties.js";
import { assertReplayMatchesLive } from "./replay-properties.js";
import { scenarioProperty } from "./scenario-property.js";
import { assertWarningsExactly, assertWarningsReturned } from "./warning-properties.js";

/** Ops whose interrupt() calls are the same on every execution (the side-effecting ones included). */
const repeatableOps: readonly OpKind[] = [...deterministicOps, "io", "db", "mutate"];

/**
 * The replay properties, each a fast-check property over generated scenarios. The test files run
 * them against the engine; broken-engines/ runs them against deliberately broken variants, where
 * each must find a counterexample.
 */
export const replayProperties = {
  /** Rules 12, 18: a task runs once, then once per resume that answers it, each time from its first line. */
  reRunsFromStart: (): fc.IAsyncPropertyWithHooks<[Scenario]> => scenarioProperty({ ops: repeatableOps, weights: { interrupt: 3 } }, assertReRunsFromStart),
  /** Rules 13, 2: the k-th interrupt() call returns the k-th answer; ids are stable per call. */
  answersByPosition: (): fc.IAsyncPropertyWithHooks<[Scenario]> =>
    scenarioProperty({ ops: repeatableOps, weights: { interrupt: 3, askUntil: 2 } }, assertAnswersByPosition),
  /** Rule 15: an effect body runs exactly once per task. */
  effectsRunOnce: (): fc.IAsyncPropertyWithHooks<[Scenario]> =>
    scenarioProperty({ ops: repeatableOps, weights: { effect: 3, interrupt: 3 } }, assertEffectsRunOnce),
  /** Rules 15, 16: I/O or an observed write outside effect() before the answered interrupt warns, and nothing else does. */
  sideEffectWarnings: (): fc.IAsyncPropertyWithHooks<[Scenario]> =>
    scenarioProperty({ ops: repeatableOps, observe: true, weights: { interrupt: 4, io: 3, db: 3, askUntil: 2 } }, assertWarningsExactly),
  /** Rules 4, 14: a changed interrupt sequence or a swallowed pause warns (strict: NonDeterminismError), and nothing else does. */
  determinismWarnings: (): fc.IAsyncPropertyWithHooks<[Scenario]> =>
    scenarioProperty({ ops: [...deterministicOps, "varyingInterrupt", "skippedOnReplay"], strict: true, weights: { interrupt: 3 } }, assertWarningsExactly),
  /** Rule 16: the warnings returned to the caller are the ones recorded in the thread. */
  warningsReturned: (): fc.IAsyncPropertyWithHooks<[Scenario]> =>
    scenarioProperty({ ops: allOps, observe: true }, (observation) => assertWarningsReturned(observation)),
  /** Rules 26, 2: replay = live state at every revision; restarts see the same pending interrupts. */
  replayMatchesLive: (): fc.IAsyncPropertyWithHooks<[Scenario]> =>
    scenarioProperty({ ops: allOps, observe: true, strict: true, stale: allStaleKinds }, assertReplayMatchesLive),
  /** Rules 6, 7, 10: a stale or unknown answer is refused and changes nothing. */
  staleAnswersRefused: (): fc.IAsyncPropertyWithHooks<[Scenario]> => scenarioProperty({ ops: repeatableOps, stale: allStaleKinds }, assertStaleAnswersRefused),
};
