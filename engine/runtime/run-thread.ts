import type { BaseStore } from "../../store/long-term/base-store.js";
import type { StartRun } from "../thread/decide-start-run.js";
import type { RequestedInput } from "../thread/events.js";
import { snapshotOf } from "../thread/state-snapshot.js";
import type { ReplayWarning } from "../thread/task-outcome.js";
import type { ThreadState } from "../thread/thread-state.js";
import type { RunTracing } from "../streaming/run-tracing.js";
import { cancelReasonOf, type CancelReason } from "./await-step.js";
import { commitStart } from "./commit-start.js";
import { retryOnConflict } from "./conflict-retry-policy.js";
import type { Durability } from "./durability.js";
import type { PassedConfig } from "./node-config.js";
import { emitCheckpoint, wantsCheckpoints } from "./progress-chunks.js";
import type { RunSink } from "./run-sink.js";
import { runSteps } from "./run-steps.js";
import { RunEndedElsewhere, RunWriter, StartLostError } from "./run-writer.js";
import { emitInputCheckpoint } from "./step-chunks.js";
import { streamedCheckpointOf } from "./streamed-checkpoint.js";
import type { SubgraphScope } from "./subgraph-scope.js";
import type { ThreadActor } from "./thread-actor.js";
import { isEntrypointGraph } from "./entrypoint-graphs.js";

/** What a run needs besides its thread. */
export interface RunEnvironment {
  readonly durable: boolean;
  /** When the run's steps are appended (see {@link Durability}); default `"sync"`. */
  readonly durability?: Durability | undefined;
  readonly configurable: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Cancels the run when aborted. Absent when nothing can (a plain `invoke()` without one): steps are then awaited without a race. */
  readonly signal: AbortSignal | undefined;
  readonly now: () => number;
  readonly sink: RunSink | undefined;
  /** How long a run's lease lasts (ms); renewed while it runs. Absent: no lease (plain invoke()). */
  readonly leaseMs?: number;
  /** Reads the outside world; compared across a re-execution's replay window (see RunConfig). */
  readonly observeSideEffects?: (() => unknown) | undefined;
  /** The long-term memory store nodes get as `config.store` (watched: see watched-store.ts). */
  readonly longTermStore?: BaseStore | undefined;
  /** The run's `context`, given to nodes as `config.context`. */
  readonly context?: unknown;
  /** At most this many tasks of a step run at once (LangGraph's `maxConcurrency`); absent: all. */
  readonly maxConcurrency?: number | undefined;
  /** What the caller's config hands on to nodes (callbacks, tags, store, context). */
  readonly passed?: PassedConfig | undefined;
  /** Set for a subgraph's run, or a run that streams its subgraphs: its place among nested graphs. */
  readonly scope?: SubgraphScope | undefined;
  /** Reports the run's tasks to LangChain callbacks (token streaming, streamEvents, the caller's callbacks). */
  readonly tracing?: RunTracing | undefined;
  /** A step's tasks see their signal abort after this many ms (LangGraph's `graph.stepTimeout`); absent: no limit. */
  readonly stepTimeoutMs?: number | undefined;
}

/** The command that starts the run, without the clock reading and the input's routes. */
export type RunStart = Omit<StartRun, "at" | "input" | "leaseExpiresAt"> & { readonly input: RequestedInput };

/** How a run ended. */
export interface RunResult {
  readonly state: ThreadState;
  readonly warnings: readonly ReplayWarning[];
  /** False when there was nothing to run (no events were written). */
  readonly started: boolean;
  /** Set when the run was cancelled; its end (`RunCancelled`/`RunRolledBack`) is recorded. */
  readonly cancelled?: CancelReason;
}

/**
 * Runs a thread until the run ends: starts it (retrying the decision when another writer got
 * there first), then plans, executes and records supersteps until nothing is triggered, a task
 * pauses on an interrupt, a breakpoint is hit, or something fails. One append per step.
 *
 * @throws the failing node's error, a named refusal of the start, or {@link ConcurrentWriteError}.
 */
export async function runThread(actor: ThreadActor, start: RunStart, runEnv: RunEnvironment): Promise<RunResult> {
  return actor.exclusive(() => {
    const env = fenced(runEnv);
    // Another writer got to the thread before the held-back start was stored: nothing of this
    // run is in the stream, so it starts again on the thread as it is now. Its first step's
    // nodes run again (streamed chunks of the lost attempt were already sent).
    return retryOnConflict(() => startAndRun(actor, start, env), { isConflict: (error) => error instanceof StartLostError });
  });
}

/** One attempt at a run: its start, what LangGraph reports when a run starts, then its steps. */
async function startAndRun(actor: ThreadActor, start: RunStart, env: RunEnvironment): Promise<RunResult> {
  const warnings: ReplayWarning[] = [];
  const writer = new RunWriter(actor, start.runId, env.durability ?? "sync");
  await actor.catchUp();
  const before = actor.state;
  // A run without a lease holds its start back and stores it with its first step (see RunWriter).
  if (!(await commitStart(writer, start, env, env.leaseMs === undefined))) {
    // As LangGraph: continuing a thread with nothing left to run streams its state once.
    if (start.input.kind === "continue" && actor.state.checkpoint) env.sink?.emit("values", { ...actor.state.values });
    return { state: actor.state, warnings, started: false };
  }
  if (env.tracing && start.input.kind === "input" && !isEntrypointGraph(writer.actor.graph))
    await env.tracing.traceInput(writer.state.checkpoint?.step ?? 0, start.input.values);
  // As LangGraph: a new input's input checkpoint, the state when the run starts (unless a new
  // input wrote nothing, or only an entrypoint's input, which its `values` do not show), then the
  // checkpoint the run goes on from.
  const progress = wantsCheckpoints(env);
  if (progress) await emitInputCheckpoint(env, actor, before, writer.state);
  if (start.input.kind !== "input" || (Object.keys(start.input.values).length > 0 && !isEntrypointGraph(actor.graph)))
    env.sink?.emit("values", { ...writer.state.values });
  if (progress && writer.state.checkpoint)
    emitCheckpoint(
      env.sink,
      await streamedCheckpointOf(actor.graph, actor.store, actor.threadId, snapshotOf(actor.graph, writer.state, false), env.scope),
      env.now(),
    );
  try {
    return await runSteps(writer, start, env, warnings);
  } catch (error) {
    // Another writer ended this run (a double text, runs.cancel, a recovery): it stops here.
    if (error instanceof RunEndedElsewhere) return { state: actor.state, warnings, started: true, cancelled: cancelReasonOf(env.signal) };
    throw error;
  }
}

/** The environment with its sink fenced: nothing is reported once the run is cancelled. */
function fenced(env: RunEnvironment): RunEnvironment {
  const sink = env.sink;
  if (!sink) return env;
  return { ...env, sink: { wants: (mode) => sink.wants(mode), emit: (mode, chunk) => (env.signal?.aborted ? undefined : sink.emit(mode, chunk)) } };
}
