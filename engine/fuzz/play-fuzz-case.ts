import { MemoryEventStore } from "../../store/memory/memory-event-store.js";
import { ReplayGraphError } from "../errors/replaygraph-error.js";
import { NonDeterminismError } from "../errors/run-errors.js";
import { Command } from "../graph/command.js";
import { INTERRUPT } from "../graph/constants.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import { CompiledStateGraph } from "../runtime/compiled-state-graph.js";
import type { Interrupt } from "../runtime/interrupt.js";
import type { RunConfig } from "../runtime/run-config.js";
import type { ThreadEvent } from "../thread/events.js";
import { firstDifference } from "./first-difference.js";
import { foldTwiceDivergence } from "./fold-twice-divergence.js";
import type { FuzzCase } from "./fuzz-case.js";
import { LiveStateCheckingStore } from "./live-state-checking-store.js";
import { liveStateOf } from "./live-state-of.js";
import { upcastThreadEvent } from "../thread/upcast-thread-event.js";

/** A broken replay rule: which, in which node, and what was seen. */
export interface FuzzViolation {
  /**
   * `io-before-interrupt`, `side-effect-repeated`, `state-mutated`, `interrupt-sequence-changed`,
   * `interrupt-swallowed` (the engine's replay warnings), `replay-mismatch` (the stream's replay ≠
   * the live state, rule 26), `reducer-nondeterministic` (two folds of the recorded events differ:
   * a reducer invents values), `interrupt-id-changed` (a pending interrupt changed id across a
   * restart, rule 2) or `node-threw` (a run failed with an error that is not a named refusal).
   */
  readonly rule: string;
  readonly node: string;
  readonly detail: string;
}

/** What the case did, step by step, for the reproduction. */
export type PlayedStep =
  | { readonly kind: "input"; readonly input: unknown }
  | { readonly kind: "restart" }
  | { readonly kind: "continue" }
  | { readonly kind: "resume"; readonly answers: readonly unknown[]; readonly byId: boolean; readonly pending: number };

/** The outcome of one fuzz case. */
export interface PlayedCase {
  readonly violations: readonly FuzzViolation[];
  readonly played: readonly PlayedStep[];
}

/** The thread every fuzz case runs on (each case has its own store). */
export const fuzzThreadId = "fuzz";

/**
 * Plays one fuzz case on a fresh in-memory store: the input, then the resumes (answering every
 * pending interrupt, restarting the process between steps when the case says so), checking the
 * replay rules as it goes.
 */
export async function playFuzzCase(spec: GraphSpec, fuzzCase: FuzzCase, observeSideEffects: (() => unknown) | undefined): Promise<PlayedCase> {
  const violations: FuzzViolation[] = [];
  const played: PlayedStep[] = [];
  const add = (violation: FuzzViolation) => {
    if (!violations.some((seen) => seen.rule === violation.rule && seen.node === violation.node)) violations.push(violation);
  };
  const inner = new MemoryEventStore();
  let graph!: CompiledStateGraph<any>;
  const store: LiveStateCheckingStore = new LiveStateCheckingStore(inner, (thread) =>
    thread === fuzzThreadId ? liveStateOf(graph, store, thread) : undefined,
  );
  const restart = () => (graph = new CompiledStateGraph(spec, { checkpointer: store }));
  restart();
  const config: RunConfig = { configurable: { thread_id: fuzzThreadId }, ...(observeSideEffects ? { observeSideEffects } : {}) };

  let output: Record<string, unknown> | undefined;
  const run = async (input: unknown): Promise<boolean> => {
    try {
      output = (await graph.invoke(input as never, config)) as Record<string, unknown>;
      return true;
    } catch (error) {
      if (error instanceof NonDeterminismError) add({ rule: "interrupt-sequence-changed", node: error.node, detail: error.message });
      else if (!(error instanceof ReplayGraphError)) add({ rule: "node-threw", node: await failedNodeOf(inner), detail: describe(error) });
      return false;
    }
  };

  played.push({ kind: "input", input: fuzzCase.input });
  let going = await run(fuzzCase.input);
  for (const step of fuzzCase.steps) {
    if (!going || !output) break;
    const pending = (output[INTERRUPT] as readonly Interrupt[] | undefined) ?? undefined;
    if (pending === undefined) break;
    if (step.restart) {
      restart();
      played.push({ kind: "restart" });
      const changed = await interruptsChangedByRestart(graph, config, inner, pending);
      if (changed) add(changed);
    }
    if (pending.length === 0) {
      // A static breakpoint: continue past it.
      played.push({ kind: "continue" });
      going = await run(null);
      continue;
    }
    const { resume, step: resumeStep } = resumeFor(step, pending);
    played.push(resumeStep);
    going = await run(new Command({ resume }));
  }

  await checkPlayedThread(spec, graph, store, inner, config, add);
  return { violations, played };
}

/** The violation of SEMANTICS rule 2 when the interrupts pending after a restart differ from before it. */
async function interruptsChangedByRestart(
  graph: CompiledStateGraph<any>,
  config: RunConfig,
  inner: MemoryEventStore,
  pending: readonly Interrupt[],
): Promise<FuzzViolation | undefined> {
  const after = (await graph.getState(config)).tasks.flatMap((task) => task.interrupts);
  const change = firstDifference(
    pending.map(({ id, value }) => ({ id, value })),
    after.map(({ id, value }) => ({ id, value })),
  );
  if (!change) return undefined;
  return {
    rule: "interrupt-id-changed",
    node: nodeOfInterrupt(await eventsOf(inner), pending[0]?.id),
    detail: `after a restart the pending interrupts differ (SEMANTICS rule 2): ${change}`,
  };
}

/** The resume value a case's step gives the pending interrupts: one answer, or answers by interrupt id. */
function resumeFor(step: FuzzCase["steps"][number], pending: readonly Interrupt[]): { resume: unknown; step: PlayedStep } {
  const answers = step.answers.length > 0 ? step.answers : [null];
  const resume =
    pending.length === 1 && !step.byId ? answers[0] : Object.fromEntries(pending.map((interrupt, index) => [interrupt.id, answers[index % answers.length]]));
  return { resume, step: { kind: "resume", answers, byId: step.byId || pending.length > 1, pending: pending.length } };
}

/**
 * The checks after a case is played: the stream as the store checks it, the live state against a
 * cold graph's and a replay's, a reducer folded twice, and the warnings the run recorded.
 */
async function checkPlayedThread(
  spec: GraphSpec,
  graph: CompiledStateGraph<any>,
  store: LiveStateCheckingStore,
  inner: MemoryEventStore,
  config: RunConfig,
  add: (violation: FuzzViolation) => void,
): Promise<void> {
  await store.checkStream(`thread-${fuzzThreadId}`);
  const live = await graph.getState(config);
  const cold = await new CompiledStateGraph(spec, { checkpointer: inner }).getState(config);
  const coldDifference = firstDifference(live, cold);
  if (coldDifference) store.divergences.push(`getState() of the live graph ≠ a fresh graph's at ${coldDifference}`);
  for (const divergence of store.divergences)
    add({ rule: "replay-mismatch", node: "", detail: `replaying the stream does not give the live state (SEMANTICS rule 26): ${divergence}` });
  const unstable = await foldTwiceDivergence(spec, inner, fuzzThreadId);
  if (unstable) add({ rule: "reducer-nondeterministic", node: "", detail: unstable });
  for (const events of await allThreadEvents(inner)) {
    for (const event of events) {
      if (event.type === "ReplayWarningRaised") add({ rule: event.kind, node: event.node, detail: event.detail });
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : `threw ${String(error)}`;
}

async function eventsOf(store: MemoryEventStore, thread = fuzzThreadId): Promise<ThreadEvent[]> {
  return (await store.readStream(`thread-${thread}`)).events.map((event) => upcastThreadEvent(event));
}

/** The events of the case's thread and of every subgraph thread under it. */
async function allThreadEvents(store: MemoryEventStore): Promise<ThreadEvent[][]> {
  const { streams } = await store.listStreams({ prefix: `thread-${fuzzThreadId}` });
  return Promise.all(
    streams
      .filter((stream) => stream === `thread-${fuzzThreadId}` || stream.startsWith(`thread-${fuzzThreadId}/`))
      .map((stream) => eventsOf(store, stream.slice("thread-".length))),
  );
}

/** The node of the last task that failed in the thread (or its subgraphs). */
async function failedNodeOf(store: MemoryEventStore): Promise<string> {
  let node = "";
  for (const events of await allThreadEvents(store)) {
    const nodes = new Map<string, string>();
    for (const event of events) {
      if (event.type === "StepStarted") for (const task of event.tasks) nodes.set(task.id, task.node);
      if (event.type === "TaskFailed") node = nodes.get(event.taskId) ?? node;
    }
  }
  return node;
}

function nodeOfInterrupt(events: readonly ThreadEvent[], id: string | undefined): string {
  const nodes = new Map<string, string>();
  let node = "";
  for (const event of events) {
    if (event.type === "StepStarted") for (const task of event.tasks) nodes.set(task.id, task.node);
    if (event.type === "TaskInterrupted" && event.interrupts.some((interrupt) => interrupt.id === id)) node = nodes.get(event.taskId) ?? node;
  }
  return node;
}
