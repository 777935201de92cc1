import { START } from "../graph/constants.js";
import { decide } from "../thread/decide.js";
import type { Decision } from "../thread/decision.js";
import { computeRoutes } from "./compute-routes.js";
import { retryOnConflict } from "./conflict-retry-policy.js";
import { createNodeConfig } from "./node-config.js";
import type { RunWriter } from "./run-writer.js";
import type { RunEnvironment, RunStart } from "./run-thread.js";
import type { ThreadActor } from "./thread-actor.js";

/**
 * Decides the run's start on the thread as it is, and appends it, or (`defer`) holds it back for
 * the run's first step to append. False when there is nothing to run.
 *
 * @throws the start's named refusal, once it is recorded.
 */
export async function commitStart(writer: RunWriter, start: RunStart, env: RunEnvironment, defer: boolean): Promise<boolean> {
  const actor = writer.actor;
  return retryOnConflict(
    async () => {
      const at = env.now();
      const input = start.input.kind === "input" ? { ...start.input, routes: await inputRoutes(actor, start.input.values, env) } : start.input;
      const lease = env.leaseMs === undefined ? {} : { leaseExpiresAt: at + env.leaseMs };
      const decision: Decision = decide(actor.graph, actor.state, { ...start, ...lease, input, at });
      if (decision.events.length === 0) return false;
      if (defer && decision.refused === undefined) {
        writer.defer({ decision, at });
        return true;
      }
      await actor.commit(decision, at, start.runId);
      if (decision.refused !== undefined) throw decision.refused;
      return true;
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
