import { watchStoreWrites } from "../runtime/watched-store.js";
import type { StoreLike } from "../../store/long-term/base-store.js";
import type { EventStore } from "../../store/event-store.js";
import { UnknownThreadError, UnrecordedEffectError } from "../errors/audit-errors.js";
import { MissingCheckpointerError } from "../errors/run-errors.js";
import { START } from "../graph/constants.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { computeRoutes } from "../runtime/compute-routes.js";
import { executeTask, type TaskEnvironment } from "../runtime/execute-task.js";
import { GraphInterrupt } from "../runtime/interrupt.js";
import { createNodeConfig } from "../runtime/node-config.js";
import { currentTask } from "../runtime/task-context.js";
import { foldRecorded } from "../runtime/thread-actor.js";
import { replayThread } from "../runtime/thread-history.js";
import { initialValues } from "../thread/apply-writes.js";
import type { RaisedInterrupt, ThreadEvent, Writes } from "../thread/events.js";
import { hasWork, valuesWithPendingWrites } from "../thread/evolve.js";
import { streamNameOf } from "../thread/ids.js";
import { errorRecordOf, type TaskOutcome } from "../thread/task-outcome.js";
import { initialThreadState, type ThreadState } from "../thread/thread-state.js";
import { structuralDiff, type DiffEntry } from "./structural-diff.js";
import { upcastThreadEvent } from "../thread/upcast-thread-event.js";

/** Where today's code first does something other than what a thread's history records. */
export interface Divergence {
  /** The thread whose history diverged (a subgraph's thread when the divergence is inside it). */
  readonly threadId: string;
  /** The revision of the recorded event today's code disagrees with. */
  readonly revision: number;
  readonly step: number;
  readonly node: string;
  readonly taskId: string;
  /** What differs: `outcome`, `writes`, `routes`, `interrupts`, `error` or `routes from START`. */
  readonly what: string;
  readonly expected: unknown;
  readonly produced: unknown;
  /** The differing leaves, with paths. */
  readonly diff: readonly DiffEntry[];
}

export type VerifyResult =
  | { readonly ok: true; readonly events: number; readonly steps: number; readonly threads: number }
  | { readonly ok: false; readonly events: number; readonly steps: number; readonly threads: number; readonly divergence: Divergence };

export interface VerifyOptions {
  /** Called as the replay goes, with events checked so far and the events of the thread. */
  readonly onProgress?: (done: number, total: number) => void;
  /** The `config.configurable` keys the nodes were run with (not recorded for plain invoke()). */
  readonly configurable?: Readonly<Record<string, unknown>>;
  /**
   * The long-term memory store the nodes use as `config.store` (none by default: a node that
   * needs one fails). Store calls are not recorded, so nodes read what the store holds now and
   * their writes reach it: pass a copy, or an `InMemoryStore` filled for the check.
   */
  readonly store?: StoreLike;
  /** The `config.context` the nodes were run with (not recorded). */
  readonly context?: unknown;
}

/** What verify needs of a graph: its spec and the store holding the thread. */
export interface VerifiableGraph {
  readonly graphSpec: GraphSpec;
  readonly checkpointer: EventStore | undefined;
}

const pageSize = 1000;

/**
 * Re-executes a thread's recorded history with today's graph code and compares what it produces
 * with what was recorded, in the manner of Temporal's replay tests: every recorded task outcome
 * (writes, routing, interrupts, failure) is produced again by running the node on the state the
 * history gives at that point, with the recorded answers; journaled effects return their records
 * (their bodies never run); a nested graph call returns what the subgraph's thread recorded, and
 * each subgraph thread is verified in turn. The first difference is returned as a structural
 * diff; the history itself is never written to.
 *
 * Node code outside `effect()` does run again: verify against a copy of production data (export
 * the thread, import it into a local SQLite file) when nodes have side effects of their own.
 *
 * @example
 * const result = await verify(graph, "thread-42");
 * if (!result.ok) console.log(result.divergence.revision, result.divergence.node, result.divergence.diff);
 */
export async function verify(graph: VerifiableGraph, threadId: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const store = graph.checkpointer;
  if (!store) throw new MissingCheckpointerError("verify()");
  const head = await store.readStream(streamNameOf(threadId), { direction: "backwards", maxCount: 1 });
  if (!head.streamExists) throw new UnknownThreadError(threadId);
  const totals = { events: 0, steps: 0, threads: 0 };
  const queue: [GraphSpec, string][] = [[graph.graphSpec, threadId]];
  const seen = new Set<string>([threadId]);
  while (queue.length > 0) {
    const [spec, id] = queue.shift()!;
    const children = new Map<string, GraphSpec>();
    const divergence = await verifyOneThread(spec, store, id, options, totals, children, id === threadId ? head.currentRevision + 1 : undefined);
    totals.threads++;
    if (divergence) return { ok: false, ...totals, divergence };
    for (const [child, childSpec] of [...children].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!seen.has(child)) (seen.add(child), queue.push([childSpec, child]));
    }
  }
  return { ok: true, ...totals };
}

async function verifyOneThread(
  graph: GraphSpec,
  store: EventStore,
  threadId: string,
  options: VerifyOptions,
  totals: { events: number; steps: number },
  children: Map<string, GraphSpec>,
  total: number | undefined,
): Promise<Divergence | undefined> {
  let state = initialThreadState(threadId, initialValues(graph));
  const stream = streamNameOf(threadId);
  for (;;) {
    const { events } = await store.readStream(stream, { fromRevision: state.revision + 1, maxCount: pageSize });
    for (const recorded of events) {
      const event = upcastThreadEvent(recorded);
      const next = foldRecorded(graph, state, recorded); // refuses events this version cannot read
      const divergence = await check(graph, store, state, event, recorded.revision, options, children);
      if (divergence) return divergence;
      state = next;
      totals.events++;
      if (event.type === "StepCommitted") totals.steps++;
      if (total !== undefined && (recorded.revision % 100 === 99 || recorded.revision + 1 === total)) options.onProgress?.(recorded.revision + 1, total);
    }
    if (events.length < pageSize) return undefined;
  }
}

/** Produces `event` again with today's code, when it is the outcome of user code; compares. */
async function check(
  graph: GraphSpec,
  store: EventStore,
  state: ThreadState,
  event: ThreadEvent,
  revision: number,
  options: VerifyOptions,
  children: Map<string, GraphSpec>,
): Promise<Divergence | undefined> {
  if (event.type === "RunStarted" && event.input.kind === "input") {
    const config = createNodeConfig({ threadId: state.threadId, configurable: options.configurable ?? {} });
    const where = { threadId: state.threadId, revision, step: state.step + 1, node: START, taskId: "" };
    let produced: unknown;
    try {
      produced = await computeRoutes(graph, START, state.values, event.input.values, [], config);
    } catch (error) {
      return { ...where, what: "routes from START", expected: event.input.routes, produced: errorRecordOf(error), diff: [] };
    }
    return compare(where, "routes from START", event.input.routes, produced);
  }
  if (event.type !== "TaskSucceeded" && event.type !== "TaskInterrupted" && event.type !== "TaskFailed") return undefined;
  const pending = state.pendingStep;
  const record = pending?.tasks.find((task) => task.id === event.taskId);
  if (!pending || !record) return undefined; // an outcome of a step this fold does not know: nothing to re-execute
  const where = { threadId: state.threadId, revision, step: event.step, node: record.node, taskId: record.id };
  const outcome = await executeTask(environment(graph, store, state, event, options, children), record, record);
  return compareOutcome(where, event, outcome);
}

function environment(
  graph: GraphSpec,
  store: EventStore,
  state: ThreadState,
  event: ThreadEvent & { type: "TaskSucceeded" | "TaskInterrupted" | "TaskFailed" },
  options: VerifyOptions,
  children: Map<string, GraphSpec>,
): TaskEnvironment {
  return {
    graph,
    threadId: state.threadId,
    runId: state.activeRun?.runId ?? "",
    store,
    durable: true,
    strict: false,
    values: state.values,
    configurable: options.configurable ?? {},
    metadata: {},
    signal: undefined,
    writer: () => undefined,
    recursionLimit: state.activeRun?.options.recursionLimit ?? 25,
    warningsAsErrors: false,
    singleAttempt: true,
    effects: state.effects,
    recordEffect: (task, key) => Promise.reject(new UnrecordedEffectError(task.node, key)),
    observeSideEffects: undefined,
    longTermStore: options.store && watchStoreWrites(options.store),
    context: options.context,
    replayNested: async (childGraph, childThreadId) => {
      children.set(childThreadId, childGraph);
      const raised = event.type === "TaskInterrupted" ? event.interrupts.filter((interrupt) => interrupt.childThreadId === childThreadId) : [];
      if (raised.length > 0) throw raiseRecorded(raised);
      return completedResultOf(childGraph, store, childThreadId);
    },
  };
}

/** A nested call that paused: the interrupts the subgraph's thread recorded, raised again. */
function raiseRecorded(raised: readonly RaisedInterrupt[]): GraphInterrupt {
  const task = currentTask();
  if (task) task.raisedNow = raised;
  return new GraphInterrupt(raised);
}

/** What a nested graph call returned: the subgraph thread's values when its first run completed. */
async function completedResultOf(graph: GraphSpec, store: EventStore, threadId: string): Promise<Writes> {
  let completed: ThreadState | undefined;
  const final = await replayThread(graph, store, threadId, (state, previous) => {
    if (previous.activeRun !== undefined && state.activeRun === undefined && !hasWork(state)) completed = state;
    return completed === undefined;
  });
  return valuesWithPendingWrites(graph, completed ?? final);
}

type Where = Omit<Divergence, "what" | "expected" | "produced" | "diff">;

function compareOutcome(
  where: Where,
  event: ThreadEvent & { type: "TaskSucceeded" | "TaskInterrupted" | "TaskFailed" },
  outcome: TaskOutcome,
): Divergence | undefined {
  const expectedKind = event.type === "TaskSucceeded" ? "succeeded" : event.type === "TaskInterrupted" ? "interrupted" : "failed";
  if (outcome.kind !== expectedKind) {
    return {
      ...where,
      what: "outcome",
      expected: expectedKind,
      produced: describe(outcome),
      diff: [{ path: "outcome", expected: expectedKind, produced: outcome.kind }],
    };
  }
  if (event.type === "TaskSucceeded" && outcome.kind === "succeeded") {
    return compare(where, "writes", event.writes, outcome.writes) ?? compare(where, "routes", event.routes, outcome.routes);
  }
  if (event.type === "TaskInterrupted" && outcome.kind === "interrupted") {
    return compare(where, "interrupts", event.interrupts.map(comparableInterrupt), outcome.interrupts.map(comparableInterrupt));
  }
  if (event.type === "TaskFailed" && outcome.kind === "failed") return compare(where, "error", event.error.name, errorRecordOf(outcome.error).name);
  return undefined;
}

function comparableInterrupt(interrupt: RaisedInterrupt): Record<string, unknown> {
  return {
    id: interrupt.id,
    index: interrupt.index,
    value: interrupt.value,
    ...(interrupt.childThreadId !== undefined ? { childThreadId: interrupt.childThreadId } : {}),
    ...(interrupt.scope !== undefined ? { scope: interrupt.scope } : {}),
  };
}

function compare(where: Where, what: string, expected: unknown, produced: unknown): Divergence | undefined {
  const diff = structuralDiff(expected, produced, what === "routes from START" ? "routes" : what);
  return diff.length === 0 ? undefined : { ...where, what, expected, produced, diff };
}

function describe(outcome: TaskOutcome): unknown {
  switch (outcome.kind) {
    case "succeeded":
      return { kind: "succeeded", writes: outcome.writes };
    case "interrupted":
      return { kind: "interrupted", interrupts: outcome.interrupts.map(comparableInterrupt) };
    case "failed":
      return { kind: "failed", error: errorRecordOf(outcome.error) };
  }
}
