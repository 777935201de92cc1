import type { GraphRuntime } from "../runtime/graph-runtime.js";
import type { ThreadActor } from "../runtime/thread-actor.js";
import { queuedRunsOf } from "../thread/lifecycle-machine.js";
import type { RunSupervisor } from "./run-supervisor.js";
import type { ThreadNeed, ThreadWork } from "./run-worker.js";

/** What {@link engineThreadWork} needs of its engine. */
export interface EngineThreadWorkDeps {
  readonly supervisor: RunSupervisor;
  /** The thread's actor and graph runtime, or undefined when this engine does not have its graph. */
  actorOf(threadId: string): Promise<{ actor: ThreadActor; runtime: GraphRuntime } | undefined>;
  /** Appends the end (or re-queueing) of an active run whose lease expired, per `crashedRuns`. */
  recover(actor: ThreadActor, runtime: GraphRuntime): Promise<void>;
}

/** The engine's {@link ThreadWork}: how a worker reads a thread, takes over dead runs and executes queued ones. */
export function engineThreadWork(deps: EngineThreadWorkDeps): ThreadWork {
  const { supervisor } = deps;
  return {
    async inspect(threadId): Promise<ThreadNeed> {
      const found = await deps.actorOf(threadId);
      if (!found) return { kind: "none" };
      const { actor, runtime } = found;
      if (!actor.busy) await actor.catchUp();
      if (supervisor.activeRunOn(threadId) !== undefined) return { kind: "none" };
      const active = actor.state.activeRun;
      if (active) {
        // A run without a lease is a plain invoke() somewhere: nobody can tell whether it lives.
        if (active.leaseExpiresAt === undefined) return { kind: "none" };
        if (active.leaseExpiresAt > runtime.now()) return { kind: "watch", until: active.leaseExpiresAt };
        await deps.recover(actor, runtime);
      }
      return !actor.state.activeRun && queuedRunsOf(actor.state.lifecycle).length > 0 ? { kind: "claim" } : { kind: "none" };
    },
    async drain(threadId) {
      const found = await deps.actorOf(threadId);
      if (found) await supervisor.dispatch(threadId, found.runtime, found.actor);
    },
    async reconcile(threadId) {
      const runId = supervisor.activeRunOn(threadId);
      const found = runId === undefined ? undefined : await deps.actorOf(threadId);
      if (!found) return;
      await found.actor.catchUp();
      const { state } = found.actor;
      // Still queued (its start is on the way) or still active: it is this process's to run.
      if (state.activeRun?.runId === runId || queuedRunsOf(state.lifecycle).some((run) => run.runId === runId)) return;
      supervisor.cancelLocal(threadId, runId, { action: "interrupt", reason: "another process ended it" });
    },
  };
}
