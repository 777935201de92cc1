import { NonDeterminismError } from "replaygraph";
import { canonical } from "../model/run-program.js";
import type { Observation } from "../model/play-scenario.js";
import type { Execution, Traced } from "../model/trace.js";
import { childAnswers, eventsOf, increment, ownAnswersBy, warningKey, type WarningCounts } from "./observation-queries.js";

/**
 * The replay warnings a played scenario should have raised, computed from what the nodes did (the
 * trace) and the answers given, never from what the engine recorded:
 * - `io-before-interrupt`: a re-execution for a resume did I/O outside effect() before reaching
 *   its answered interrupt (or before its subgraph resumed);
 * - `side-effect-repeated`: what observeSideEffects reads changed in that same stretch;
 * - `interrupt-sequence-changed`: a re-execution's answered call #k had another payload than the
 *   recorded call #k, or the node returned having made fewer calls than it had answers;
 * - `interrupt-swallowed`: the node caught the pause signal and returned;
 * - `state-mutated`: the node changed its input state in place.
 * `exact` counts are certain; `maybe` counts may or may not be raised: a change another task made
 * right after an execution ended but before the engine closed its replay window.
 */
export interface ExpectedWarnings {
  readonly exact: WarningCounts;
  readonly maybe: WarningCounts;
  /** Strict mode: whether the run must fail with NonDeterminismError. */
  readonly nonDeterminism: boolean;
}

/** The warnings each task of a played scenario should have raised, execution by execution. */
export function expectedWarnings(observation: Observation): ExpectedWarnings {
  const exact: WarningCounts = new Map();
  const maybe: WarningCounts = new Map();
  const { trace, scenario } = observation;
  let nonDeterminism = false;
  for (const task of trace.tasks()) {
    const recorded: Extract<Traced, { kind: "raised" }>[] = [];
    for (const execution of trace.executionsOf(task)) {
      const own = ownAnswersBy(observation, task, execution.call).length;
      const childNow = childAnswers(observation, task, (call) => call === execution.call).length;
      const childEver = childAnswers(observation, task, (call) => call <= execution.call).length;
      const key = (kind: Parameters<typeof warningKey>[1]) => warningKey(task, kind);

      if (own > 0 || childEver > 0) {
        const window = replayWindowOf(execution, own, childNow > 0, observation);
        if (eventsOf(execution, "io").some((event) => !event.inEffect && event.seq < window.close)) increment(exact, key("io-before-interrupt"));
        if (scenario.observe) {
          const changedIn = (from: number, to: number) =>
            trace.events.some((event) => event.kind === "db" && event.changed && event.seq > from && event.seq < to);
          if (changedIn(window.open, window.close)) increment(exact, key("side-effect-repeated"));
          else if (changedIn(window.close, window.uncertainUntil)) increment(maybe, key("side-effect-repeated"));
        }
      }

      const asks = eventsOf(execution, "ask");
      let changed = asks.filter((ask) => ask.k < own && recorded[ask.k] !== undefined && canonical(recorded[ask.k]!.payload) !== canonical(ask.payload)).length;
      const swallowed = eventsOf(execution, "raised").some((event) => event.swallowed);
      const returned = eventsOf(execution, "end").some((event) => event.how === "returned");
      if (returned && !swallowed && asks.length < own) changed++;
      if (scenario.strict && changed > 0) {
        nonDeterminism = true;
        increment(exact, key("interrupt-sequence-changed"));
        increment(maybe, key("interrupt-sequence-changed"), changed - 1);
      } else increment(exact, key("interrupt-sequence-changed"), changed);

      // In strict mode a changed sequence fails the task first, and a failed task is not paused.
      if (returned && swallowed && !(scenario.strict && changed > 0)) increment(exact, key("interrupt-swallowed"));
      if (eventsOf(execution, "mutate").length > 0) increment(exact, key("state-mutated"));

      const paused = pausedOn(execution);
      if (paused) recorded.push(paused);
    }
  }
  return { exact, maybe, nonDeterminism };
}

/**
 * Where an execution's replay window opens and closes (global trace positions): it opens when the
 * task starts and closes when its answered call #own-1 returns, when its subgraph resumes, or
 * when the execution ends. After a close at a subgraph call or at the end, the engine closes the
 * window a little later than the node's own events show: changes made by others in that stretch
 * are uncertain.
 */
function replayWindowOf(
  execution: Execution,
  own: number,
  childResumes: boolean,
  observation: Observation,
): { open: number; close: number; uncertainUntil: number } {
  const start = execution.events[0]!.seq;
  const answeredLast = own > 0 ? eventsOf(execution, "answered").find((event) => event.k === own - 1) : undefined;
  const subgraphCall = childResumes ? eventsOf(execution, "subgraphCall")[0] : undefined;
  const candidates: Traced[] = [];
  if (answeredLast) candidates.push(answeredLast);
  if (subgraphCall) candidates.push(subgraphCall);
  const first = candidates.sort((a, b) => a.seq - b.seq)[0];
  if (first && first === answeredLast) return { open: start, close: first.seq, uncertainUntil: first.seq };
  const close = first ? first.seq : execution.events.at(-1)!.seq + 1;
  const later = observation.trace.executions.find((other) => other.call > execution.call);
  return { open: start, close, uncertainUntil: later ? later.events[0]!.seq : Infinity };
}

/** The own interrupt() call an execution ended paused on (thrown, or swallowed and returned), if any. */
function pausedOn(execution: Execution): Extract<Traced, { kind: "raised" }> | undefined {
  const raised = eventsOf(execution, "raised").at(-1);
  if (!raised) return undefined;
  const subgraphCall = eventsOf(execution, "subgraphCall").at(-1);
  const endedAtChild = subgraphCall && subgraphCall.seq > raised.seq && execution.events.at(-1)?.kind === "end" && execution.events.at(-2) === subgraphCall;
  return endedAtChild ? undefined : raised;
}

/** Whether a failure is the one strict mode should raise. */
export function isNonDeterminism(failure: unknown): boolean {
  return failure instanceof NonDeterminismError;
}
