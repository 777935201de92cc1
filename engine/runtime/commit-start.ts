import { START } from "../graph/constants.js";
import { decide } from "../thread/decide.js";
import type { Decision } from "../thread/decision.js";
import { computeRoutes } from "./compute-routes.js";
import { retryOnConflict } from "./conflict-retry-policy.js";
import { createNodeConfig } from "./node-config.js";
import type { RunWriter } from "./run-writer.js";
import type { RunEnvironment, RunStart } from "./run-thread.js";
import type { ThreadActor } from "./thread-actor.js";
import type { ThreadState } from "../thread/thread-state.js";

/**
 * Decides the run's start on the thread as it is, and appends it, or (`defer`) holds it back for
 * the run's first step to append. False when there is nothing to run (a queued run is then
 * recorded as started and ended).
 *
 * @throws the start's named refusal, once it is recorded.
 */
export async function commitStart(writer: RunWriter, start: RunStart, env: RunEnvironment, defer: boolean): Promise<boolean> {
  const actor = writer.actor;
  return retryOnConflict(
    async () => {
      const at = env.now();
      const given = pendingInputRun(actor.state, start.input);
      const input = given.kind === "input" ? { ...given, routes: await inputRoutes(actor, given.values, env) } : given;
      const lease = env.leaseMs === undefined ? {} : { leaseExpiresAt: at + env.leaseMs };
      const decision: Decision = decide(actor.graph, actor.state, { ...start, ...lease, input, at });
      if (decision.events.length === 0) return false;
      // A queued run with nothing to run ends as it starts (see decideStartRun).
      const ended = decision.refused === undefined && decision.state.activeRun?.runId !== start.runId;
      if (defer && decision.refused === undefined && !ended) {
        writer.defer({ decision, at });
        return true;
      }
      await actor.commit(decision, at, start.runId);
      if (decision.refused !== undefined) throw decision.refused;
      return !ended;
    },
    { beforeRetry: () => actor.catchUp() },
  );
}

/** Where a new input goes: the routes from START, computed on the thread's values. */
async function inputRoutes(actor: ThreadActor, values: Record<string, unknown>, env: RunEnvironment) {
  const config = createNodeConfig({
    threadId: actor.threadId,
    configurable: env.configurable,
    signal: env.signal,
    metadata: env.metadata,
    store: env.longTermStore,
    context: env.context,
    passed: env.passed,
  });
  return computeRoutes(actor.graph, START, actor.state.values, values, [], config, actor.state.firstWriteReduced);
}

/**
 * A run that continues (null input) from the input checkpoint of an update as `"__input__"` takes
 * that input, as LangGraph's run of the checkpoint's `__start__` task does.
 */
function pendingInputRun(state: ThreadState, input: RunStart["input"]): RunStart["input"] {
  const pending = state.checkpoint?.pendingInput;
  return input.kind === "continue" && pending !== undefined && state.pendingStep === undefined
    ? { kind: "input", values: pending, fromInputCheckpoint: true }
    : input;
}
