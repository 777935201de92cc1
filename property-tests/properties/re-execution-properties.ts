import { canonical } from "../model/run-program.js";
import type { Observation } from "../model/play-scenario.js";
import { check, childAnswers, describeFailure, eventsOf, ownAnswersBy } from "./observation-queries.js";

/**
 * Rule 12 and 18: a task runs once, then once more for every resume that answered one of its
 * interrupts (or an interrupt of a subgraph it runs) — never for a resume that answered only
 * others — and each re-execution starts from the node's first line: it makes interrupt() calls
 * #0..#A-1 again (A = its answers so far), each returning its recorded answer, before anything new.
 */
export function assertReRunsFromStart(observation: Observation): void {
  check(observation.failure === undefined, () => `a deterministic graph failed: ${describeFailure(observation.failure)}`);
  for (const task of observation.trace.tasks()) {
    const executions = observation.trace.executionsOf(task);
    const first = executions[0]!;
    const resumes = new Set([...ownAnswersBy(observation, task, Infinity), ...childAnswers(observation, task, () => true)].map((delivery) => delivery.call));
    check(
      executions.length === 1 + resumes.size,
      () =>
        `task ${task} of node ${first.node} ran ${executions.length} time(s); expected ${1 + resumes.size} (once, then once per resume that answered it: calls ${[...resumes].join(", ") || "none"}; it ran in calls ${executions.map((e) => e.call).join(", ")})`,
    );
    for (const execution of executions) {
      const answers = ownAnswersBy(observation, task, execution.call).length;
      const replayed = eventsOf(execution, "answered").map((event) => event.k);
      const expected = Array.from({ length: answers }, (_, k) => k);
      check(
        canonical(replayed) === canonical(expected),
        () =>
          `execution ${execution.number} of task ${task} (node ${execution.node}) got answers for calls [${replayed.join(", ")}]; it had ${answers} answer(s), so it should have replayed calls [${expected.join(", ")}] from its start`,
      );
    }
  }
}

/**
 * Rule 13 and 2: the k-th interrupt() call of a task returns the k-th answer given to that task,
 * in every execution and every schedule (restarts included); each call keeps one id across
 * executions, and different calls have different 32-hex ids.
 */
export function assertAnswersByPosition(observation: Observation): void {
  check(observation.failure === undefined, () => `a deterministic graph failed: ${describeFailure(observation.failure)}`);
  const given = new Map(observation.deliveries.map((delivery) => [`${delivery.task}#${delivery.k}`, delivery]));
  for (const execution of observation.trace.executions) {
    for (const answered of eventsOf(execution, "answered")) {
      const delivery = given.get(`${execution.task}#${answered.k}`);
      check(
        delivery !== undefined,
        () =>
          `interrupt() call #${answered.k} of task ${execution.task} (node ${execution.node}) returned ${canonical(answered.value)}, but no answer was given to that call`,
      );
      check(
        canonical(answered.value) === canonical(delivery.value),
        () =>
          `interrupt() call #${answered.k} of task ${execution.task} (node ${execution.node}), execution ${execution.number}, returned ${canonical(answered.value)}; the answer given to that call was ${canonical(delivery.value)}`,
      );
    }
  }
  const ids = new Map<string, string>();
  for (const event of observation.trace.events) {
    if (event.kind !== "raised") continue;
    const call = `${event.execution.task}#${event.k}`;
    check(/^[0-9a-f]{32}$/.test(event.id), () => `interrupt id ${event.id} is not 32 lowercase hex characters`);
    check((ids.get(call) ?? event.id) === event.id, () => `interrupt() call ${call} had id ${ids.get(call)} and then ${event.id} in a later execution`);
    ids.set(call, event.id);
  }
  check(
    new Set(ids.values()).size === ids.size,
    () => `two different interrupt() calls share an id: ${[...ids].map(([call, id]) => `${call}=${id}`).join(", ")}`,
  );
}
