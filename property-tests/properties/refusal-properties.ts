import { UnknownInterruptError } from "replaygraph";
import type { Observation } from "../model/play-scenario.js";
import { check, describeFailure } from "./observation-queries.js";

/**
 * Rules 6, 7, 10 and 27: a stale or unknown answer (an answered id, an unknown id, a map mixing a
 * pending id with either, a bare value while several are pending, a resume naming an old
 * checkpoint, a resume sent to another thread, a resume with nothing pending) is refused with its
 * named error, and changes nothing: no event is appended to any stream, the state is the same and
 * no node runs. The real resume after it then works.
 */
export function assertStaleAnswersRefused(observation: Observation): void {
  for (const refusal of observation.refusals) {
    check(
      refusal.error instanceof Error && refusal.error.name === refusal.expected,
      () => `a wrong resume (${refusal.kind}) should be refused with ${refusal.expected}; got ${describeFailure(refusal.error)}`,
    );
    check(refusal.changed === undefined, () => `a refused resume (${refusal.kind}) changed something: ${refusal.changed}`);
    if (refusal.kind === "answered") {
      check(
        (refusal.error as UnknownInterruptError).reason === "already_answered",
        () => `an answered id was refused as '${(refusal.error as UnknownInterruptError).reason}', not 'already_answered'`,
      );
    }
  }
  check(observation.failure === undefined, () => `the run failed after the refusals: ${describeFailure(observation.failure)}`);
}
