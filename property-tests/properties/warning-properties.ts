import { threadId, type Observation } from "../model/play-scenario.js";
import { check, describeFailure, recordedWarnings, warningKey } from "./observation-queries.js";
import { expectedWarnings, isNonDeterminism } from "./warning-oracle.js";

/**
 * Rules 4, 14, 15 and 16: a warning is raised exactly when a generated program does I/O (or a
 * write observeSideEffects sees) outside effect() before the interrupt it is re-executed for,
 * changes its interrupt() sequence between executions, swallows the pause, or mutates its input
 * state — one per execution, naming the task — and never otherwise. In strict mode a changed
 * sequence fails the run with NonDeterminismError instead. Every recorded warning is also
 * returned to the caller (onWarning and `__warnings__`).
 */
export function assertWarningsExactly(observation: Observation): void {
  const expected = expectedWarnings(observation);
  if (expected.nonDeterminism) {
    check(
      isNonDeterminism(observation.failure),
      () =>
        `strict mode and a changed interrupt sequence: the run should fail with NonDeterminismError; it ${observation.failure ? `failed with ${describeFailure(observation.failure)}` : "did not fail"}`,
    );
  } else {
    check(observation.failure === undefined, () => `the run failed with ${describeFailure(observation.failure)}; nothing in the scenario should make it fail`);
  }
  // Each recorded warning's detail, by task and kind: it says what the engine saw (which I/O, which write).
  const actual = new Map<string, string[]>();
  for (const thread of observation.streams.keys()) {
    for (const warning of recordedWarnings(observation, thread)) {
      const key = warningKey(warning.taskId, warning.kind);
      actual.set(key, [...(actual.get(key) ?? []), warning.detail]);
    }
  }
  for (const key of new Set([...actual.keys(), ...expected.exact.keys(), ...expected.maybe.keys()])) {
    const got = actual.get(key)?.length ?? 0;
    const least = expected.exact.get(key) ?? 0;
    const most = least + (expected.maybe.get(key) ?? 0);
    const seen = got > 0 ? ` (recorded: ${actual.get(key)!.join(" | ")})` : "";
    check(
      got >= least && got <= most,
      () => `warnings '${key}' (task, kind): ${got} recorded${seen}; expected ${least === most ? least : `${least} to ${most}`}`,
    );
  }
}

/**
 * Rule 16: the warnings a call returns (onWarning, `__warnings__`) are the warnings recorded in the
 * thread's history and in the threads of the subgraphs it ran.
 */
export function assertWarningsReturned(observation: Observation): void {
  const recorded = recordedWarnings(observation, undefined)
    .map(({ kind, node, taskId }) => `${kind} ${node} ${taskId}`)
    .sort();
  const returned = observation.returnedWarnings.map(({ kind, node, taskId }) => `${kind} ${node} ${taskId}`).sort();
  const output = observation.outputWarnings.map(({ kind, node, taskId }) => `${kind} ${node} ${taskId}`).sort();
  check(returned.join("\n") === recorded.join("\n"), () => `onWarning got [${returned.join("; ")}] but the history records [${recorded.join("; ")}]`);
  if (observation.failure === undefined) {
    check(output.join("\n") === recorded.join("\n"), () => `__warnings__ had [${output.join("; ")}] but the history records [${recorded.join("; ")}]`);
  }
}
