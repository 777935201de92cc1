import { TaskOutsideEntrypointError, TaskResultChangedError } from "../errors/func-errors.js";
import type { RetryPolicy } from "../graph/graph-spec.js";
import { backoff, shouldRetry, sleep } from "../runtime/node-retry-policy.js";
import { GraphInterrupt, isGraphInterrupt } from "../runtime/interrupt.js";
import { closeReplayWindow, openReplayWindow } from "../runtime/replay-window.js";
import { currentTask, outsideIoWatch, runAsTask, type TaskContext } from "../runtime/task-context.js";
import { assertSerializable } from "../serialization/assert-serializable.js";
import { hexDigest } from "../serialization/hex-digest.js";
import { roundTrip } from "../serialization/round-trip.js";
import { stableHash } from "../serialization/stable-hash.js";
import type { RaisedInterrupt } from "../thread/events.js";
import { interruptIdOf } from "../thread/ids.js";
import { cachedCall, taskCacheNamespaceOf, type CachePolicy } from "../cache/cache-nodes.js";
import { taskKeyOf } from "./task-key.js";
import { openCallScope, scopeOf, type TaskScope } from "./task-scope.js";

/** A task as `task()` defined it. */
export interface TaskDefinition {
  readonly name: string;
  readonly func: (...args: any[]) => unknown;
  readonly retry: RetryPolicy | undefined;
  readonly cachePolicy?: CachePolicy;
}

/**
 * Calls a task from the running entrypoint (or node): returns its journaled result when this call
 * finished in an earlier execution of the node, otherwise runs it (with its retry policy) and
 * journals the result as an `EffectRecorded` event of the node's task before returning it. A
 * position is taken when the call is made, so calls started together (`Promise.all`) get their
 * keys in call order, not in the order they finish.
 */
export function callTask(definition: TaskDefinition, args: readonly unknown[]): Promise<unknown> {
  const context = currentTask();
  if (!context) return Promise.reject(new TaskOutsideEntrypointError(definition.name));
  const scope = scopeOf(context);
  const index = scope.calls++;
  const key = taskKeyOf(scope.prefix, index, definition.name);
  if (!scope.root.effects.has(key)) warnIfPositionChanged(scope, index, definition.name);
  return startCall(definition, args, context, scope, key, true);
}

/**
 * Calls a task under a journal key the caller names (`name` within the node's journal), not by
 * position: a prebuilt ToolNode keys each tool call by its tool call id, so a call's record binds
 * to the same call whatever order the calls finish or are made in. Undefined outside a node, where
 * there is no journal: the caller then runs the body itself.
 */
export function callTaskWithKey(definition: TaskDefinition, args: readonly unknown[], name: string): Promise<unknown> | undefined {
  const context = currentTask();
  if (!context) return undefined;
  const scope = scopeOf(context);
  return startCall(definition, args, context, scope, `${scope.prefix}${name}`, false);
}

function startCall(
  definition: TaskDefinition,
  args: readonly unknown[],
  context: TaskContext,
  scope: TaskScope,
  key: string,
  traced: boolean,
): Promise<unknown> {
  const call = resultOf(definition, args, context, scope, key, traced);
  // The entrypoint waits for every call before it ends, so a call it did not await still lands
  // (or its interrupt is still collected); its failure is the caller's to see, not this list's.
  scopeOf(scope.root).inflight.push(call.catch(() => undefined));
  return call;
}

/**
 * A call that finds the journal holding another task at its position: the execution makes its
 * calls in another order than before, so records matched by position may go to the wrong calls.
 */
function warnIfPositionChanged(scope: TaskScope, index: number, name: string): void {
  const position = taskKeyOf(scope.prefix, index, "");
  for (const key of scope.root.effects.keys()) {
    if (!key.startsWith(position) || key.slice(position.length).includes("/")) continue;
    const root = scope.root;
    const detail =
      `task call #${index}${scope.prefix ? ` in ${scope.prefix.slice(0, -1)}` : ""} is '${name}', but the journal has '${key.slice(position.length)}' at that position: ` +
      `the entrypoint made its task calls in another order than before, so a call may get another call's result. Make the same calls in the same order on every execution.`;
    root.warnings.push({ kind: "task-sequence-changed", node: root.node, taskId: root.taskId, index, detail });
    return;
  }
}

async function resultOf(
  definition: TaskDefinition,
  args: readonly unknown[],
  context: TaskContext,
  scope: TaskScope,
  key: string,
  traced: boolean,
): Promise<unknown> {
  const root = scope.root;
  const verifying = root.replayNested !== undefined;
  if (root.effects.has(key) && !verifying) {
    const recorded = root.effects.get(key);
    scopeOf(root).reportTask?.(definition.name, recorded, true);
    return recorded;
  }
  // The part of a resumed execution that ran before ends where new work starts.
  closeReplayWindow(root);
  if (root.durable && !verifying) await outsideIoWatch(() => root.beforeEffect());
  const caching = definition.cachePolicy !== undefined && !verifying ? scopeOf(root).cache : undefined;
  // A cached result is journaled like a computed one: a replay reads the journal, never the cache.
  const result = caching
    ? (
        await cachedCall(
          caching.cache,
          definition.cachePolicy!,
          taskCacheNamespaceOf(caching.graphName),
          args,
          () => runAttempts(definition, args, context, root, key, traced),
          `${definition.name}:`,
        )
      ).value
    : await runAttempts(definition, args, context, root, key, traced);
  if (!root.durable) {
    // Nothing is journaled without a checkpointer, but the call's update still streams as it finishes (as LangGraph's).
    scopeOf(root).reportTask?.(definition.name, result, false);
    return result;
  }
  assertSerializable(result, `the result of task '${definition.name}'`);
  if (verifying && root.effects.has(key)) {
    const expected = root.effects.get(key);
    if (stableHash(roundTrip(result)) !== stableHash(expected)) throw new TaskResultChangedError(definition.name, key, expected, result);
    return expected;
  }
  const recorded = await outsideIoWatch(() => root.recordEffect(key, roundTrip(result)));
  root.effects.set(key, recorded);
  scopeOf(root).reportTask?.(definition.name, recorded, false);
  return recorded;
}

/** Runs the task's body until it returns, pauses, or fails past its retry policy. */
async function runAttempts(
  definition: TaskDefinition,
  args: readonly unknown[],
  parent: TaskContext,
  root: TaskContext,
  key: string,
  traced: boolean,
): Promise<unknown> {
  const maxAttempts = Math.max(1, definition.retry === undefined ? 1 : (definition.retry.maxAttempts ?? 3));
  for (let attempt = 1; ; attempt++) {
    // Each attempt starts its interrupt() calls from the first one again (LangGraph does the same).
    const callContext = callContextOf(parent, root, key, definition.name);
    // Reported as LangGraph reports a task call: a task run of the step, named after the task, its input `{ input: args }`.
    const trace =
      traced && root.tracing
        ? await root.tracing.run.startTask({ node: definition.name, step: root.tracing.step, input: { input: args }, metadata: root.config.metadata ?? {} })
        : undefined;
    try {
      const result = await runAsTask(callContext, () => {
        // A call that paused before runs again from its start: what it does before its answered
        // interrupt already ran once (SEMANTICS rule 15), as for a node.
        if (callContext.answers.length > 0) openReplayWindow(callContext, callContext.answers.length - 1, root.observeSideEffects);
        return definition.func(...args);
      });
      if (callContext.raisedNow) throw swallowed(callContext, root);
      await trace?.end(result);
      return result;
    } catch (error) {
      await trace?.fail(error);
      if (isGraphInterrupt(error)) throw collect(parent, root, key, error.interrupts);
      if (attempt >= maxAttempts || !shouldRetry(definition.retry, error)) throw error;
      await sleep(backoff(definition.retry!, attempt), undefined);
    } finally {
      closeReplayWindow(callContext);
    }
  }
}

/**
 * The context a task call's body runs in: its own interrupt() positions and answers (bound by id,
 * as the interrupts it raised are marked with its key), its own effect keys under its journal key,
 * and the node's journal, warnings, store and answers of subgraphs.
 */
function callContextOf(parent: TaskContext, root: TaskContext, key: string, name: string): TaskContext {
  const callId = hexDigest("sha256", `${root.taskId}|${key}`).slice(0, 32);
  const answers: unknown[] = [];
  for (let index = 0; interruptIdOf(callId, index) in root.childAnswers; index++) answers.push(root.childAnswers[interruptIdOf(callId, index)]);
  const prefix = `${key}/`;
  const effects = new Map<string, unknown>();
  for (const [effectKey, result] of root.effects) if (effectKey.startsWith(prefix)) effects.set(effectKey.slice(prefix.length), result);
  // The run's settings (thread, stores, strictness, config) are the caller's; what is the call's own is set here.
  const context: TaskContext = {
    ...parent,
    taskId: callId,
    node: name,
    answers,
    raised: [],
    childAnswers: root.childAnswers,
    callIndex: 0,
    subgraphCalls: 0,
    raisedNow: undefined,
    nonDeterminism: undefined,
    warnings: root.warnings,
    effects,
    effectKeys: new Set(),
    recordEffect: async (effectKey, result) => {
      const recorded = await root.recordEffect(prefix + effectKey, result);
      root.effects.set(prefix + effectKey, recorded);
      return recorded;
    },
    beforeEffect: root.beforeEffect,
    replayNested: root.replayNested,
    replayWindow: undefined,
    ioSeen: undefined,
    nestedWarnings: root.nestedWarnings,
  };
  openCallScope(context, root, key);
  return context;
}

/**
 * The pause of a task call, as the entrypoint sees it: the call's own interrupts marked with its
 * key (so their answers bind by id), collected at the root so that parallel calls that pause all
 * surface, and remembered on the caller so that catching the pause there cannot hide it (rule 4).
 */
function collect(parent: TaskContext, root: TaskContext, key: string, interrupts: readonly RaisedInterrupt[]): GraphInterrupt {
  const scoped = interrupts.map((interrupt) =>
    interrupt.childThreadId === undefined && interrupt.scope === undefined ? { ...interrupt, scope: key } : interrupt,
  );
  const raised = scopeOf(root).raised;
  for (const interrupt of scoped) if (!raised.some((known) => known.id === interrupt.id)) raised.push(interrupt);
  parent.raisedNow = [...(parent.raisedNow ?? []), ...scoped.filter((interrupt) => !parent.raisedNow?.some((known) => known.id === interrupt.id))];
  return new GraphInterrupt(scoped);
}

/** A task body caught its own pause and returned: the call still pauses there (rule 4), with a warning. */
function swallowed(callContext: TaskContext, root: TaskContext): GraphInterrupt {
  const first = callContext.raisedNow![0];
  root.warnings.push({
    kind: "interrupt-swallowed",
    node: root.node,
    taskId: root.taskId,
    ...(first ? { index: first.index } : {}),
    detail: `interrupt() was caught in task ${callContext.node}; don't wrap interrupt() in try/catch. The task call is recorded as paused and its result was discarded.`,
  });
  return new GraphInterrupt(callContext.raisedNow!);
}

/** Waits until every task call started in the node execution `root` (at any depth) has settled. */
export async function settleTaskCalls(root: TaskContext): Promise<void> {
  const scope = scopeOf(root);
  while (scope.inflight.length > 0) await Promise.all(scope.inflight.splice(0));
}
