import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AmbiguousResumeError,
  Command,
  CompiledStateGraph,
  INTERRUPT,
  MemorySaver,
  NoPendingInterruptError,
  StaleCheckpointError,
  ThreadNotFoundError,
  UnknownInterruptError,
  WARNINGS,
  type Interrupt,
  type ReplayWarning,
  type RunConfig,
  type ThreadEvent,
} from "replaygraph";
import { upcastThreadEvent } from "../../engine/thread/upcast-thread-event.js";
import { LiveStateCheckingStore } from "../../engine/fuzz/live-state-checking-store.js";
import { liveStateOf } from "../../engine/fuzz/live-state-of.js";
import { firstDifference } from "../../engine/fuzz/first-difference.js";
import { foldTwiceDivergence } from "../../engine/fuzz/fold-twice-divergence.js";
import { buildGraph, type BuildEnvironment } from "./build-graph.js";
import type { Json } from "./graph-model.js";
import type { Scenario, StaleKind } from "./scenario.js";
import { Trace } from "./trace.js";
import { World } from "./world.js";

/** An answer the harness gave: to which interrupt, of which task and call. */
export interface Delivery {
  readonly call: number;
  readonly id: string;
  readonly task: string;
  readonly k: number;
  readonly value: Json;
}

/** A wrong resume the harness tried, and what the engine did with it. */
export interface Refusal {
  readonly kind: StaleKind | "nothingPending";
  readonly expected: string;
  readonly error: unknown;
  /** What changed in the store, the state or the trace (undefined: nothing). */
  readonly changed: string | undefined;
}

/** Everything a played scenario showed: the oracles' input. */
export interface Observation {
  readonly scenario: Scenario;
  readonly trace: Trace;
  readonly deliveries: readonly Delivery[];
  readonly refusals: readonly Refusal[];
  /** Live state ≠ replay (at an append, after a call, or after a restart), or two folds of the recorded stream differ. */
  readonly divergences: readonly string[];
  /** Pending interrupts that changed id or payload across a restart. */
  readonly idChanges: readonly string[];
  /** Warnings given to the caller (onWarning) in call order. */
  readonly returnedWarnings: readonly ReplayWarning[];
  /** `__warnings__` of each call's output, concatenated. */
  readonly outputWarnings: readonly ReplayWarning[];
  /** Every stream of the thread (the top thread first), as events. */
  readonly streams: ReadonlyMap<string, readonly ThreadEvent[]>;
  /** A call that threw something other than a refusal the harness asked for. */
  readonly failure: unknown;
  /** How many harness calls ran (the first invoke included). */
  readonly calls: number;
  /** The thread's values at the end. */
  readonly finalValues: Record<string, unknown>;
}

/** The thread every scenario runs on. */
export const threadId = "t";
let directory: string | undefined;
let scenarios = 0;

/** Plays a scenario on a fresh in-memory store and records everything the oracles need. */
export async function playScenario(scenario: Scenario): Promise<Observation> {
  directory ??= mkdtempSync(join(tmpdir(), "replaygraph-properties-"));
  const trace = new Trace();
  const world = new World(directory, `scenario-${++scenarios}`);
  const inner = new MemorySaver();
  let tick = 0;
  let ids = 0;
  const env: BuildEnvironment = { trace, world, clock: () => ++tick * 1000, generateId: () => `run-${++ids}`, subgraphs: new Map() };
  let graph!: CompiledStateGraph<any>;
  const store: LiveStateCheckingStore = new LiveStateCheckingStore(inner, (thread) => {
    if (thread === threadId) return liveStateOf(graph, store, thread);
    const child = env.subgraphs.get(nodeOfChildThread(thread));
    return child ? liveStateOf(child, store, thread) : undefined;
  });
  const rebuild = () => (graph = buildGraph(scenario.graph, store, env, { strict: scenario.strict }));
  rebuild();

  const returnedWarnings: ReplayWarning[] = [];
  const outputWarnings: ReplayWarning[] = [];
  const deliveries: Delivery[] = [];
  const refusals: Refusal[] = [];
  const idChanges: string[] = [];
  const divergences = store.divergences;
  const config = (extra: Partial<RunConfig["configurable"]> = {}): RunConfig => ({
    configurable: { thread_id: threadId, ...extra },
    ...(scenario.observe ? { observeSideEffects: world.observe } : {}),
    onWarning: (warning) => returnedWarnings.push(warning),
  });
  let failure: unknown;
  let calls = 0;
  let pending: readonly Interrupt[] = [];

  const call = async (run: () => Promise<Record<string, unknown>>): Promise<boolean> => {
    trace.call = calls++;
    try {
      const output = await run();
      pending = (output[INTERRUPT] as readonly Interrupt[] | undefined) ?? [];
      outputWarnings.push(...((output[WARNINGS] as readonly ReplayWarning[] | undefined) ?? []));
    } catch (error) {
      failure = error;
    }
    await checkAfterCall(graph, inner, store, divergences);
    return failure === undefined;
  };

  let ok = await call(() => graph.invoke({ log: [...scenario.input] }, config()));
  for (const step of scenario.steps) {
    if (!ok) break;
    if (step.restart) {
      const before = pending;
      rebuild();
      const after = (await graph.getState(config())).tasks.flatMap((task) => task.interrupts);
      const change = firstDifference(
        before.map(({ id, value }) => ({ id, value })),
        after,
      );
      if (change) idChanges.push(`after a restart, the pending interrupts differ at ${change}`);
      await checkAfterCall(graph, inner, store, divergences);
    }
    if (pending.length === 0) {
      if (step.stale)
        refusals.push(await refused("nothingPending", NoPendingInterruptError, () => graph.invoke(new Command({ resume: step.answers[0] ?? null }), config())));
      break;
    }
    const stale = step.stale && (await tryStale(step.stale, step.answers[0] ?? null, step.unknownId));
    if (stale) refusals.push(stale);

    const chosen = pending.filter((_, index) => (step.subset >> index) & 1);
    const targets = chosen.length > 0 ? chosen : [pending[Math.abs(step.subset) % pending.length]!];
    const values = targets.map((_, index) => step.answers[index % Math.max(1, step.answers.length)] ?? null);
    const thisCall = calls;
    for (const [index, target] of targets.entries()) {
      const raised = trace.events.findLast((event) => event.kind === "raised" && event.id === target.id);
      if (raised?.kind !== "raised") throw new Error(`the harness cannot tell which task raised interrupt ${target.id}`);
      deliveries.push({ call: thisCall, id: target.id, task: raised.execution.task, k: raised.k, value: values[index]! });
    }
    const resume: unknown =
      targets.length === 1 && pending.length === 1 && !step.byId ? values[0] : Object.fromEntries(targets.map((target, index) => [target.id, values[index]]));
    ok = await call(() => graph.invoke(new Command({ resume }), config()));
  }
  for (const stream of (await inner.listStreams({ prefix: "thread-" })).streams) await store.checkStream(stream);
  const unstable = await foldTwiceDivergence(graph.graphSpec, inner, threadId);
  if (unstable) divergences.push(unstable);
  const finalValues = (await graph.getState(config())).values as Record<string, unknown>;
  return {
    scenario,
    trace,
    deliveries,
    refusals,
    divergences,
    idChanges,
    returnedWarnings,
    outputWarnings,
    streams: await readStreams(inner),
    failure,
    calls,
    finalValues,
  };

  async function refused(kind: Refusal["kind"], expected: abstract new (...args: never[]) => Error, run: () => Promise<unknown>): Promise<Refusal> {
    const before = await everything();
    const executions = trace.executions.length;
    let error: unknown;
    try {
      await run();
    } catch (thrown) {
      error = thrown;
    }
    const after = await everything();
    const changed =
      firstDifference(before, after) ?? (trace.executions.length !== executions ? `${trace.executions.length - executions} node execution(s) ran` : undefined);
    return { kind, expected: expected.name, error: error ?? "nothing was thrown", changed };
  }

  /** Tries a wrong resume of the given kind, when the thread's history allows one. */
  async function tryStale(kind: StaleKind, answer: Json, unknownId: string): Promise<Refusal | undefined> {
    const old = deliveries.at(-1)?.id;
    const resume =
      (value: unknown, extra: Partial<RunConfig["configurable"]> = {}) =>
      () =>
        graph.invoke(new Command({ resume: value }), config(extra));
    switch (kind) {
      case "answered":
        return old === undefined ? undefined : refused(kind, UnknownInterruptError, resume({ [old]: answer }));
      case "unknown":
        return refused(kind, UnknownInterruptError, resume({ [unknownId]: answer }));
      case "mixed":
        return refused(kind, UnknownInterruptError, resume({ [pending[0]!.id]: answer, [old ?? unknownId]: answer }));
      case "bare":
        return pending.length < 2 ? undefined : refused(kind, AmbiguousResumeError, resume(answer));
      case "otherThread":
        return refused(kind, ThreadNotFoundError, resume(answer, { thread_id: `${threadId}-other` }));
      case "oldCheckpoint": {
        const history = [];
        for await (const snapshot of graph.getStateHistory(config())) history.push(snapshot);
        const oldest = history.at(-1)?.config.configurable.checkpoint_id;
        return history.length > 1 && oldest ? refused(kind, StaleCheckpointError, resume(answer, { checkpoint_id: oldest })) : undefined;
      }
    }
  }

  async function everything() {
    return { streams: Object.fromEntries(await readStreams(inner)), state: await graph.getState(config()) };
  }
}

/** The node that runs a subgraph thread (`parent/node.task/call`). */
export function nodeOfChildThread(thread: string): string {
  const parts = thread.split("/");
  return parts.at(-2)?.split(".")[0] ?? "";
}

async function checkAfterCall(graph: CompiledStateGraph<any>, inner: MemorySaver, store: LiveStateCheckingStore, divergences: string[]): Promise<void> {
  await store.checkStream(`thread-${threadId}`);
  const live = await graph.getState({ configurable: { thread_id: threadId } });
  const cold = await new CompiledStateGraph(graph.graphSpec, { checkpointer: inner }).getState({ configurable: { thread_id: threadId } });
  const difference = firstDifference(live, cold);
  if (difference) divergences.push(`getState() of the live graph ≠ a cold graph's at ${difference}`);
}

async function readStreams(store: MemorySaver): Promise<Map<string, readonly ThreadEvent[]>> {
  const streams = new Map<string, readonly ThreadEvent[]>();
  for (const stream of (await store.listStreams({ prefix: "thread-" })).streams) {
    streams.set(
      stream.slice("thread-".length),
      (await store.readStream(stream)).events.map((event) => upcastThreadEvent(event)),
    );
  }
  return streams;
}
