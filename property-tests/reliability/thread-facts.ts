import { upcastThreadEvent, type CompiledStateGraph, type EventStore, type RecordedEvent, type StateSnapshot } from "replaygraph";

/**
 * The facts of a thread's history: what a crash must never change. Two histories of the same
 * scenario, one with crashes and one without, must have equal facts.
 *
 * Facts, per stream of the thread (its own and its subgraphs'), in stream order:
 * - ThreadCreated; RunStarted that carries input (new values, a Command's update/goto, a resume);
 * - StepStarted (step, tasks: node, path, args); TaskSucceeded (its writes and routes);
 *   TaskInterrupted (interrupt ids, call index, payload); TaskFailed; StepCommitted;
 * - InterruptResumed (which interrupt got which answer);
 * - StateUpdated, ThreadForked, BreakpointHit, ReplayWarningRaised, RunRolledBack.
 * EffectRecorded facts are kept apart, per task and key (`effects`): a task appends its effects
 * while it runs, before its step is recorded, so where one sits relative to the step's StepStarted
 * depends on whether an earlier failed attempt of the step was recorded; which task journaled what
 * result does not.
 *
 * With `omitStoreFailedTasks`, a TaskFailed whose error is an injected store failure is left out:
 * when a subgraph's append fails in a process that lives on, the parent task fails with the store's
 * error and its run ends failed: a true record of a failed attempt, which the next run retries.
 * Every other TaskFailed stays a fact.
 *
 * Not facts (run bookkeeping, which a crash legitimately adds): RunStarted of a plain continue
 * (`invoke(null)`), RunSucceeded, RunFailed (a crashed run is closed as "abandoned"), RunQueued,
 * RunCancelled, RunLeaseRenewed; run ids, lease times, and the revisions events point at (a
 * step's base revision, a fork's origin).
 *
 * Ids are compared by what they name: a task id becomes `<stream>:s<step>:<path>`, an interrupt id
 * `<task>#<call index>`, a subgraph's thread id its parent task's key. Task ids are derived from
 * the checkpoint revision a step was planned from, and the bookkeeping a crash adds shifts later
 * revisions, so the raw ids of later steps legitimately differ from an uncrashed run's; what each
 * id names must not.
 */
export interface ThreadFacts {
  /** Per stream (by logical name), its facts with ids replaced by what they name. */
  readonly streams: Readonly<Record<string, readonly unknown[]>>;
  /** Per stream, task and effect key: the journaled result. */
  readonly effects: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  /** Per stream, task and effect key (`<stream> <task> <key>`): how many EffectRecorded events journal it. */
  readonly effectCounts: ReadonlyMap<string, number>;
  /** Every interrupt id in the history, to what it names. */
  readonly interruptKeys: ReadonlyMap<string, string>;
  /**
   * Per stream and interrupt id (`<stream> <id>`), how many InterruptResumed events answered it. A
   * subgraph's interrupt is answered once on its parent's stream and once on its own (where the
   * answer is applied), so counts are per stream.
   */
  readonly answerCounts: ReadonlyMap<string, number>;
  /** Replaces the history's ids in `value` by what they name. */
  canonical<T>(value: T): T;
}

const runBookkeeping = new Set(["RunSucceeded", "RunFailed", "RunQueued", "RunCancelled", "RunLeaseRenewed"]);

/** Reads every stream of `threadId` from `store` and projects its facts. */
export async function readThreadFacts(store: EventStore, threadId: string, options: FactOptions = {}): Promise<ThreadFacts> {
  const own = `thread-${threadId}`;
  const { streams } = await store.listStreams({ prefix: own });
  // Parents before their subgraphs: a subgraph's thread id names its parent's task.
  const names = streams.filter((name) => name === own || name.startsWith(`${own}/`)).sort((a, b) => a.length - b.length);
  const histories = new Map<string, readonly RecordedEvent[]>();
  for (const name of names) histories.set(name, (await store.readStream(name)).events);

  const replacements = new Map<string, string>([[threadId, "<thread>"]]);
  const taskKeys = new Map<string, string>();
  const interruptKeys = new Map<string, string>();
  for (const name of names) {
    const threadKey = threadKeyOf(name.slice("thread-".length), threadId, taskKeys);
    replacements.set(name.slice("thread-".length), threadKey);
    for (const recorded of histories.get(name)!) {
      const event = upcastThreadEvent(recorded) as {
        type: string;
        step?: number;
        tasks?: { id: string; path: string }[];
        taskId?: string;
        interrupts?: { id: string; index: number; childThreadId?: string }[];
      };
      if (event.type === "StepStarted") {
        for (const task of event.tasks ?? []) taskKeys.set(task.id, `${threadKey}:s${event.step}:${task.path}`);
      }
      if (event.type === "TaskInterrupted") {
        for (const raised of event.interrupts ?? []) {
          if (raised.childThreadId === undefined) interruptKeys.set(raised.id, `${taskKeys.get(event.taskId!) ?? event.taskId}#${raised.index}`);
        }
      }
    }
  }
  for (const [id, key] of taskKeys) replacements.set(id, `<task ${key}>`);
  for (const [id, key] of interruptKeys) replacements.set(id, `<interrupt ${key}>`);
  const ordered = [...replacements].sort(([a], [b]) => b.length - a.length);
  const canonical = <T>(value: T): T => {
    if (value === undefined) return value;
    let text = JSON.stringify(value);
    for (const [id, key] of ordered) text = text.split(id).join(key);
    return JSON.parse(text) as T;
  };

  const answerCounts = new Map<string, number>();
  const effectCounts = new Map<string, number>();
  const factsByStream: Record<string, unknown[]> = {};
  const effectsByStream: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const name of names) {
    const facts: unknown[] = [];
    const effects: Record<string, Record<string, unknown>> = {};
    for (const recorded of histories.get(name)!) {
      const data: unknown = upcastThreadEvent(recorded);
      const fact = factOf(data as { type: string } & Record<string, unknown>);
      if (fact !== undefined && !(options.omitStoreFailedTasks && isStoreFailedTask(data))) facts.push(fact);
      const event = data as { type: string; answers?: { interruptId: string }[]; taskId?: string; key?: string; result?: unknown };
      if (event.type === "EffectRecorded") {
        (effects[event.taskId!] ??= {})[event.key!] = event.result;
        const key = `${name} ${event.taskId} ${event.key}`;
        effectCounts.set(key, (effectCounts.get(key) ?? 0) + 1);
      }
      if (event.type === "InterruptResumed") {
        for (const { interruptId } of event.answers ?? []) {
          const key = `${name} ${interruptId}`;
          answerCounts.set(key, (answerCounts.get(key) ?? 0) + 1);
        }
      }
    }
    factsByStream[canonical(name.slice("thread-".length))] = canonical(facts);
    effectsByStream[canonical(name.slice("thread-".length))] = canonical(effects);
  }
  return { streams: factsByStream, effects: effectsByStream, effectCounts, interruptKeys, answerCounts, canonical };
}

const injectedStoreFailures = new Set(["INJECTED_APPEND_FAILURE", "SIMULATED_CRASH"]);

/** Whether `event` records a task that failed because the test failed a store call under it. */
function isStoreFailedTask(event: unknown): boolean {
  const failed = event as { type: string; error?: { code?: string } };
  return failed.type === "TaskFailed" && injectedStoreFailures.has(failed.error?.code ?? "");
}

/** The logical name of a thread: `<thread>`, or for a subgraph's thread its parent task's key. */
function threadKeyOf(id: string, root: string, taskKeys: ReadonlyMap<string, string>): string {
  if (id === root) return "<thread>";
  const match = /^(.*)\/([^/]*)\.([0-9a-f]{8})\/(\d+)$/.exec(id);
  if (!match) return id;
  const [, parent, node, taskPrefix, callIndex] = match;
  const task = [...taskKeys].find(([taskId]) => taskId.startsWith(taskPrefix!));
  return `${threadKeyOf(parent!, root, taskKeys)}/${node}.{${task ? task[1] : taskPrefix}}/${callIndex}`;
}

/** The ordered fact an event records, or undefined for run bookkeeping (and effects, compared apart). */
function factOf(event: { type: string } & Record<string, unknown>): unknown {
  if (runBookkeeping.has(event.type) || event.type === "EffectRecorded") return undefined;
  // Run ids are random, and revisions shift with bookkeeping: neither is a fact.
  const { runId: _run, baseRevision: _base, fromRevision: _from, fromCheckpoint: _checkpoint, leaseExpiresAt: _lease, ...fact } = event;
  if (event.type === "RunStarted" && (event["input"] as { kind: string }).kind === "continue") return undefined;
  return fact;
}

/** Options of the fact projections: see {@link readThreadFacts}. */
export interface FactOptions {
  readonly omitStoreFailedTasks?: boolean;
}

const injectedErrorNames = new Set(["InjectedAppendFailureError", "SimulatedCrashError"]);

/** A thread's state as facts: values, next, and its tasks' interrupts, results and errors. */
export function settledStateOf(snapshot: StateSnapshot, options: FactOptions = {}): unknown {
  return {
    values: snapshot.values,
    next: snapshot.next,
    step: snapshot.metadata?.step,
    tasks: snapshot.tasks.map((task) => {
      const error = options.omitStoreFailedTasks && injectedErrorNames.has(task.error?.name ?? "") ? undefined : task.error;
      // The __start__ task of LangGraph's input checkpoint has no event of its own (its id is
      // derived from the thread's id, which the canonical form replaces only inside event ids).
      const id = task.name === "__start__" ? "<__start__ task>" : task.id;
      return { id, name: task.name, path: task.path, interrupts: task.interrupts, result: task.result, error };
    }),
  };
}

/**
 * Every checkpoint of the thread, newest first, rebuilt by replaying its stream: what each one
 * holds (values, next, step, source), without its revision-derived id.
 */
export async function checkpointsOf(graph: CompiledStateGraph<any>, threadId: string, options: FactOptions = {}): Promise<unknown[]> {
  const checkpoints: unknown[] = [];
  for await (const snapshot of graph.getStateHistory({ configurable: { thread_id: threadId } })) {
    checkpoints.push({ ...(settledStateOf(snapshot, options) as object), source: snapshot.metadata?.source });
  }
  return checkpoints;
}
