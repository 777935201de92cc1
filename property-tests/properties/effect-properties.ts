import { canonical } from "../model/run-program.js";
import type { Observation } from "../model/play-scenario.js";
import { check, describeFailure } from "./observation-queries.js";

/**
 * Rule 15: an `effect(key, fn)` body runs exactly once per task, however many times the task is
 * re-executed (resumes, restarts of the process in between), and every execution that reaches
 * the effect gets the result the first one recorded.
 */
export function assertEffectsRunOnce(observation: Observation): void {
  check(observation.failure === undefined, () => `a deterministic graph failed: ${describeFailure(observation.failure)}`);
  const bodies = new Map<string, number>();
  const results = new Map<string, unknown>();
  for (const event of observation.trace.events) {
    const effect = `${event.execution.task}/${"key" in event ? event.key : ""}`;
    if (event.kind === "effectBody") bodies.set(effect, (bodies.get(effect) ?? 0) + 1);
    if (event.kind !== "effectResult") continue;
    const first = results.has(effect) ? results.get(effect) : event.value;
    results.set(effect, first);
    check(
      canonical(event.value) === canonical(first),
      () =>
        `effect '${event.key}' of task ${event.execution.task} (node ${event.execution.node}) returned ${canonical(first)} and later ${canonical(event.value)} (execution ${event.execution.number})`,
    );
  }
  for (const effect of results.keys()) {
    check(bodies.get(effect) === 1, () => `the body of effect ${effect} ran ${bodies.get(effect) ?? 0} time(s); expected exactly once`);
  }
}
