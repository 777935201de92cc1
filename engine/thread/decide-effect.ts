import type { GraphSpec } from "../graph/graph-spec.js";
import { foldNew, type Decision } from "./decision.js";
import type { ThreadState } from "./thread-state.js";

/** Journal the result of a side effect a task performed (`effect(key, fn)`). */
export interface RecordEffect {
  readonly type: "RecordEffect";
  readonly runId: string;
  readonly taskId: string;
  readonly node: string;
  readonly key: string;
  readonly result: unknown;
  readonly at: number;
}

/** What recording an effect decided: the events, and the result re-executions will get. */
export interface EffectDecision extends Decision {
  /** The journaled result: this one, or the one another writer recorded first. */
  readonly recorded: { readonly result: unknown };
  /** False when the run that executed the effect no longer holds the thread. */
  readonly owned: boolean;
}

/**
 * Records an effect's result once per task and key. When the key is already journaled (another
 * execution of the same task got there first), nothing is appended and that record wins, so every
 * execution afterwards sees one result.
 */
export function decideEffect(graph: GraphSpec, state: ThreadState, command: RecordEffect): EffectDecision {
  const existing = state.effects[command.taskId]?.[command.key];
  const owned = state.activeRun?.runId === command.runId;
  if (existing || !owned) return { events: [], state, recorded: existing ?? { result: command.result }, owned };
  const events = [{ type: "EffectRecorded", v: 1, taskId: command.taskId, node: command.node, key: command.key, result: command.result } as const];
  return { events, state: foldNew(graph, state, events, command.at), recorded: { result: command.result }, owned };
}
