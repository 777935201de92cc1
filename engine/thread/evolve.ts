import type { GraphSpec } from "../graph/graph-spec.js";
import { END, INPUT, START } from "../graph/constants.js";
import { applyWrites } from "./apply-writes.js";
import type { PlannedTask, RaisedInterrupt, Routes, RunStarted, SendPacket, ThreadEvent, ThreadEventType, Writes } from "./events.js";
import { statusOf, transitionLifecycle, type Lifecycle } from "./lifecycle-machine.js";
import { forkedStateOf } from "./forked-state.js";
import type { ActiveRun, CheckpointInfo, PendingStep, TaskRecord, ThreadState, Triggers } from "./thread-state.js";
import { isOwnInterrupt, openBreakpointsOf } from "./pending-interrupts.js";
import { answeredMemory, noTriggers } from "./thread-state.js";
import { applyThreadChange, type ThreadChange } from "./thread-change.js";
import { noTaskItems as none, taskRecordOf, taskWith } from "./task-record.js";

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
  ThreadCreated: (_graph, _state, event, position) => ({ createdAt: position.at, metadata: event.metadata ?? {}, firstWriteReduced: event.reducerFirstWrite === undefined }),

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
    for (const update of updates) if (!state.firstWriteReduced && update.asNode !== undefined) next = asRanBy(next, update.asNode, event.alongside !== undefined);
    next = event.asNode === END ? noTriggers : updates.reduce((routed, update) => addRoutes(routed, update.routes), next);
    return {
      values: applyWrites(graph, settled.values, updates.map((update) => update.writes), state.firstWriteReduced),
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

function hasTriggers(triggers: Triggers): boolean {
  return triggers.nodes.length > 0 || triggers.sends.length > 0;
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

function succeededTasksOf(pending: PendingStep): readonly TaskRecord[] {
  // One task that succeeded (a linear step) is the common case: no filtered copy.
  if (pending.tasks.length === 1 && pending.tasks[0]!.status === "succeeded") return pending.tasks;
  return pending.tasks.filter((task) => task.status === "succeeded");
}

/** What committing tasks changes: channel values, triggers and fan-in progress. */
interface Committed {
  readonly values: Writes;
  readonly next: Triggers;
  readonly barriers: Readonly<Record<string, readonly string[]>>;
}

/** Applies finished tasks' writes (in path order) and routes, including fan-in barriers. */
function commitTasks(graph: GraphSpec, state: ThreadState, tasks: readonly TaskRecord[]): Committed {
  const values = applyWrites(graph, state.values, tasks.map((task) => task.writes ?? {}), state.firstWriteReduced);
  let next: Triggers = state.next;
  let barriers = state.barriers;
  for (const task of tasks) {
    if (!task.routes) continue;
    next = addRoutes(next, task.routes);
    if (task.routes.joins.length === 0) continue;
    const updated: Record<string, readonly string[]> = { ...barriers };
    for (const key of task.routes.joins) {
      const join = graph.joins.get(key);
      const seen = [...new Set([...(updated[key] ?? []), task.node])].sort();
      if (join && join.sources.every((source) => seen.includes(source))) {
        updated[key] = [];
        next = mergeTriggers(next, { nodes: [join.target], sends: [] });
      } else updated[key] = seen;
    }
    barriers = updated;
  }
  return { values, next, barriers };
}

/**
 * A state update while a step is pending: finished tasks keep their writes; unfinished ones are
 * dropped, their nodes triggered again (unless the update speaks for that node).
 */
function settlePendingStep(graph: GraphSpec, state: ThreadState, pending: PendingStep, asNode: string | undefined): Committed {
  const committed = commitTasks(graph, state, succeededTasksOf(pending));
  let next = mergeTriggers(committed.next, pending.goto);
  for (const task of pending.tasks) {
    if (task.status === "succeeded" || task.node === asNode) continue;
    next = task.path.startsWith("push:")
      ? mergeTriggers(next, { nodes: [], sends: [{ node: task.node, args: task.args }] })
      : mergeTriggers(next, { nodes: [task.node], sends: [] });
  }
  return { ...committed, next };
}

/** The deferred nodes a step leaves triggered (they wait for the other branches to finish). */
function deferredLeftOf(graph: GraphSpec, next: Triggers, tasks: readonly PlannedTask[]): Triggers {
  if (!next.nodes.some((node) => graph.nodes.get(node)?.defer)) return noTriggers;
  const nodes = next.nodes.filter((node) => graph.nodes.get(node)?.defer && !tasks.some((task) => task.node === node && !task.path.startsWith("push:")));
  return nodes.length > 0 ? { nodes, sends: [] } : noTriggers;
}

/**
 * `next` after an update as `node`: the node no longer triggered; in a superstep of several
 * updates (bulkUpdateState), its Sends are taken too, one per update, as its tasks having run.
 */
function asRanBy(next: Triggers, node: string, superstep: boolean): Triggers {
  const pulled = next.nodes.includes(node) ? withoutNode(next, node) : next;
  if (!superstep) return pulled;
  const index = pulled.sends.findIndex((send) => send.node === node);
  if (index === -1 || next.nodes.includes(node)) return pulled;
  return { nodes: pulled.nodes, sends: [...pulled.sends.slice(0, index), ...pulled.sends.slice(index + 1)] };
}

function withoutNode(triggers: Triggers, node: string): Triggers {
  return { nodes: triggers.nodes.filter((name) => name !== node), sends: triggers.sends };
}

function addRoutes(triggers: Triggers, routes: Routes | undefined): Triggers {
  return routes ? mergeTriggers(triggers, { nodes: routes.nodes, sends: routes.sends }) : triggers;
}

function triggersOf(goto: readonly (string | SendPacket)[]): Triggers {
  return {
    nodes: goto.filter((target): target is string => typeof target === "string" && target !== END && target !== START),
    sends: goto.filter((target): target is SendPacket => typeof target !== "string"),
  };
}

/** Union of triggered nodes (sorted, unique) and concatenation of sends. */
export function mergeTriggers(a: Triggers, b: Triggers): Triggers {
  if (b.nodes.length === 0 && b.sends.length === 0) return a;
  if (a.nodes.length === 0 && a.sends.length === 0) return { nodes: b.nodes.length <= 1 ? b.nodes : [...new Set(b.nodes)].sort(), sends: b.sends };
  return { nodes: [...new Set([...a.nodes, ...b.nodes])].sort(), sends: [...a.sends, ...b.sends] };
}

/**
 * The checkpoint an event makes: LangGraph's step numbering (the parent's step + 1; a new input
 * makes two checkpoints, + 2) and its parent, the thread's latest checkpoint.
 */
function checkpointAt(state: ThreadState, source: CheckpointInfo["source"], position: EventPosition, steps = 1): CheckpointInfo {
  // A thread with no checkpoint counts from LangGraph's empty one: its first input checkpoint is step −1.
  const step = (state.checkpoint?.step ?? (source === "input" ? -2 : -1)) + steps;
  return { revision: position.revision, source, step, at: position.at, parentRevision: state.checkpoint?.revision };
}

/** An update's checkpoint; an update of a past checkpoint (a fork just before it) takes the fork's place, as in LangGraph. */
function updateCheckpointAt(state: ThreadState, position: EventPosition, asNode: string | undefined): CheckpointInfo {
  const fork = state.checkpoint;
  // Values written as the graph's input (`asNode: "__input__"`) make an input checkpoint, as in LangGraph.
  const source = asNode === INPUT ? "input" : "update";
  if (fork?.forkedFrom === undefined || fork.revision !== position.revision - 1) return checkpointAt(state, source, position);
  return { revision: position.revision, source, step: fork.step, at: position.at, parentRevision: fork.parentRevision, absorbs: fork.revision };
}

/** The state's values with the pending step's finished tasks' writes applied (what `invoke` returns). */
export function valuesWithPendingWrites(graph: GraphSpec, state: ThreadState): Writes {
  const finished = state.pendingStep?.tasks.filter((task) => task.status === "succeeded") ?? [];
  if (finished.length === 0) return state.values;
  try {
    return applyWrites(graph, state.values, finished.map((task) => task.writes ?? {}), state.firstWriteReduced);
  } catch {
    return state.values;
  }
}

/** The last question (not a breakpoint marker) a subgraph raised among a task's interrupts, if any. */
function lastChildRaisedOf(interrupts: readonly RaisedInterrupt[]): { lastChildRaised?: RaisedInterrupt } {
  const child = interrupts.filter((interrupt) => !isOwnInterrupt(interrupt) && interrupt.breakpoint !== true).at(-1);
  return child === undefined ? {} : { lastChildRaised: child };
}
