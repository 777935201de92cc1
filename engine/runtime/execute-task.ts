import { roundTrip } from "../serialization/round-trip.js";
import { backoff, shouldRetry, sleep } from "./node-retry-policy.js";
import type { EventStore } from "../../store/event-store.js";
import type { BaseStore } from "../../store/long-term/base-store.js";
import { NonDeterminismError } from "../errors/run-errors.js";
import type { GraphSpec, NodeConfig, NodeSpec, SubgraphNode } from "../graph/graph-spec.js";
import { assertSerializable } from "../serialization/assert-serializable.js";
import { prepareWrites } from "../graph/prepare-writes.js";
import type { PlannedTask, RaisedInterrupt, Writes } from "../thread/events.js";
import { assertPayloadSize } from "../serialization/assert-payload-size.js";
import type { ReplayWarning, TaskOutcome } from "../thread/task-outcome.js";
import type { TaskRecord } from "../thread/thread-state.js";
import { computeRoutes } from "./compute-routes.js";
import { routesInTask } from "./routes-in-task.js";
import { isGraphInterrupt } from "./interrupt.js";
import { createNodeConfig, type PassedConfig } from "./node-config.js";
import { isCommand, revivedCommandOf } from "../graph/command.js";
import { normalizeNodeResult } from "./normalize-node-result.js";
import { runAsTask, type ReplayNested, type TaskContext } from "./task-context.js";
import { ReplayWarningError } from "../errors/effect-errors.js";
import { watchForInPlaceChanges } from "../serialization/fingerprint.js";
import { withPushedWrites } from "../messages/push-message.js";
import type { ThreadState } from "../thread/thread-state.js";
import { closeReplayWindow, openReplayWindow } from "./replay-window.js";
import { isPromiseLike } from "./is-promise-like.js";
import { isParentCommand, type ParentCommand } from "./parent-command.js";
import { isSubgraphOutput } from "./subgraph-output.js";
import { InvalidUpdateError } from "../errors/run-errors.js";
import { checkpointNsOf, type SubgraphScope } from "./subgraph-scope.js";
import type { RunTracing, TaskTrace } from "../streaming/run-tracing.js";
import { taskMetadataOf } from "../streaming/task-metadata.js";
import { CONFIG_KEY_NODE_FINISHED } from "../graph/constants.js";

/** What every task of a step shares. */
export interface TaskEnvironment {
  readonly graph: GraphSpec;
  readonly threadId: string;
  readonly runId: string;
  readonly store: EventStore;
  readonly durable: boolean;
  readonly strict: boolean;
  /** The state before the step (what PULL tasks receive). */
  readonly values: Writes;
  readonly configurable: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Absent when nothing can cancel the run (nodes then get a signal that never aborts). */
  readonly signal: AbortSignal | undefined;
  readonly writer: (chunk: unknown) => void;
  readonly recursionLimit: number;
  /** Fail a task whose execution raised a replay warning. */
  readonly warningsAsErrors: boolean;
  /** Journaled effect results of the step's tasks, by task id and key. */
  readonly effects: ThreadState["effects"];
  /** Appends an effect's result; resolves to the result every execution will get. */
  readonly recordEffect: (task: PlannedTask, key: string, result: unknown) => Promise<unknown>;
  /** Called before an effect's body runs (a run with a held-back start stores it then). */
  readonly beforeEffect?: () => Promise<void>;
  /** Reads the outside world the nodes change; compared across a re-execution's replay window. */
  readonly observeSideEffects: (() => unknown) | undefined;
  /** Set by `verify`: nested graph calls answer from the recorded history. */
  readonly replayNested?: ReplayNested;
  /** Set by `verify`: one attempt, whatever the node's retry policy (the record says how it ended). */
  readonly singleAttempt?: boolean;
  /** Give each task its own copy of the state (the step runs several tasks at once). */
  readonly isolateInputs?: boolean;
  /** The long-term memory store nodes get as `config.store`. */
  readonly longTermStore?: BaseStore | undefined;
  /** The run's `context`, given to nodes as `config.context`. */
  readonly context?: unknown;
  /** What the caller's config hands on to nodes (callbacks, tags, store, context). */
  readonly passed?: PassedConfig | undefined;
  /** The thread folds reducers' first writes as 0.1.0 did (see `ThreadState.firstWriteReduced`). */
  readonly firstWriteReduced?: boolean;
  /** Set when the graph runs as a subgraph or streams its subgraphs: its place among nested graphs. */
  readonly scope?: SubgraphScope | undefined;
  /** The step's number as LangGraph numbers it (for the tasks' `langgraph_step`). */
  readonly step?: number;
  /** Reports each task as a run to LangChain callbacks, when the run has any. */
  readonly tracing?: RunTracing | undefined;
}

/**
 * Runs one task to an outcome: succeeded (writes and routes), interrupted, or failed after its
 * retry policy. Never throws for what the node does; the outcome records it.
 */
export async function executeTask(env: TaskEnvironment, task: PlannedTask, record: TaskRecord | undefined): Promise<TaskOutcome> {
  const node = env.graph.nodes.get(task.node)!;
  // A Send's args are part of the step's record (appended after the step runs): the node gets a
  // copy, so changing it in place cannot rewrite what history says the task was given.
  // Tasks running beside others get their own copy of the state, so one changing it in place can
  // neither change what a sibling sees nor be mistaken for that sibling.
  const input = task.path.startsWith("push:") ? sendInputOf(task.args) : stateInputOf(env, node);
  const maxAttempts = env.singleAttempt ? 1 : Math.max(1, node.retryPolicy === undefined ? 1 : (node.retryPolicy.maxAttempts ?? 3));
  const recorded = env.effects[task.id] ?? {};
  const effects = new Map<string, unknown>();
  for (const key in recorded) effects.set(key, recorded[key]!.result);
  const recordEffect = (key: string, result: unknown) => env.recordEffect(task, key, result);
  // A subgraph node has no code of its own to replay: its subgraph's tasks open their own windows.
  const replaying = typeof node.action === "function" && record !== undefined && (record.answers.length > 0 || Object.keys(record.childAnswers).length > 0);
  const given: TaskAttempt = { env, task, node, input, config: taskConfigOf(env, task, node), record, effects, recordEffect, replaying };
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptTask(given, attempt);
    if (env.warningsAsErrors && outcome.warnings.length > 0) return failOnWarning(outcome, attempt);
    if (outcome.kind !== "failed") return outcome;
    const retry = attempt < maxAttempts && !env.signal?.aborted && shouldRetry(node.retryPolicy, outcome.error);
    if (!retry) return outcome;
    await sleep(backoff(node.retryPolicy!, attempt), env.signal);
  }
}

/** What every attempt at a task shares. */
interface TaskAttempt {
  readonly env: TaskEnvironment;
  readonly task: PlannedTask;
  readonly node: NodeSpec;
  readonly input: unknown;
  readonly config: NodeConfig;
  readonly record: TaskRecord | undefined;
  /** The task's journaled effects' results, by key (shared by its attempts). */
  readonly effects: Map<string, unknown>;
  readonly recordEffect: (key: string, result: unknown) => Promise<unknown>;
  /** Whether the node runs again after answers: its replay window opens. */
  readonly replaying: boolean;
}

/** The config a task's node gets (before tracing adds its callbacks). */
function taskConfigOf(env: TaskEnvironment, task: PlannedTask, node: NodeSpec): NodeConfig {
  return createNodeConfig({
    passed: env.passed,
    // As in LangGraph, a subgraph's nodes see the thread the user addressed, and their graph's namespace.
    threadId: env.scope?.rootThreadId ?? env.threadId,
    ...(env.scope && env.scope.namespace.length > 0 ? { checkpointNs: checkpointNsOf(env.scope.namespace) } : {}),
    configurable: env.configurable,
    signal: env.signal,
    writer: env.writer,
    metadata: withTaskId({ ...env.metadata, ...node.metadata, ...taskMetadataOf(task, env.step ?? 0, env.scope?.namespace) }, task.id),
    runId: env.runId,
    recursionLimit: env.recursionLimit,
    store: env.longTermStore,
    context: env.context,
  });
}

/** One attempt at a task: the node called in its task context (traced when the run is), its result settled into an outcome. */
async function attemptTask(given: TaskAttempt, attempt: number): Promise<TaskOutcome> {
  const { env, task, input } = given;
  const trace = env.tracing ? await env.tracing.startTask({ node: task.node, step: env.step ?? 0, input, metadata: given.config.metadata }) : undefined;
  // Traced, the node's config carries its run's callbacks and no run id: a model given the config would take the id as its own run's (as LangGraph, which gives nodes none).
  const attemptConfig: NodeConfig = trace ? { ...given.config, runId: undefined as never, callbacks: trace.callbacks } : given.config;
  const context = taskContextOf(given, attemptConfig);
  // A Command a Send delivered is the node's to change and return (LangGraph's own tests do).
  const inputChanged = isCommand(input) ? unchanged : watchForInPlaceChanges(input);
  let outcome = await outcomeOfAttempt(given, context, attemptConfig, trace, attempt);
  if (inputChanged()) context.warnings.push(mutationWarning(task));
  if (outcome.kind === "succeeded") notifyNodeFinished(given.config, task.node);
  if (context.nestedWarnings.length > 0) outcome = { ...outcome, forwarded: context.nestedWarnings };
  if (context.cached && outcome.kind === "succeeded") outcome = { ...outcome, cached: true };
  return outcome;
}

/** Calls the node and settles what it returned or threw: succeeded, interrupted, or failed. */
async function outcomeOfAttempt(
  given: TaskAttempt,
  context: TaskContext,
  attemptConfig: NodeConfig,
  started: TaskTrace | undefined,
  attempt: number,
): Promise<TaskOutcome> {
  const { env, task, node, input, config, record, replaying } = given;
  let trace = started;
  try {
    // A node (or route) that returns synchronously is not awaited: every promise costs more
    // while async context is tracked, and a step of plain nodes needs none.
    let result: unknown;
    if (trace) {
      const traced = trace;
      result = runAsTask(context, () => {
        if (replaying) openReplayWindow(context, record!.answers.length - 1, env.observeSideEffects);
        return traced.run(attemptConfig, () => callNode(env, node, input, attemptConfig));
      });
      if (isPromiseLike(result)) result = await result;
      // Before the writes are prepared, as LangGraph: a message the node returned without an id gets the one its stream gave it.
      await traced.end(result);
      trace = undefined;
    } else {
      result = runAsTask(context, () => {
        if (replaying) openReplayWindow(context, record!.answers.length - 1, env.observeSideEffects);
        return callNode(env, node, input, config);
      });
    }
    if (isPromiseLike(result)) result = await result;
    const settled = settle(env, task, context, result, attemptConfig);
    return isPromiseLike(settled) ? await settled : settled;
  } catch (caught) {
    if (trace) await trace.fail(caught);
    // Strict mode: a NonDeterminismError the node caught still fails the task, even if the node
    // then paused at a later interrupt() call.
    const error = context.nonDeterminism ?? caught;
    if (isGraphInterrupt(error)) return interruptedOrTooLarge(env, task, error.interrupts, context, attempt);
    if (isParentCommand(error) && error.raisedBy !== task.id) return await parentCommandOutcome(env, task, context, error, config, attempt);
    return { kind: "failed", taskId: task.id, error: parentCommandError(env, task, error), attempts: attempt, warnings: context.warnings };
  } finally {
    closeReplayWindow(context);
  }
}

/** The context a task's node runs in (its answers, effects, replay window, warnings), fresh for each attempt. */
function taskContextOf(given: TaskAttempt, config: NodeConfig): TaskContext {
  const { env, task, record } = given;
  return {
    threadId: env.threadId,
    taskId: task.id,
    node: task.node,
    input: given.input,
    config,
    durable: env.durable,
    strict: env.strict,
    warningsAsErrors: env.warningsAsErrors,
    observeSideEffects: env.observeSideEffects,
    store: env.store,
    answers: record?.answers ?? [],
    raised: record?.raised ?? [],
    childAnswers: record?.childAnswers ?? {},
    runId: env.runId,
    callIndex: 0,
    subgraphCalls: 0,
    raisedNow: undefined,
    nonDeterminism: undefined,
    warnings: [],
    effects: given.effects,
    effectKeys: new Set(),
    recordEffect: given.recordEffect,
    beforeEffect: env.beforeEffect ?? noPreparation,
    replayWindow: undefined,
    ioSeen: undefined,
    replayNested: env.replayNested,
    nestedWarnings: [],
    scope: env.scope,
    longTermStore: env.longTermStore,
    context: env.context,
    tracing: env.tracing ? { run: env.tracing, step: env.step ?? 0 } : undefined,
  };
}

/**
 * The outcome of a task whose subgraph addressed a Command to this graph (`Command.PARENT`): the
 * task's result is that command, as if the task had returned it (LangGraph's rule).
 */
async function parentCommandOutcome(
  env: TaskEnvironment,
  task: PlannedTask,
  context: TaskContext,
  received: ParentCommand,
  config: NodeConfig,
  attempt: number,
): Promise<TaskOutcome> {
  try {
    return await settle(env, task, context, received.command, config);
  } catch (error) {
    return { kind: "failed", taskId: task.id, error: parentCommandError(env, task, error), attempts: attempt, warnings: context.warnings };
  }
}

/** A task's own Command.PARENT in a graph that no graph runs as its subgraph fails it with a named error. */
function parentCommandError(env: TaskEnvironment, task: PlannedTask, error: unknown): unknown {
  if (!isParentCommand(error) || (env.scope?.namespace.length ?? 0) > 0) return error;
  return new InvalidUpdateError(
    `Node '${task.node}' returned Command({ graph: Command.PARENT }), but its graph is not running as a subgraph: there is no parent graph. ` +
      `Return the Command without graph: Command.PARENT.`,
  );
}

/** An interrupted outcome, or a failed one when a payload is over the graph's limit. */
function interruptedOrTooLarge(
  env: TaskEnvironment,
  task: PlannedTask,
  interrupts: readonly RaisedInterrupt[],
  context: TaskContext,
  attempt: number,
): TaskOutcome {
  try {
    for (const raised of interrupts) {
      if (raised.childThreadId === undefined) assertPayloadSize(raised.value, `interrupt payload of node '${task.node}'`, env.graph.limits.maxPayloadBytes);
    }
  } catch (error) {
    return { kind: "failed", taskId: task.id, error, attempts: attempt, warnings: context.warnings };
  }
  return { kind: "interrupted", taskId: task.id, interrupts, warnings: context.warnings };
}

function mutationWarning(task: PlannedTask): ReplayWarning {
  return {
    kind: "state-mutated",
    node: task.node,
    taskId: task.id,
    detail:
      `node ${task.node} changed its input state in place. Only the update a node returns is recorded, so the change ` +
      `would be lost on replay (and another node may have seen it): return the new values instead, e.g. ` +
      `return { items: [...state.items, item] } rather than state.items.push(item).`,
  };
}

/** The outcome of a task that raised a warning while the run treats warnings as errors. */
function failOnWarning(outcome: TaskOutcome, attempt: number): TaskOutcome {
  const first = outcome.warnings[0]!;
  return {
    kind: "failed",
    taskId: outcome.taskId,
    error: new ReplayWarningError(first.kind, first.node, first.detail),
    attempts: attempt,
    warnings: outcome.warnings,
  };
}

/** The node's result: a value, or a promise of one. */
function callNode(env: TaskEnvironment, node: NodeSpec, input: unknown, config: NodeConfig): unknown {
  const action = node.action;
  // `this` is what LangGraph's node wrapper gives: an object named after the node (an unbound method reading `this.name` works).
  if (typeof action === "function") return action.call({ name: node.name }, input, config);
  if ("graphSpec" in action) return callSubgraph(env, action as SubgraphNode, input, config);
  // A LangChain Runnable: its own tracing run gets its own id, so the run's id is not handed on.
  const { runId: _runId, ...runnableConfig } = config;
  return action.invoke(input, runnableConfig);
}

/** What a PULL task's node receives: the state (only its input schema's keys), its own copy when siblings run beside it. */
function stateInputOf(env: TaskEnvironment, node: NodeSpec): Writes {
  if (node.inputKeys) {
    const picked: Record<string, unknown> = {};
    for (const key of node.inputKeys) if (key in env.values) picked[key] = env.values[key];
    return env.isolateInputs ? roundTrip(picked) : picked;
  }
  return env.isolateInputs ? roundTrip(env.values) : env.values;
}

/** What a Send's node receives: a copy of its args, a recorded Command revived as one. */
function sendInputOf(args: unknown): unknown {
  return revivedCommandOf(roundTrip(args));
}

async function callSubgraph(env: TaskEnvironment, subgraph: SubgraphNode, input: unknown, config: NodeConfig): Promise<Writes> {
  const output = (await subgraph.invoke(pick(input as Writes, subgraph.graphSpec.channels), config)) as Writes;
  return pick(output, env.graph.channels);
}

/** The outcome of an execution that returned `result`; a promise only when a conditional edge returned one. */
function settle(env: TaskEnvironment, task: PlannedTask, context: TaskContext, result: unknown, config: NodeConfig): TaskOutcome | Promise<TaskOutcome> {
  const warnings: ReplayWarning[] = context.warnings;
  if (context.nonDeterminism) throw context.nonDeterminism;
  if (context.raisedNow) {
    warnings.push({
      kind: "interrupt-swallowed",
      node: task.node,
      taskId: task.id,
      ...(context.raisedNow[0] && context.raisedNow[0].childThreadId === undefined ? { index: context.raisedNow[0].index } : {}),
      detail: `interrupt() was caught by node ${task.node}; don't wrap interrupt() in try/catch. The task is recorded as interrupted and its writes were discarded.`,
    });
    return { kind: "interrupted", taskId: task.id, interrupts: context.raisedNow, warnings };
  }
  if (context.callIndex < context.answers.length) {
    const detail = `the node made ${context.callIndex} interrupt() call(s) but ${context.answers.length} were answered before: a call was skipped`;
    warnings.push({ kind: "interrupt-sequence-changed", node: task.node, taskId: task.id, index: context.callIndex, detail });
    if (env.strict) throw new NonDeterminismError(task.node, context.callIndex, detail);
  }
  const normalized = normalizeOwnResult(task, isSubgraphOutput(result) ? pick(result, env.graph.channels) : result);
  const goto = normalized.goto;
  // Messages the node pushed with pushMessage() are written before its update, as LangGraph's.
  const own = withPushedWrites(context, normalized.writes);
  // A zod state parses each write by its key's schema (refusing it with the schema's error), as LangGraph does.
  // Keys the state does not have are dropped, as LangGraph drops them (there is no channel to write).
  const known = pick(own, env.graph.channels);
  const checked = env.graph.validation ? env.graph.validation.update(known) : known;
  // Ids a reducer would invent are fixed here, from the task's id: the same on a re-execution.
  const writes = prepareWrites(env.graph, checked, task.id);
  assertSerializable(writes, `the update of node '${task.node}'`);
  assertPayloadSize(writes, `update of node '${task.node}'`, env.graph.limits.maxPayloadBytes);
  const routes = routesInTask(context, () => computeRoutes(env.graph, task.node, env.values, writes, goto, config, env.firstWriteReduced));
  // The streams show what the node returned (message strings stay strings), as LangGraph's do.
  const returned = writes === checked ? {} : { returned: checked };
  if (isPromiseLike(routes))
    return Promise.resolve(routes).then((resolved) => ({ kind: "succeeded", taskId: task.id, writes, routes: resolved, warnings, ...returned }));
  return { kind: "succeeded", taskId: task.id, writes, routes, warnings, ...returned };
}

/** The node's result as writes and routes; a Command to the parent graph is marked as this task's own. */
function normalizeOwnResult(task: PlannedTask, result: unknown): ReturnType<typeof normalizeNodeResult> {
  try {
    return normalizeNodeResult(task.node, result);
  } catch (error) {
    if (isParentCommand(error)) error.raisedBy = task.id;
    throw error;
  }
}

function pick(values: Writes | undefined, channels: ReadonlyMap<string, unknown>): Writes {
  const picked: Record<string, unknown> = {};
  for (const key in values ?? {}) if (channels.has(key)) picked[key] = values![key];
  return picked;
}

/**
 * The metadata with replaygraph's `langgraph_task_id` (read by tests and tools that tell a task's
 * executions apart), not enumerable: LangGraph has no such key, so what copies or prints a node's
 * metadata (a chat model's run, a streamed chunk's metadata, JSON) sees LangGraph's keys only.
 */
function withTaskId(metadata: Record<string, unknown>, taskId: string): Record<string, unknown> {
  return Object.defineProperty(metadata, "langgraph_task_id", { value: taskId, enumerable: false });
}

const noPreparation = (): Promise<void> => Promise.resolve();
const unchanged = (): boolean => false;

/** Calls the run config's node-finished function (LangGraph's `CONFIG_KEY_NODE_FINISHED`), if it has one. */
function notifyNodeFinished(config: NodeConfig, node: string): void {
  const finished = config.configurable[CONFIG_KEY_NODE_FINISHED];
  if (typeof finished === "function") (finished as (node: string) => void)(node);
}
