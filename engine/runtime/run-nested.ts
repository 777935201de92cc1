import { stableHash } from "../serialization/stable-hash.js";
import type { RaisedInterrupt, RunOptions, Writes } from "../thread/events.js";
import { hasWork, valuesWithPendingWrites } from "../thread/evolve.js";
import { statusOf } from "../thread/lifecycle-machine.js";
import { isWaiting, openBreakpointsOf, pendingInterruptsOf, type PendingInterrupt } from "../thread/pending-interrupts.js";
import { hexDigest } from "../serialization/hex-digest.js";
import { GraphInterrupt } from "./interrupt.js";
import { runThread, type RunEnvironment, type RunStart } from "./run-thread.js";
import { outsideIoWatch, type TaskContext } from "./task-context.js";
import type { ThreadActor } from "./thread-actor.js";
import { closeReplayWindow } from "./replay-window.js";
import type { Fork } from "../thread/forked-state.js";

/**
 * Runs a graph called from inside a task (a subgraph node, or `subgraph.invoke()` in a node
 * function) on its own thread, keyed by the calling task and the call's position in it:
 * - a first call runs the subgraph with the input;
 * - when the subgraph is paused and the parent task got answers for its interrupts, it resumes;
 *   without answers it surfaces the same interrupts again without running anything;
 * - a call whose subgraph already finished returns the recorded result (the parent node re-ran).
 * A pause inside the subgraph reaches the caller as a `GraphInterrupt`, as in LangGraph.
 */
export function runNested(
  actor: ThreadActor,
  parent: TaskContext,
  input: RunStart["input"],
  options: RunOptions,
  env: RunEnvironment,
  runId: string,
  graphName: string,
  /** A stateful subgraph called by a task's first execution: new input on its kept state, not the recorded result. */
  freshCall = false,
  /** The parent travels back in time: the subgraph's thread forks first (see subgraph-fork.ts). */
  fork?: Fork,
): Promise<Writes> {
  // The nested run's own reads and appends are the engine's I/O, not the calling node's.
  return outsideIoWatch(async () => {
    await actor.catchUp();
    const state = actor.state;
    const pending = pendingInterruptsOf(state);
    let startInput: RunStart["input"] = input;
    if (fork) {
      // From the fork's state: the input as a new run on it, or (a named checkpoint) its pending tasks run again, their interrupts ask again.
      if (!freshCall) startInput = { kind: "continue" };
    } else if (pending.length > 0) {
      const answered = pending.filter((interrupt) => interrupt.id in parent.childAnswers);
      if (answered.length === 0) throw raise(parent, actor, pending);
      // The parent re-ran up to this call; its replay window ends where its subgraph resumes.
      closeReplayWindow(parent);
      startInput = { kind: "command", resume: { kind: "map", answers: Object.fromEntries(answered.map((i) => [i.id, parent.childAnswers[i.id]])) } };
    } else if (state.revision >= 0 && !freshCall) {
      if (statusOf(state.lifecycle) === "idle" && !hasWork(state)) return valuesWithPendingWrites(actor.graph, state);
      startInput = { kind: "continue" };
    }
    const result = await runThread(
      actor,
      {
        type: "StartRun",
        runId,
        graphName,
        input: startInput,
        options,
        parent: { threadId: parent.threadId, taskId: parent.taskId },
        ...parentCheckpointsOf(parent),
        ...(fork ? { fork } : {}),
      },
      env,
    );
    parent.nestedWarnings.push(...result.warnings);
    const stillPending = pendingInterruptsOf(result.state);
    if (stillPending.length > 0 || isWaiting(result.state)) throw raise(parent, actor, stillPending);
    return valuesWithPendingWrites(actor.graph, result.state);
  });
}

/**
 * The pause of the subgraph, as the calling task raises it: the subgraph's questions, and a marker
 * when it waits at a static breakpoint (its own or a deeper subgraph's), which pauses the caller too.
 */
function raise(parent: TaskContext, actor: ThreadActor, pending: readonly PendingInterrupt[]): GraphInterrupt {
  const interrupts: RaisedInterrupt[] = pending.map((interrupt) => ({
    id: interrupt.id,
    index: 0,
    value: interrupt.value,
    hash: stableHash(interrupt.value),
    childThreadId: actor.threadId,
  }));
  const state = actor.state;
  if (state.breakpoint !== undefined || (state.pendingStep?.tasks.some((task) => openBreakpointsOf(task).length > 0) ?? false)) {
    // One marker per pause of the subgraph's thread: a later pause is a new marker, not yet passed.
    const id = hexDigest("sha256", `${actor.threadId}|breakpoint|${state.revision}`).slice(0, 32);
    interrupts.push({ id, index: 0, value: null, hash: stableHash(null), childThreadId: actor.threadId, breakpoint: true });
  }
  parent.raisedNow = interrupts;
  return new GraphInterrupt(interrupts);
}

/** The checkpoints the calling task's step and the steps above it were planned from, recorded on the subgraph's run. */
function parentCheckpointsOf(parent: TaskContext): { parentCheckpoints?: readonly number[] } {
  const checkpoints = parent.scope?.checkpoints;
  return checkpoints === undefined ? {} : { parentCheckpoints: checkpoints };
}
