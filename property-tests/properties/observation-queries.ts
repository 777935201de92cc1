import type { ReplayWarningKind, ThreadEvent } from "replaygraph";
import type { Delivery, Observation } from "../model/play-scenario.js";
import type { Execution, Traced } from "../model/trace.js";

/** A failed check of a property: the message says what was expected and what happened. */
export class PropertyViolation extends Error {
  override readonly name = "PropertyViolation";
}

/** Throws a {@link PropertyViolation} unless `condition` holds. */
export function check(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new PropertyViolation(message());
}

/** The thread a task ran on (from its first execution), if it ran user code. */
export function threadOf(observation: Observation, task: string): string | undefined {
  return observation.trace.executionsOf(task)[0]?.thread;
}

/**
 * Whether `inner` is `outer` or a task of a subgraph that `outer` runs (at any depth): a subgraph
 * thread is named `parentThread/node.taskIdPrefix/call` after the task that runs it.
 */
export function isWithin(observation: Observation, inner: string, outer: string): boolean {
  if (inner === outer) return true;
  const outerExecution = observation.trace.executionsOf(outer)[0];
  if (!outerExecution) return false;
  let thread = threadOf(observation, inner);
  while (thread?.includes("/")) {
    const parts = thread.split("/");
    const [node, prefix] = parts.at(-2)!.split(".");
    const parentThread = parts.slice(0, -2).join("/");
    if (outerExecution.node === node && outer.startsWith(prefix ?? "\u0000") && outerExecution.thread === parentThread) return true;
    thread = parentThread;
  }
  return false;
}

/** Answers delivered, in calls up to and including `call`, to `task`'s own interrupt() calls. */
export function ownAnswersBy(observation: Observation, task: string, call: number): Delivery[] {
  return observation.deliveries.filter((delivery) => delivery.task === task && delivery.call <= call);
}

/** Answers delivered to tasks of subgraphs that `task` runs (not to its own calls), in calls matching `calls`. */
export function childAnswers(observation: Observation, task: string, calls: (call: number) => boolean): Delivery[] {
  return observation.deliveries.filter((delivery) => delivery.task !== task && calls(delivery.call) && isWithin(observation, delivery.task, task));
}

/** Events of one execution of a given kind. */
export function eventsOf<TKind extends Traced["kind"]>(execution: Execution, kind: TKind): Extract<Traced, { kind: TKind }>[] {
  return execution.events.filter((event): event is Extract<Traced, { kind: TKind }> => event.kind === kind);
}

/** Every `ReplayWarningRaised` event of the thread and its subgraph threads (or of one thread only). */
export function recordedWarnings(observation: Observation, thread?: string): Extract<ThreadEvent, { type: "ReplayWarningRaised" }>[] {
  const streams = thread === undefined ? [...observation.streams.values()] : [observation.streams.get(thread) ?? []];
  return streams.flatMap((events) =>
    events.filter((event): event is Extract<ThreadEvent, { type: "ReplayWarningRaised" }> => event.type === "ReplayWarningRaised"),
  );
}

/** A count per task and warning kind. */
export type WarningCounts = Map<string, number>;

export function warningKey(task: string, kind: ReplayWarningKind): string {
  return `${task} ${kind}`;
}

export function increment(counts: WarningCounts, key: string, by = 1): void {
  if (by !== 0) counts.set(key, (counts.get(key) ?? 0) + by);
}

/** The name of a failure, for messages. */
export function describeFailure(failure: unknown): string {
  return failure instanceof Error ? `${failure.name}: ${failure.message}` : String(failure);
}
