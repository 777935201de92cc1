import type { BaseStore } from "../../store/long-term/base-store.js";
import { ExpectedRevisionConflictError } from "../../store/store-errors.js";
import { GraphRecursionError } from "../errors/run-errors.js";
import { INTERRUPT, START } from "../graph/constants.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { decide } from "../thread/decide.js";
import type { StartRun } from "../thread/decide-start-run.js";
import type { StepDecision } from "../thread/decide-step.js";
import type { PlannedTask, RequestedInput } from "../thread/events.js";
import type { EffectDecision } from "../thread/decide-effect.js";
import { RunCancelledError } from "../errors/service-errors.js";
import type { Decision } from "../thread/decision.js";
import { valuesWithPendingWrites } from "../thread/evolve.js";
import { isWaiting, pendingInterruptsOf } from "../thread/pending-interrupts.js";
import { planStep } from "../thread/plan-step.js";
import { errorRecordOf, type ReplayWarning, type TaskOutcome } from "../thread/task-outcome.js";
import type { ThreadState } from "../thread/thread-state.js";
import { computeRoutes } from "./compute-routes.js";
import { awaitStep, cancelReasonOf, type CancelReason } from "./await-step.js";
import { executeTask, type TaskEnvironment } from "./execute-task.js";
import { createNodeConfig, type PassedConfig } from "./node-config.js";
import type { RunSink } from "./run-sink.js";
import type { SubgraphScope } from "./subgraph-scope.js";
import { RunEndedElsewhere, RunWriter, StartLostError } from "./run-writer.js";
import type { Durability } from "./durability.js";
import { RunTimeoutError } from "../errors/run-timeout-error.js";
import type { ThreadActor } from "./thread-actor.js";
import { taskTriggersOf } from "./task-triggers.js";
import { emitCheckpoint, emitTaskResult, emitTaskStarted, wantsProgress } from "./progress-chunks.js";
import { streamedCheckpointOf } from "./streamed-checkpoint.js";
import { inputSnapshotOf, snapshotOf } from "../thread/state-snapshot.js";
import { updatesShownOf } from "../graph/multiple-writes.js";
import { mapWithConcurrency } from "./map-with-concurrency.js";
import type { RunTracing } from "../streaming/run-tracing.js";

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
  /** A step's tasks see their signal abort after this many ms (LangGraph's `graph.stepTimeout`); absent: no limit. */
  readonly stepTimeoutMs?: number | undefined;
  /** What the caller's config hands on to nodes (callbacks, tags, store, context). */
  readonly passed?: PassedConfig | undefined;
  /** Set for a subgraph's run, or a run that streams its subgraphs: its place among nested graphs. */
  readonly scope?: SubgraphScope | undefined;
  /** Reports the run's tasks to LangChain callbacks (token streaming, streamEvents, the caller's callbacks). */
  readonly tracing?: RunTracing | undefined;
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

const startAttempts = 5;

/**
 * Runs a thread until the run ends: starts it (retrying the decision when another writer got
 * there first), then plans, executes and records supersteps until nothing is triggered, a task
 * pauses on an interrupt, a breakpoint is hit, or something fails. One append per step.
 *
 * @throws the failing node's error, a named refusal of the start, or {@link ConcurrentWriteError}.
 */
export async function runThread(actor: ThreadActor, start: RunStart, runEnv: RunEnvironment): Promise<RunResult> {
  return actor.exclusive(async () => {
    const env = fenced(runEnv);
    for (let attempt = 1; ; attempt++) {
      const warnings: ReplayWarning[] = [];
      const writer = new RunWriter(actor, start.runId, env.durability ?? "sync");
      await actor.catchUp();
      const before = actor.state;
      // A run without a lease holds its start back and stores it with its first step (see RunWriter).
      if (!(await commitStart(writer, start, env, env.leaseMs === undefined))) return { state: actor.state, warnings, started: false };
      if (env.tracing && start.input.kind === "input") await env.tracing.traceInput(writer.state.checkpoint?.step ?? 0, start.input.values);
      // As LangGraph: a new input's input checkpoint, the state when the run starts (unless a new
      // input wrote nothing), then the checkpoint the run goes on from.
      const progress = wantsCheckpoints(env);
      if (progress) await emitInputCheckpoint(env, actor, before, writer.state);
      if (start.input.kind !== "input" || Object.keys(start.input.values).length > 0) env.sink?.emit("values", { ...writer.state.values });
      if (progress && writer.state.checkpoint) emitCheckpoint(env.sink, await streamedCheckpointOf(actor.graph, actor.store, actor.threadId, snapshotOf(actor.graph, writer.state, false), env.scope), env.now());
      try {
        return await runSteps(writer, start, env, warnings);
      } catch (error) {
        // Another writer ended this run (a double text, runs.cancel, a recovery): it stops here.
        if (error instanceof RunEndedElsewhere) return { state: actor.state, warnings, started: true, cancelled: cancelReasonOf(env.signal) };
        // Another writer got to the thread before the held-back start was stored: nothing of this
        // run is in the stream, so it starts again on the thread as it is now. Its first step's
        // nodes run again (streamed chunks of the lost attempt were already sent).
        if (error instanceof StartLostError && attempt < startAttempts) continue;
        throw error;
      }
    }
  });
}

/** Plans, executes and records supersteps until the run ends; one append per step. */
async function runSteps(writer: RunWriter, start: RunStart, env: RunEnvironment, warnings: ReplayWarning[]): Promise<RunResult> {
  const actor = writer.actor;
  // Nodes always get a signal: the run's (if anything can cancel it) and their step's, which aborts
  // when a sibling task fails.
  const nodeSignal = env.signal;
  let reportedCached = false;
  for (;;) {
    if (env.signal?.aborted) return cancelRun(writer, env, warnings);
    if (env.leaseMs !== undefined) await renewLeaseIfDue(writer, env);
    const state = writer.state;
    const plan = planStep(actor.graph, state);
    const at = env.now();
    if (plan.kind === "done" || plan.kind === "paused") {
      await commitStep(writer, (now) => decide(actor.graph, now, { type: "EndRun", outcome: plan.kind, at }), at, true);
      if (plan.kind === "paused") emitInterrupts(env.sink, writer.state);
      return { state: writer.state, warnings, started: true };
    }
    if (plan.kind === "recursion-limit") {
      const error = new GraphRecursionError(plan.limit);
      await commitStep(writer, (now) => decide(actor.graph, now, { type: "EndRun", outcome: { error: errorRecordOf(error) }, at }), at, true);
      throw error;
    }
    if (plan.kind === "breakpoint") {
      const { step, baseRevision, tasks, nodes } = plan;
      await commitStep(writer, (now) => decide(actor.graph, now, { type: "PauseBeforeStep", step, baseRevision, tasks, nodes, at }), at, true);
      emitBreakpoint(env);
      return { state: writer.state, warnings, started: true };
    }

    const siblingFailed = new AbortController();
    let firstFailure: TaskOutcome | undefined;
    const noticeFailure = (outcome: TaskOutcome): TaskOutcome => {
      if (outcome.kind === "failed" && firstFailure === undefined) {
        firstFailure = outcome;
        siblingFailed.abort(outcome.error);
      }
      return outcome;
    };
    // As LangGraph's stepTimeout: the step's tasks see their signal abort; a task that then fails fails the run.
    let timedOut: DOMException | undefined;
    const stepTimer =
      env.stepTimeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            if (siblingFailed.signal.aborted) return;
            timedOut = new DOMException("The operation was aborted due to timeout", "TimeoutError");
            siblingFailed.abort(timedOut);
          }, env.stepTimeoutMs);
    // LangGraph numbers a step after the checkpoint it starts from.
    const checkpointStep = (state.checkpoint?.step ?? -1) + 1;
    const taskEnv: TaskEnvironment = {
      graph: actor.graph,
      threadId: actor.threadId,
      runId: start.runId,
      store: actor.store,
      durable: env.durable,
      strict: state.activeRun?.options.strict ?? actor.graph.strict,
      values: state.values,
      configurable: env.configurable,
      metadata: env.metadata,
      // As LangGraph: a task that fails aborts its siblings' signals (the step fails either way).
      signal: nodeSignal === undefined ? siblingFailed.signal : AbortSignal.any([nodeSignal, siblingFailed.signal]),
      writer: (chunk) => env.sink?.emit("custom", chunk),
      recursionLimit: state.activeRun?.options.recursionLimit ?? 25,
      warningsAsErrors: state.activeRun?.options.warningsAsErrors ?? actor.graph.warningsAsErrors,
      effects: state.effects,
      beforeEffect: () => writer.flush(),
      recordEffect: (task, key, result) => recordEffect(actor, start.runId, task, key, result, env.now),
      observeSideEffects: env.observeSideEffects,
      passed: env.passed,
      firstWriteReduced: state.firstWriteReduced,
      isolateInputs: plan.run.length > 1,
      longTermStore: env.longTermStore,
      context: env.context,
      scope: withStepCheckpoint(env.scope, actor.threadId, plan.baseRevision),
      step: checkpointStep,
      tracing: env.tracing,
    };
    const records = new Map(state.pendingStep?.tasks.map((task) => [task.id, task]));
    const sink = env.sink;
    // As LangGraph: a run that picks up a pending step first reports what its finished tasks wrote, marked cached.
    if (sink !== undefined && !plan.isNew && !reportedCached) {
      for (const task of state.pendingStep?.tasks ?? []) {
        if (task.status === "succeeded") sink.emit("updates", { [task.node]: task.writes ?? {}, __metadata__: { cached: true } });
      }
    }
    reportedCached = true;
    const tasks = wantsProgress(sink, "tasks");
    const step = mapWithConcurrency(
      plan.run,
      env.maxConcurrency,
      sink === undefined
          ? async (task) => noticeFailure(await executeTask(taskEnv, task, records.get(task.id)))
          : async (task) => {
              if (tasks) emitTaskStarted(sink, checkpointStep, task, task.path.startsWith("push:") ? task.args : state.values, env.now(), taskTriggersOf(actor.graph, task));
              const outcome = noticeFailure(await executeTask(taskEnv, task, records.get(task.id)));
              reportOutcome(sink, task.node, outcome, tasks ? checkpointStep : undefined, env.now);
              return outcome;
            },
    );
    let outcomes: TaskOutcome[] | undefined;
    try {
      while (outcomes === undefined) {
        const waited = await awaitStep(step, env.signal, env.leaseMs === undefined ? undefined : env.leaseMs / 2);
        if (waited.kind === "aborted") return cancelRun(writer, env, warnings);
        if (waited.kind === "renew") await renewLeaseIfDue(writer, env, true);
        else outcomes = waited.value;
      }
    } finally {
      clearTimeout(stepTimer);
    }
    for (const outcome of outcomes) warnings.push(...outcome.warnings, ...(outcome.forwarded ?? []));
    // A node changed the state it was given: what this process holds may differ from what the
    // stream says, so the thread is folded again from its stream before the step is decided.
    if (outcomes.some((outcome) => outcome.warnings.some((warning) => warning.kind === "state-mutated"))) await writer.reload();
    const stepAt = env.now();
    // The run fails with the error that failed the step first, not a sibling's abort that followed it.
    // A step over its stepTimeout fails with the timeout, as LangGraph's, not with the abort a task made of it.
    const cause = firstFailure && timedOut ? { ...firstFailure, error: timedOut } : firstFailure;
    const recorded = cause === undefined ? outcomes : [cause, ...outcomes.filter((outcome) => outcome !== firstFailure)];
    const decision = (await commitStep(
      writer,
      (now) =>
        decide(actor.graph, now, {
          type: "RecordStep",
          step: plan.step,
          baseRevision: plan.baseRevision,
          ...(plan.isNew ? { newTasks: plan.tasks } : {}),
          outcomes: recorded,
          at: stepAt,
        }),
      stepAt,
      (decided) => (decided as StepDecision).runEnded,
    )) as StepDecision;
    if (decision.events.some((event) => event.type === "StepCommitted")) {
      // As LangGraph: the state after a step, when the step wrote anything.
      if (stepWrote(state, recorded)) env.sink?.emit("values", { ...writer.state.values });
      if (wantsCheckpoints(env)) emitCheckpoint(env.sink, await streamedCheckpointOf(actor.graph, actor.store, actor.threadId, snapshotOf(actor.graph, writer.state, false), env.scope), env.now());
    }
    if (decision.runEnded) {
      if (decision.error !== undefined) throw decision.error;
      if (writer.state.breakpoint) emitBreakpoint(env);
      else if (writer.state.pendingStep !== undefined && (env.scope?.namespace.length ?? 0) === 0) emitPause(env, actor.graph, state, recorded, writer.state);
      return { state: writer.state, warnings, started: true };
    }
  }
}

/**
 * Records the end of a cancelled run: kept (`interrupt`), dropped (`rollback`), or over its time
 * (`timeout`). If another writer already ended it, {@link RunEndedElsewhere} reaches runThread.
 */
async function cancelRun(writer: RunWriter, env: RunEnvironment, warnings: readonly ReplayWarning[]): Promise<RunResult> {
  const cancelled = cancelReasonOf(env.signal);
  const at = env.now();
  const outcome = cancelled.timeout
    ? { error: errorRecordOf(new RunTimeoutError(writer.runId, cancelled.reason)) }
    : { cancelled: cancelled.action, reason: cancelled.reason };
  await commitStep(writer, (state) => decide(writer.actor.graph, state, { type: "EndRun", outcome, at }), at, true);
  return { state: writer.state, warnings, started: true, cancelled };
}

/**
 * A static breakpoint surfaces as an empty interrupt list, in both modes. A subgraph's shows only
 * on the graph the caller runs (LangGraph's nested graphs pause their caller without a chunk).
 */
function emitBreakpoint(env: RunEnvironment): void {
  if ((env.scope?.namespace.length ?? 0) > 0) return;
  // As LangGraph: a run from a subgraph's checkpoint reports its pause under that subgraph's namespace, when it streams subgraphs.
  const deepest = env.scope?.replay?.deepest;
  const sink = deepest !== undefined && env.scope?.sinkFor ? env.scope.sinkFor(deepest) : env.sink;
  sink?.emit("updates", { [INTERRUPT]: [] });
  sink?.emit("values", { [INTERRUPT]: [] });
}

/** The environment with its sink fenced: nothing is reported once the run is cancelled. */
function fenced(env: RunEnvironment): RunEnvironment {
  const sink = env.sink;
  if (!sink) return env;
  return { ...env, sink: { wants: (mode) => sink.wants(mode), emit: (mode, chunk) => (env.signal?.aborted ? undefined : sink.emit(mode, chunk)) } };
}

async function renewLeaseIfDue(writer: RunWriter, env: RunEnvironment, force = false): Promise<void> {
  const expiresAt = writer.state.activeRun?.leaseExpiresAt;
  const leaseMs = env.leaseMs;
  if (leaseMs === undefined || expiresAt === undefined) return;
  const at = env.now();
  if (!force && at < expiresAt - leaseMs / 2) return;
  // A renewal is only worth anything stored: it takes what the run holds back with it.
  await commitStep(writer, (now) => decide(writer.actor.graph, now, { type: "RenewLease", expiresAt: at + leaseMs, at }), at, true);
}

/**
 * Decides the run's start on the thread as it is, and appends it, or (`defer`) holds it back for
 * the run's first step to append. False when there is nothing to run.
 */
async function commitStart(writer: RunWriter, start: RunStart, env: RunEnvironment, defer: boolean): Promise<boolean> {
  const actor = writer.actor;
  for (let attempt = 1; ; attempt++) {
    const at = env.now();
    const input = start.input.kind === "input" ? { ...start.input, routes: await inputRoutes(actor, start.input.values, env) } : start.input;
    const lease = env.leaseMs === undefined ? {} : { leaseExpiresAt: at + env.leaseMs };
    const decision: Decision = decide(actor.graph, actor.state, { ...start, ...lease, input, at });
    if (decision.events.length === 0) return false;
    if (defer && decision.refused === undefined) {
      writer.defer({ decision, at });
      return true;
    }
    try {
      await actor.commit(decision, at, start.runId);
      if (decision.refused !== undefined) throw decision.refused;
      return true;
    } catch (error) {
      if (!(error instanceof ExpectedRevisionConflictError) || attempt >= startAttempts) throw error;
      await actor.catchUp();
    }
  }
}

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
 * Journals an effect's result outside the run's mailbox (the step is still executing), retrying on
 * conflicts with other appends. Resolves to the result every execution of the task will get.
 */
async function recordEffect(actor: ThreadActor, runId: string, task: PlannedTask, key: string, result: unknown, now: () => number): Promise<unknown> {
  let decided: EffectDecision | undefined;
  // One clock reading per attempt, for the decision and the stored event alike: a live state
  // folded at another time than the one stored would differ from its replay (rule 26).
  let at = now();
  await actor.commitOptimistically(
    (state) => {
      at = now();
      decided = decide(actor.graph, state, { type: "RecordEffect", runId, taskId: task.id, node: task.node, key, result, at });
      return decided;
    },
    () => at,
  );
  if (!decided!.owned) throw new RunCancelledError(runId, "interrupt");
  return decided!.recorded.result;
}

/**
 * Decides a run's next events on the thread as this run sees it and hands them to its writer,
 * which appends them as the run's durability says (`final`: now, in every mode). If the run was
 * ended by another writer, the run stops ({@link RunEndedElsewhere}).
 */
async function commitStep(writer: RunWriter, decideOn: (state: ThreadState) => Decision, at: number, final: boolean | ((decision: Decision) => boolean) = false): Promise<Decision> {
  // Another writer's events may already be folded in (a catch-up beside this run), so ownership
  // is checked before every decision, not only after a conflict.
  if (writer.state.activeRun?.runId !== writer.runId) throw new RunEndedElsewhere();
  const decision = decideOn(writer.state);
  await writer.commit(decision, at, decideOn, typeof final === "function" ? final(decision) : final);
  return decision;
}

/**
 * As LangGraph, when the graph the caller runs pauses in a step: the state with its finished
 * tasks' writes (if they wrote), then `{ __interrupt__: [] }` when it waits only on subgraphs'
 * breakpoints (questions were reported as their tasks raised them).
 */
function emitPause(env: RunEnvironment, graph: GraphSpec, before: ThreadState, outcomes: readonly TaskOutcome[], paused: ThreadState): void {
  const sink = env.sink;
  if (!sink) return;
  if (stepWrote(before, outcomes)) sink.emit("values", valuesWithPendingWrites(graph, paused));
  if (pendingInterruptsOf(paused).length === 0 && isWaiting(paused)) emitBreakpoint(env);
}

function reportOutcome(sink: RunSink, node: string, outcome: TaskOutcome, step: number | undefined, now: () => number): void {
  if (outcome.kind === "succeeded") sink.emit("updates", { [node]: updatesShownOf(outcome.returned ?? outcome.writes), ...(outcome.cached ? { __metadata__: { cached: true } } : {}) });
  if (outcome.kind === "interrupted") {
    // A subgraph waiting at a breakpoint is not a question: the pause shows as `[]` when the run ends (emitPause).
    const interrupts = outcome.interrupts.filter((interrupt) => interrupt.breakpoint !== true).map(({ id, value }) => ({ id, value }));
    if (interrupts.length > 0) {
      sink.emit("updates", { [INTERRUPT]: interrupts });
      sink.emit("values", { [INTERRUPT]: interrupts });
    }
  }
  if (step === undefined) return;
  emitTaskResult(
    sink,
    step,
    {
      id: outcome.taskId,
      name: node,
      result: outcome.kind === "succeeded" ? (outcome.returned ?? outcome.writes) : {},
      interrupts: outcome.kind === "interrupted" ? outcome.interrupts.filter((interrupt) => interrupt.breakpoint !== true).map(({ id, value }) => ({ id, value })) : [],
      error: outcome.kind === "failed" ? errorRecordOf(outcome.error) : null,
    },
    now(),
  );
}

/**
 * Whether the run reports checkpoints (`checkpoints`, and `debug`'s `checkpoint` events): as
 * LangGraph's, only a graph with a checkpointer (its own or its parent's) has any to report.
 */
function wantsCheckpoints(env: RunEnvironment): env is RunEnvironment & { readonly sink: RunSink } {
  return env.durable && wantsProgress(env.sink, "checkpoints");
}

/** The input checkpoint LangGraph reports before the checkpoint a run's new input made. */
async function emitInputCheckpoint(env: RunEnvironment, actor: ThreadActor, before: ThreadState, started: ThreadState): Promise<void> {
  const checkpoint = started.checkpoint;
  if (!env.sink || !checkpoint?.input || checkpoint.revision === before.checkpoint?.revision) return;
  emitCheckpoint(env.sink, await streamedCheckpointOf(actor.graph, actor.store, actor.threadId, inputSnapshotOf(before, started), env.scope), env.now());
}

function emitInterrupts(sink: RunSink | undefined, state: ThreadState): void {
  if (!sink) return;
  const interrupts = pendingInterruptsOf(state).map(({ id, value }) => ({ id, value }));
  if (interrupts.length === 0) return;
  sink.emit("updates", { [INTERRUPT]: interrupts });
  sink.emit("values", { [INTERRUPT]: interrupts });
}

/** Whether a step's finished tasks (this execution's, and siblings finished before a pause) wrote any channel. */
function stepWrote(state: ThreadState, outcomes: readonly TaskOutcome[]): boolean {
  const wrote = (writes: object | undefined) => writes !== undefined && Object.keys(writes).length > 0;
  return outcomes.some((outcome) => outcome.kind === "succeeded" && wrote(outcome.writes)) || (state.pendingStep?.tasks.some((task) => task.status === "succeeded" && wrote(task.writes)) ?? false);
}

/** A step's tasks know the checkpoints their step and the steps above it were planned from (their subgraphs' runs record them). */
function withStepCheckpoint(scope: SubgraphScope | undefined, threadId: string, baseRevision: number): SubgraphScope {
  const base = scope ?? { rootThreadId: threadId, namespace: [], sinkFor: undefined };
  return { ...base, checkpoints: [...(base.checkpoints ?? []), baseRevision] };
}
