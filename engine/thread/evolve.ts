import type { GraphSpec } from "../graph/graph-spec.js";
import { END, INPUT, START } from "../graph/constants.js";
import { applyWrites } from "./apply-writes.js";
import type { RaisedInterrupt, RunStarted, ThreadEvent, ThreadEventType, Writes } from "./events.js";
import { statusOf, transitionLifecycle, type Lifecycle } from "./lifecycle-machine.js";
import { forkedStateOf } from "./forked-state.js";
import type { ActiveRun, PendingStep, TaskRecord, ThreadState } from "./thread-state.js";
import { isOwnInterrupt, openBreakpointsOf } from "./pending-interrupts.js";
import { answeredMemory, noTriggers } from "./thread-state.js";
import { applyThreadChange, type ThreadChange } from "./thread-change.js";
import { noTaskItems as none, taskRecordOf, taskWith } from "./task-record.js";
import { checkpointAt, updateCheckpointAt } from "./checkpoint-at.js";
import { commitTasks, deferredLeftOf, settlePendingStep, succeededTasksOf } from "./commit-tasks.js";
import { addRoutes, asRanBy, hasTriggers, mergeTriggers, triggersOf, withoutNode } from "./triggers.js";

const noEffects: ThreadState["effects"] = {};

/** Where an event sits in its stream. */
export interface EventPosition {
  readonly revision: number;
  /** Epoch milliseconds when the engine recorded it. */
  readonly at: number;
}

type Handler<TType extends ThreadEventType> = (
  graph: GraphSpec,
  state: ThreadState,
  event: Extract<ThreadEvent, { type: TType }>,
  position: EventPosition,
) => ThreadChange;

/**
 * Folds one event into a thread's state; pure. Replay is `events.reduce(evolve)`. The graph
 * supplies the reducers that writes go through; nothing else of the graph's code runs.
 *
 * Each handler says what its event changes, and the new state is built once from that change:
 * an event costs one state object, not one per field it touches (this fold runs for every event
 * of every step, and on every replay).
 */
export function evolve(graph: GraphSpec, state: ThreadState, event: ThreadEvent, position: EventPosition): ThreadState {
  const handler = handlers[event.type] as Handler<ThreadEventType>;
  return applyThreadChange(state, handler(graph, state, event as never, position), position.revision, position.at);
}

const handlers: { readonly [TType in ThreadEventType]: Handler<TType> } = {
  ThreadCreated: (_graph, _state, event, position) => ({
    createdAt: position.at,
    metadata: event.metadata ?? {},
    firstWriteReduced: event.reducerFirstWrite === undefined,
  }),

  RunStarted: (graph, state, event, position) => {
    const started: { -readonly [K in keyof ThreadChange]: ThreadChange[K] } = {
      lifecycle: transitionLifecycle(state.lifecycle, { type: "RunStarted", runId: event.runId }),
      activeRun: {
        runId: event.runId,
        options: event.options,
        stepsTaken: 0,
        resumedAtStep: passesBreakpoints(state, event.input) ? state.step : undefined,
        leaseExpiresAt: event.leaseExpiresAt,
        before: forkedStateOf(state),
      },
      breakpoint: undefined,
    };
    const input = event.input;
    // A run that continues the thread passes the breakpoints its subgraphs wait at, as its own.
    if (input.kind !== "input" && state.pendingStep !== undefined) {
      const passed = passSubgraphBreakpoints(state.pendingStep);
      if (passed !== state.pendingStep) {
        started.pendingStep = passed;
        state = { ...state, pendingStep: passed };
      }
    }
    if (input.kind === "input") {
      return {
        ...started,
        pendingStep: undefined,
        values: applyWrites(graph, state.values, [input.values], state.firstWriteReduced),
        next: addRoutes(noTriggers, input.routes),
        // The head input checkpoint's `__start__` task writes its input: the next checkpoint is a loop one after it.
        checkpoint: input.fromInputCheckpoint ? checkpointAt(state, "loop", position) : { ...checkpointAt(state, "input", position, 2), input: input.values },
      };
    }
    if (input.kind === "command" && (input.update !== undefined || (input.goto?.length ?? 0) > 0)) {
      const goto = triggersOf(input.goto ?? []);
      const values = input.update ? applyWrites(graph, state.values, [input.update], state.firstWriteReduced) : state.values;
      const routed: ThreadChange = state.pendingStep
        ? { pendingStep: { ...state.pendingStep, goto: mergeTriggers(state.pendingStep.goto, goto) } }
        : { next: mergeTriggers(state.next, goto) };
      return { ...started, ...routed, values, checkpoint: checkpointAt(state, "input", position) };
    }
    return started;
  },

  StepStarted: (graph, state, event) => ({
    next: deferredLeftOf(graph, state.next, event.tasks),
    pendingStep: { step: event.step, baseRevision: event.baseRevision, goto: noTriggers, tasks: event.tasks.map(taskRecordOf) },
    activeRun: state.activeRun && runWith(state.activeRun, { stepsTaken: state.activeRun.stepsTaken + 1 }),
  }),

  TaskSucceeded: (_graph, state, event) =>
    updateTask(state.pendingStep, event.taskId, (task) => taskWith(task, { status: "succeeded", writes: event.writes, routes: event.routes, pending: none })),

  TaskInterrupted: (_graph, state, event) =>
    updateTask(state.pendingStep, event.taskId, (task) =>
      taskWith(task, {
        status: "interrupted",
        pending: event.interrupts,
        raised: [...task.raised, ...event.interrupts.filter(isOwnInterrupt)],
        ...lastChildRaisedOf(event.interrupts),
      }),
    ),

  TaskFailed: (_graph, state, event) =>
    updateTask(state.pendingStep, event.taskId, (task) => taskWith(task, { status: "failed", error: event.error, pending: none })),

  StepCommitted: (graph, state, _event, position) => {
    const pending = state.pendingStep!;
    const committed = commitTasks(graph, state, succeededTasksOf(pending));
    return {
      values: committed.values,
      barriers: committed.barriers,
      next: mergeTriggers(committed.next, pending.goto),
      step: pending.step,
      pendingStep: undefined,
      effects: noEffects,
      checkpoint: checkpointAt(state, "loop", position),
    };
  },

  InterruptResumed: (_graph, state, event) => {
    let pending = state.pendingStep;
    for (const answer of event.answers) {
      pending = updateTask(pending, answer.taskId, (task) => {
        const own = task.pending.find((interrupt) => interrupt.id === answer.interruptId && isOwnInterrupt(interrupt));
        return own
          ? taskWith(task, { answers: [...task.answers, answer.value] })
          : taskWith(task, { childAnswers: { ...task.childAnswers, [answer.interruptId]: answer.value } });
      }).pendingStep;
    }
    return { pendingStep: pending, answered: [...state.answered, ...event.answers.map((answer) => answer.interruptId)].slice(-answeredMemory) };
  },

  StateUpdated: (graph, state, event, position) => {
    const settled = state.pendingStep ? settlePendingStep(graph, state, state.pendingStep, event.asNode) : state;
    const step = state.step + 1;
    if (event.asNode === INPUT) {
      // LangGraph's update as input: an input checkpoint whose `__start__` task will write the values.
      return {
        values: settled.values,
        next: settled.next,
        barriers: settled.barriers,
        step,
        pendingStep: undefined,
        breakpoint: undefined,
        effects: noEffects,
        lifecycle: transitionLifecycle(state.lifecycle, { type: "StateChanged", waiting: true }),
        checkpoint: { ...updateCheckpointAt(state, position, INPUT), pendingInput: event.writes },
      };
    }
    const updates = [{ asNode: event.asNode, writes: event.writes, routes: event.routes }, ...(event.alongside ?? [])];
    // As in LangGraph, an update as a node stands for that node having run: it is no longer triggered.
    // An update as a node counts as that node having run (LangGraph's rule), on threads this version
    // created; a thread written by 0.1.0 (which records no first-write rule) keeps the rule it was
    // written under, so its stored history replays to the same `next`.
    let next = settled.next;
    for (const update of updates)
      if (!state.firstWriteReduced && update.asNode !== undefined) next = asRanBy(next, update.asNode, event.alongside !== undefined);
    next = event.asNode === END ? noTriggers : updates.reduce((routed, update) => addRoutes(routed, update.routes), next);
    return {
      values: applyWrites(
        graph,
        settled.values,
        updates.map((update) => update.writes),
        state.firstWriteReduced,
      ),
      next,
      barriers: settled.barriers,
      step,
      pendingStep: undefined,
      breakpoint: undefined,
      effects: noEffects,
      lifecycle: transitionLifecycle(state.lifecycle, { type: "StateChanged", waiting: hasTriggers(next) }),
      checkpoint: updateCheckpointAt(state, position, event.asNode === START && !event.asStart ? INPUT : event.asNode),
    };
  },

  ThreadForked: (_graph, state, event, position) => ({
    values: event.state.values,
    step: event.state.step,
    next: event.state.next,
    barriers: event.state.barriers,
    pendingStep: undefined,
    breakpoint: undefined,
    effects: noEffects,
    lifecycle: transitionLifecycle(state.lifecycle, { type: "StateChanged", waiting: hasTriggers(event.state.next) }),
    checkpoint: {
      ...checkpointAt(state, "fork", position),
      ...(event.checkpoint ?? { parentRevision: event.fromRevision }),
      forkedFrom: event.fromRevision,
    },
  }),

  BreakpointHit: (_graph, _state, event) => ({ breakpoint: { when: event.when, step: event.step, nodes: event.nodes } }),

  ReplayWarningRaised: () => ({}),

  EffectRecorded: (_graph, state, event) => ({
    effects: { ...state.effects, [event.taskId]: { ...state.effects[event.taskId], [event.key]: { result: event.result } } },
  }),

  RunSucceeded: (_graph, state, event) => ({
    activeRun: undefined,
    lifecycle: transitionLifecycle(state.lifecycle, { type: "RunSucceeded", paused: event.pausedOn !== undefined }),
  }),

  RunFailed: (_graph, state) => ({
    activeRun: undefined,
    lifecycle: transitionLifecycle(state.lifecycle, { type: "RunFailed" }),
  }),

  RunQueued: (_graph, state, event) => ({
    lifecycle: transitionLifecycle(state.lifecycle, {
      type: "RunQueued",
      run: {
        runId: event.runId,
        input: event.input,
        options: event.options,
        multitaskStrategy: event.multitaskStrategy,
        metadata: event.metadata,
        ...(event.configurable ? { configurable: event.configurable } : {}),
        ...(event.ahead ? { ahead: true as const } : {}),
      },
    }),
  }),

  RunCancelled: (_graph, state, event) => ({
    activeRun: state.activeRun?.runId === event.runId ? undefined : state.activeRun,
    lifecycle: settleLifecycle(
      transitionLifecycle(state.lifecycle, { type: "RunCancelled", runId: event.runId }),
      state.pendingStep !== undefined || state.breakpoint !== undefined,
    ),
  }),

  // The restored state has no pending step and no breakpoint: nothing waits, so the lifecycle
  // needs no settling after the cancel.
  RunRolledBack: (_graph, state, event, position) => ({
    values: event.restored.values,
    step: event.restored.step,
    next: event.restored.next,
    barriers: event.restored.barriers,
    pendingStep: undefined,
    breakpoint: undefined,
    effects: noEffects,
    activeRun: undefined,
    lifecycle: transitionLifecycle(state.lifecycle, { type: "RunCancelled", runId: event.runId }),
    checkpoint: checkpointAt(state, "fork", position),
  }),

  RunLeaseRenewed: (_graph, state, event) =>
    state.activeRun?.runId === event.runId ? { activeRun: runWith(state.activeRun, { leaseExpiresAt: event.expiresAt }) } : {},
};

/** After a run ends without saying how the thread waits (a cancel), derive it from the state. */
function settleLifecycle(lifecycle: Lifecycle, waiting: boolean): Lifecycle {
  if (!waiting || statusOf(lifecycle) !== "idle") return lifecycle;
  return transitionLifecycle(lifecycle, { type: "StateChanged", waiting });
}

/** Whether the thread has work waiting: a pending step or triggered nodes. */
export function hasWork(state: ThreadState): boolean {
  return state.pendingStep !== undefined || hasTriggers(state.next);
}

function updateTask(pending: PendingStep | undefined, taskId: string, change: (task: TaskRecord) => TaskRecord): { pendingStep?: PendingStep } {
  if (!pending) return {};
  const tasks = pending.tasks.map((task) => (task.id === taskId ? change(task) : task));
  return { pendingStep: { step: pending.step, baseRevision: pending.baseRevision, tasks, goto: pending.goto } };
}

/** The pending step with every subgraph breakpoint its tasks wait at marked passed (the same object when there is none). */
function passSubgraphBreakpoints(pending: PendingStep): PendingStep {
  if (!pending.tasks.some((task) => openBreakpointsOf(task).length > 0)) return pending;
  const tasks = pending.tasks.map((task) => {
    const open = openBreakpointsOf(task);
    if (open.length === 0) return task;
    const childAnswers: Record<string, unknown> = { ...task.childAnswers };
    for (const marker of open) childAnswers[marker.id] = null;
    return taskWith(task, { childAnswers });
  });
  return { step: pending.step, baseRevision: pending.baseRevision, tasks, goto: pending.goto };
}

/**
 * Whether a run starting on `state` passes the `interruptBefore` breakpoints of the step it starts
 * with, as LangGraph's resuming runs do: a Command, or `invoke(null)` on a thread that waits at a
 * breakpoint or was changed by updateState or a fork. Not an `invoke(null)` that picks up where a
 * crashed run stopped: that run had not passed a breakpoint, so its continuation does not either.
 */
function passesBreakpoints(state: ThreadState, input: RunStarted["input"]): boolean {
  if (input.kind === "command") return true;
  if (input.kind !== "continue") return false;
  const source = state.checkpoint?.source;
  return state.breakpoint !== undefined || source === "update" || source === "fork";
}

/** An active run with its step count or lease replaced. */
function runWith(run: ActiveRun, change: Partial<Pick<ActiveRun, "stepsTaken" | "leaseExpiresAt">>): ActiveRun {
  return {
    runId: run.runId,
    options: run.options,
    stepsTaken: change.stepsTaken ?? run.stepsTaken,
    resumedAtStep: run.resumedAtStep,
    leaseExpiresAt: "leaseExpiresAt" in change ? change.leaseExpiresAt : run.leaseExpiresAt,
    before: run.before,
  };
}

/** The state's values with the pending step's finished tasks' writes applied (what `invoke` returns). */
export function valuesWithPendingWrites(graph: GraphSpec, state: ThreadState): Writes {
  const finished = state.pendingStep?.tasks.filter((task) => task.status === "succeeded") ?? [];
  if (finished.length === 0) return state.values;
  try {
    return applyWrites(
      graph,
      state.values,
      finished.map((task) => task.writes ?? {}),
      state.firstWriteReduced,
    );
  } catch {
    return state.values;
  }
}

/** The last question (not a breakpoint marker) a subgraph raised among a task's interrupts, if any. */
function lastChildRaisedOf(interrupts: readonly RaisedInterrupt[]): { lastChildRaised?: RaisedInterrupt } {
  const child = interrupts.filter((interrupt) => !isOwnInterrupt(interrupt) && interrupt.breakpoint !== true).at(-1);
  return child === undefined ? {} : { lastChildRaised: child };
}
