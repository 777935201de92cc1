import type { GraphSpec } from "../graph/graph-spec.js";
import { END, START } from "../graph/constants.js";
import { applyWrites } from "./apply-writes.js";
import type { Routes, SendPacket, ThreadEvent, ThreadEventType, Writes } from "./events.js";
import { statusOf, transitionLifecycle } from "./lifecycle-machine.js";
import { forkedStateOf } from "./forked-state.js";
import type { CheckpointInfo, PendingStep, TaskRecord, ThreadState, Triggers } from "./thread-state.js";
import { answeredMemory, noTriggers } from "./thread-state.js";

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
) => ThreadState;

/**
 * Folds one event into a thread's state; pure. Replay is `events.reduce(evolve)`. The graph
 * supplies the reducers that writes go through; nothing else of the graph's code runs.
 */
export function evolve(graph: GraphSpec, state: ThreadState, event: ThreadEvent, position: EventPosition): ThreadState {
  const handler = handlers[event.type] as Handler<ThreadEventType>;
  return { ...handler(graph, state, event as never, position), revision: position.revision, updatedAt: position.at };
}

const handlers: { readonly [TType in ThreadEventType]: Handler<TType> } = {
  ThreadCreated: (_graph, state, event, position) => ({ ...state, createdAt: position.at, metadata: event.metadata ?? {} }),

  RunStarted: (graph, state, event, position) => {
    let next: ThreadState = {
      ...state,
      lifecycle: transitionLifecycle(state.lifecycle, { type: "RunStarted", runId: event.runId }),
      activeRun: { runId: event.runId, options: event.options, stepsTaken: 0, leaseExpiresAt: event.leaseExpiresAt, before: forkedStateOf(state) },
      breakpoint: undefined,
    };
    const input = event.input;
    if (input.kind === "input") {
      next = { ...next, pendingStep: undefined, values: applyWrites(graph, next.values, [input.values]), next: addRoutes(noTriggers, input.routes) };
      return { ...next, checkpoint: checkpointAt(next, "input", next.step, position) };
    }
    if (input.kind === "command" && (input.update !== undefined || (input.goto?.length ?? 0) > 0)) {
      const goto = triggersOf(input.goto ?? []);
      const values = input.update ? applyWrites(graph, next.values, [input.update]) : next.values;
      next = next.pendingStep
        ? { ...next, values, pendingStep: { ...next.pendingStep, goto: mergeTriggers(next.pendingStep.goto, goto) } }
        : { ...next, values, next: mergeTriggers(next.next, goto) };
      return { ...next, checkpoint: checkpointAt(next, "input", next.step, position) };
    }
    return next;
  },

  StepStarted: (_graph, state, event) => ({
    ...state,
    next: noTriggers,
    pendingStep: {
      step: event.step,
      baseRevision: event.baseRevision,
      goto: noTriggers,
      tasks: event.tasks.map((task) => ({ ...task, status: "pending", answers: [], raised: [], pending: [], childAnswers: {} })),
    },
    activeRun: state.activeRun && { ...state.activeRun, stepsTaken: state.activeRun.stepsTaken + 1 },
  }),

  TaskSucceeded: (_graph, state, event) =>
    updateTask(state, event.taskId, (task) => ({ ...task, status: "succeeded", writes: event.writes, routes: event.routes, pending: [] })),

  TaskInterrupted: (_graph, state, event) =>
    updateTask(state, event.taskId, (task) => ({
      ...task,
      status: "interrupted",
      pending: event.interrupts,
      raised: [...task.raised, ...event.interrupts.filter((interrupt) => interrupt.childThreadId === undefined)],
    })),

  TaskFailed: (_graph, state, event) =>
    updateTask(state, event.taskId, (task) => ({ ...task, status: "failed", error: event.error, pending: [] })),

  StepCommitted: (graph, state, _event, position) => {
    const pending = state.pendingStep!;
    const committed = commitTasks(graph, state, pending.tasks.filter((task) => task.status === "succeeded"));
    const next: ThreadState = {
      ...committed,
      next: mergeTriggers(committed.next, pending.goto),
      step: pending.step,
      pendingStep: undefined,
      effects: noEffects,
    };
    return { ...next, checkpoint: checkpointAt(next, "loop", pending.step, position) };
  },

  InterruptResumed: (_graph, state, event) =>
    event.answers.reduce<ThreadState>(
      (current, answer) =>
        updateTask(current, answer.taskId, (task) => {
          const own = task.pending.find((interrupt) => interrupt.id === answer.interruptId && interrupt.childThreadId === undefined);
          return own
            ? { ...task, answers: [...task.answers, answer.value] }
            : { ...task, childAnswers: { ...task.childAnswers, [answer.interruptId]: answer.value } };
        }),
      { ...state, answered: [...state.answered, ...event.answers.map((answer) => answer.interruptId)].slice(-answeredMemory) },
    ),

  StateUpdated: (graph, state, event, position) => {
    let next = state.pendingStep ? settlePendingStep(graph, state, state.pendingStep, event.asNode) : state;
    next = { ...next, values: applyWrites(graph, next.values, [event.writes]), breakpoint: undefined, effects: noEffects };
    if (event.asNode === END) next = { ...next, next: noTriggers };
    else if (event.routes) next = { ...next, next: addRoutes(next.next, event.routes) };
    next = { ...next, step: next.step + 1 };
    next = { ...next, lifecycle: transitionLifecycle(next.lifecycle, { type: "StateChanged", waiting: hasWork(next) }) };
    return { ...next, checkpoint: checkpointAt(next, "update", next.step, position) };
  },

  ThreadForked: (_graph, state, event, position) => {
    const next: ThreadState = {
      ...state,
      values: event.state.values,
      step: event.state.step,
      next: event.state.next,
      barriers: event.state.barriers,
      pendingStep: undefined,
      breakpoint: undefined,
      effects: noEffects,
    };
    const forked = { ...next, lifecycle: transitionLifecycle(next.lifecycle, { type: "StateChanged", waiting: hasWork(next) }) };
    return { ...forked, checkpoint: checkpointAt(forked, "fork", forked.step, position) };
  },

  BreakpointHit: (_graph, state, event) => ({ ...state, breakpoint: { when: event.when, step: event.step, nodes: event.nodes } }),

  ReplayWarningRaised: (_graph, state) => state,

  EffectRecorded: (_graph, state, event) => ({
    ...state,
    effects: { ...state.effects, [event.taskId]: { ...state.effects[event.taskId], [event.key]: { result: event.result } } },
  }),

  RunSucceeded: (_graph, state, event) => ({
    ...state,
    activeRun: undefined,
    lifecycle: transitionLifecycle(state.lifecycle, { type: "RunSucceeded", paused: event.pausedOn !== undefined }),
  }),

  RunFailed: (_graph, state) => ({
    ...state,
    activeRun: undefined,
    lifecycle: transitionLifecycle(state.lifecycle, { type: "RunFailed" }),
  }),

  RunQueued: (_graph, state, event) => ({
    ...state,
    lifecycle: transitionLifecycle(state.lifecycle, {
      type: "RunQueued",
      run: {
        runId: event.runId,
        input: event.input,
        options: event.options,
        multitaskStrategy: event.multitaskStrategy,
        metadata: event.metadata,
        ...(event.configurable ? { configurable: event.configurable } : {}),
      },
    }),
  }),

  RunCancelled: (_graph, state, event) =>
    settleLifecycle({
      ...state,
      activeRun: state.activeRun?.runId === event.runId ? undefined : state.activeRun,
      lifecycle: transitionLifecycle(state.lifecycle, { type: "RunCancelled", runId: event.runId }),
    }),

  RunRolledBack: (_graph, state, event, position) => {
    const next = settleLifecycle({
      ...state,
      values: event.restored.values,
      step: event.restored.step,
      next: event.restored.next,
      barriers: event.restored.barriers,
      pendingStep: undefined,
      breakpoint: undefined,
      effects: noEffects,
      activeRun: undefined,
      lifecycle: transitionLifecycle(state.lifecycle, { type: "RunCancelled", runId: event.runId }),
    });
    return { ...next, checkpoint: checkpointAt(next, "fork", next.step, position) };
  },

  RunLeaseRenewed: (_graph, state, event) =>
    state.activeRun?.runId === event.runId ? { ...state, activeRun: { ...state.activeRun, leaseExpiresAt: event.expiresAt } } : state,
};

/** After a run ends without saying how the thread waits (a cancel), derive it from the state. */
function settleLifecycle(state: ThreadState): ThreadState {
  if (statusOf(state.lifecycle) !== "idle") return state;
  const waiting = state.pendingStep !== undefined || state.breakpoint !== undefined;
  return waiting ? { ...state, lifecycle: transitionLifecycle(state.lifecycle, { type: "StateChanged", waiting }) } : state;
}

/** Whether the thread has work waiting: a pending step or triggered nodes. */
export function hasWork(state: ThreadState): boolean {
  return state.pendingStep !== undefined || state.next.nodes.length > 0 || state.next.sends.length > 0;
}

function updateTask(state: ThreadState, taskId: string, change: (task: TaskRecord) => TaskRecord): ThreadState {
  const pending = state.pendingStep;
  if (!pending) return state;
  return { ...state, pendingStep: { ...pending, tasks: pending.tasks.map((task) => (task.id === taskId ? change(task) : task)) } };
}

/** Applies finished tasks' writes (in path order) and routes, including fan-in barriers. */
function commitTasks(graph: GraphSpec, state: ThreadState, tasks: readonly TaskRecord[]): ThreadState {
  const values = applyWrites(graph, state.values, tasks.map((task) => task.writes ?? {}));
  let next: Triggers = state.next;
  const barriers: Record<string, readonly string[]> = { ...state.barriers };
  for (const task of tasks) {
    if (!task.routes) continue;
    next = addRoutes(next, task.routes);
    for (const key of task.routes.joins) {
      const join = graph.joins.get(key);
      const seen = [...new Set([...(barriers[key] ?? []), task.node])].sort();
      if (join && join.sources.every((source) => seen.includes(source))) {
        barriers[key] = [];
        next = mergeTriggers(next, { nodes: [join.target], sends: [] });
      } else barriers[key] = seen;
    }
  }
  return { ...state, values, next, barriers };
}

/**
 * A state update while a step is pending: finished tasks keep their writes; unfinished ones are
 * dropped, their nodes triggered again (unless the update speaks for that node).
 */
function settlePendingStep(graph: GraphSpec, state: ThreadState, pending: PendingStep, asNode: string | undefined): ThreadState {
  const committed = commitTasks(graph, state, pending.tasks.filter((task) => task.status === "succeeded"));
  let next = mergeTriggers(committed.next, pending.goto);
  for (const task of pending.tasks) {
    if (task.status === "succeeded" || task.node === asNode) continue;
    next = task.path.startsWith("push:")
      ? mergeTriggers(next, { nodes: [], sends: [{ node: task.node, args: task.args }] })
      : mergeTriggers(next, { nodes: [task.node], sends: [] });
  }
  return { ...committed, next, pendingStep: undefined };
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
  if (a.nodes.length === 0 && a.sends.length === 0) return { nodes: [...new Set(b.nodes)].sort(), sends: b.sends };
  return { nodes: [...new Set([...a.nodes, ...b.nodes])].sort(), sends: [...a.sends, ...b.sends] };
}

function checkpointAt(state: ThreadState, source: CheckpointInfo["source"], step: number, position: EventPosition): CheckpointInfo {
  return { revision: position.revision, source, step, at: position.at, parentRevision: state.checkpoint?.revision };
}

/** The state's values with the pending step's finished tasks' writes applied (what `invoke` returns). */
export function valuesWithPendingWrites(graph: GraphSpec, state: ThreadState): Writes {
  const finished = state.pendingStep?.tasks.filter((task) => task.status === "succeeded") ?? [];
  if (finished.length === 0) return state.values;
  try {
    return applyWrites(graph, state.values, finished.map((task) => task.writes ?? {}));
  } catch {
    return state.values;
  }
}
