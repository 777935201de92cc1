import { GraphRecursionError } from "../errors/run-errors.js";
import { RunTimeoutError } from "../errors/run-timeout-error.js";
import { decide } from "../thread/decide.js";
import { planStep, type StepPlan } from "../thread/plan-step.js";
import { snapshotOf } from "../thread/state-snapshot.js";
import { errorRecordOf, type ReplayWarning, type TaskOutcome } from "../thread/task-outcome.js";
import type { ThreadState } from "../thread/thread-state.js";
import { awaitStep, cancelReasonOf } from "./await-step.js";
import { commitStep } from "./commit-step.js";
import { executeTask, type TaskEnvironment } from "./execute-task.js";
import { mapWithConcurrency } from "./map-with-concurrency.js";
import { emitCheckpoint, emitTaskStarted, wantsCheckpoints, wantsProgress } from "./progress-chunks.js";
import { stepAbortOf } from "./step-abort.js";
import { taskTriggersOf } from "./task-triggers.js";
import { recordEffect } from "./record-effect.js";
import type { RunEnvironment, RunResult, RunStart } from "./run-thread.js";
import type { RunWriter } from "./run-writer.js";
import { emitBreakpoint, emitCachedUpdates, emitInterrupts, emitPause, reportOutcome, stepWrote } from "./step-chunks.js";
import { streamedCheckpointOf } from "./streamed-checkpoint.js";
import type { SubgraphScope } from "./subgraph-scope.js";

/** A step the plan says to run. */
type RunnablePlan = Extract<StepPlan, { kind: "run" }>;

/** What one run's step loop carries from step to step. */
interface StepLoop {
  readonly writer: RunWriter;
  readonly start: RunStart;
  readonly env: RunEnvironment;
  readonly warnings: ReplayWarning[];
  /** Whether a picked-up pending step's finished tasks were reported (once per run). */
  reportedCached: boolean;
}

/**
 * Runs a started run's supersteps until it ends, as a pipeline per step: plan
 * ({@link planStep}), execute ({@link executeStep}), record ({@link recordStep}). Each step's
 * events are one decision, handed to the run's writer once.
 */
export async function runSteps(writer: RunWriter, start: RunStart, env: RunEnvironment, warnings: ReplayWarning[]): Promise<RunResult> {
  const loop: StepLoop = { writer, start, env, warnings, reportedCached: false };
  for (;;) {
    if (env.signal?.aborted) return cancelRun(writer, env, warnings);
    if (env.leaseMs !== undefined) await renewLeaseIfDue(writer, env);
    const state = writer.state;
    const plan = planStep(writer.actor.graph, state);
    const at = env.now();
    if (plan.kind !== "run") return endWithoutStep(loop, plan, at);
    const outcomes = await executeStep(loop, state, plan);
    if (outcomes === "aborted") return cancelRun(writer, env, warnings);
    const ended = await recordStep(loop, state, plan, outcomes);
    if (ended !== undefined) return ended;
  }
}

/**
 * Ends the run, or pauses it, when the plan has no step to run: nothing triggered (`done`), a
 * pending step waits on answers (`paused`), the recursion limit, or a static breakpoint.
 *
 * @throws {GraphRecursionError} once the limit is recorded.
 */
async function endWithoutStep(loop: StepLoop, plan: Exclude<StepPlan, RunnablePlan>, at: number): Promise<RunResult> {
  const { writer, env, warnings } = loop;
  const graph = writer.actor.graph;
  switch (plan.kind) {
    case "done":
    case "paused":
      await commitStep(writer, (state) => decide(graph, state, { type: "EndRun", outcome: plan.kind, at }), at, true);
      if (plan.kind === "paused") emitInterrupts(env.sink, writer.state);
      return { state: writer.state, warnings, started: true };
    case "recursion-limit": {
      const error = new GraphRecursionError(plan.limit);
      await commitStep(writer, (state) => decide(graph, state, { type: "EndRun", outcome: { error: errorRecordOf(error) }, at }), at, true);
      throw error;
    }
    case "breakpoint": {
      const { step, baseRevision, tasks, nodes } = plan;
      await commitStep(writer, (state) => decide(graph, state, { type: "PauseBeforeStep", step, baseRevision, tasks, nodes, at }), at, true);
      emitBreakpoint(env);
      return { state: writer.state, warnings, started: true };
    }
  }
}

/**
 * Runs a step's tasks (at most `maxConcurrency` at once), reporting each as it ends, and renews the
 * run's lease while they run. `"aborted"` when the run was cancelled meanwhile.
 */
async function executeStep(loop: StepLoop, state: ThreadState, plan: RunnablePlan): Promise<readonly TaskOutcome[] | "aborted"> {
  const { writer, env } = loop;
  // LangGraph numbers a step after the checkpoint it starts from.
  const checkpointStep = (state.checkpoint?.step ?? -1) + 1;
  // Nodes always get a signal: the run's (if anything can cancel it) and their step's.
  const abort = stepAbortOf(env.signal, env.stepTimeoutMs);
  const taskEnv = taskEnvironmentOf(loop, state, plan, checkpointStep, abort.signal);
  const records = new Map(state.pendingStep?.tasks.map((task) => [task.id, task]));
  const sink = env.sink;
  if (sink !== undefined && !plan.isNew && !loop.reportedCached) emitCachedUpdates(sink, state);
  loop.reportedCached = true;
  const tasks = wantsProgress(sink, "tasks");
  const step = mapWithConcurrency(
    plan.run,
    env.maxConcurrency,
    sink === undefined
      ? async (task) => abort.notice(await executeTask(taskEnv, task, records.get(task.id)))
      : async (task) => {
          if (tasks)
            emitTaskStarted(
              sink,
              checkpointStep,
              task,
              task.path.startsWith("push:") ? task.args : state.values,
              env.now(),
              taskTriggersOf(writer.actor.graph, task),
            );
          const outcome = abort.notice(await executeTask(taskEnv, task, records.get(task.id)));
          reportOutcome(sink, task.node, outcome, tasks ? checkpointStep : undefined, env.now);
          return outcome;
        },
  );
  try {
    for (;;) {
      const waited = await awaitStep(step, env.signal, env.leaseMs === undefined ? undefined : env.leaseMs / 2);
      if (waited.kind === "aborted") return "aborted";
      if (waited.kind === "settled") return abort.causeFirst(waited.value);
      await renewLeaseIfDue(writer, env, true);
    }
  } finally {
    abort.stop();
  }
}

/** What a step's tasks get from their run and thread. */
function taskEnvironmentOf(loop: StepLoop, state: ThreadState, plan: RunnablePlan, checkpointStep: number, signal: AbortSignal): TaskEnvironment {
  const { writer, start, env } = loop;
  const actor = writer.actor;
  return {
    graph: actor.graph,
    threadId: actor.threadId,
    runId: start.runId,
    store: actor.store,
    durable: env.durable,
    strict: state.activeRun?.options.strict ?? actor.graph.strict,
    values: state.values,
    configurable: env.configurable,
    metadata: env.metadata,
    signal,
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
}

/**
 * Records a step's outcomes as one decision (the step committed, paused, or failed) and reports
 * what LangGraph reports after a step. The run's result when the step ended the run.
 *
 * @throws the failing task's error, once its failure is recorded.
 */
async function recordStep(loop: StepLoop, state: ThreadState, plan: RunnablePlan, outcomes: readonly TaskOutcome[]): Promise<RunResult | undefined> {
  const { writer, env, warnings } = loop;
  const actor = writer.actor;
  for (const outcome of outcomes) warnings.push(...outcome.warnings, ...(outcome.forwarded ?? []));
  // A node changed the state it was given: what this process holds may differ from what the
  // stream says, so the thread is folded again from its stream before the step is decided.
  if (outcomes.some((outcome) => outcome.warnings.some((warning) => warning.kind === "state-mutated"))) await writer.reload();
  const at = env.now();
  const newTasks = plan.isNew ? { newTasks: plan.tasks } : {};
  const decision = await commitStep(
    writer,
    (current) => decide(actor.graph, current, { type: "RecordStep", step: plan.step, baseRevision: plan.baseRevision, ...newTasks, outcomes, at }),
    at,
    (decided) => decided.runEnded,
  );
  if (decision.events.some((event) => event.type === "StepCommitted")) {
    // As LangGraph: the state after a step, when the step wrote anything.
    if (stepWrote(state, outcomes)) env.sink?.emit("values", { ...writer.state.values });
    if (wantsCheckpoints(env))
      emitCheckpoint(
        env.sink,
        await streamedCheckpointOf(actor.graph, actor.store, actor.threadId, snapshotOf(actor.graph, writer.state, false), env.scope),
        env.now(),
      );
  }
  if (!decision.runEnded) return undefined;
  if (decision.error !== undefined) throw decision.error;
  if (writer.state.breakpoint) emitBreakpoint(env);
  else if (writer.state.pendingStep !== undefined && (env.scope?.namespace.length ?? 0) === 0) emitPause(env, actor.graph, state, outcomes, writer.state);
  return { state: writer.state, warnings, started: true };
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

/** Renews the run's lease when half of it is gone (`force`: now), appending what the run holds back with it. */
async function renewLeaseIfDue(writer: RunWriter, env: RunEnvironment, force = false): Promise<void> {
  const expiresAt = writer.state.activeRun?.leaseExpiresAt;
  const leaseMs = env.leaseMs;
  if (leaseMs === undefined || expiresAt === undefined) return;
  const at = env.now();
  if (!force && at < expiresAt - leaseMs / 2) return;
  // A renewal is only worth anything stored: it takes what the run holds back with it.
  await commitStep(writer, (state) => decide(writer.actor.graph, state, { type: "RenewLease", expiresAt: at + leaseMs, at }), at, true);
}

/** A step's tasks know the checkpoints their step and the steps above it were planned from (their subgraphs' runs record them). */
function withStepCheckpoint(scope: SubgraphScope | undefined, threadId: string, baseRevision: number): SubgraphScope {
  const base = scope ?? { rootThreadId: threadId, namespace: [], sinkFor: undefined };
  return { ...base, checkpoints: [...(base.checkpoints ?? []), baseRevision] };
}
