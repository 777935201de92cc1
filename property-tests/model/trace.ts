import type { Json } from "./graph-model.js";

/** What one execution of a generated node did, in the order it did it. */
export type TraceEvent =
  | { readonly kind: "start" }
  | { readonly kind: "end"; readonly how: "returned" | "threw" }
  /** interrupt() call #k is about to be made with this payload. */
  | { readonly kind: "ask"; readonly k: number; readonly payload: Json }
  /** interrupt() call #k returned `value` (a recorded answer). */
  | { readonly kind: "answered"; readonly k: number; readonly value: unknown; readonly payload: Json }
  /** The task paused at interrupt() call #k, interrupt `id` (a call after a swallowed pause re-raises that pause). */
  | { readonly kind: "raised"; readonly k: number; readonly id: string; readonly payload: Json; readonly swallowed: boolean }
  | { readonly kind: "io"; readonly inEffect: boolean }
  /** A database write; `changed`: what observeSideEffects reads changed. */
  | { readonly kind: "db"; readonly changed: boolean; readonly inEffect: boolean }
  | { readonly kind: "effectBody"; readonly key: string }
  | { readonly kind: "effectResult"; readonly key: string; readonly value: unknown }
  | { readonly kind: "mutate" }
  /** The node is about to call its subgraph. */
  | { readonly kind: "subgraphCall" };

/** An event with its place in the global order of everything all nodes did. */
export type Traced = TraceEvent & { readonly seq: number; readonly execution: Execution };

/** One execution of one task. */
export interface Execution {
  readonly task: string;
  readonly thread: string;
  readonly node: string;
  /** 1 for the task's first execution. */
  readonly number: number;
  /** The harness call (0: the first invoke, then one per resume) it ran in. */
  readonly call: number;
  readonly events: Traced[];
}

/**
 * The instrumentation of a generated graph: every execution of every task and what it did, in
 * one global order. Oracles read it; the engine never does.
 */
export class Trace {
  readonly events: Traced[] = [];
  readonly executions: Execution[] = [];
  readonly #byTask = new Map<string, Execution[]>();
  /** The harness call now running. */
  call = 0;

  /** Starts recording an execution of `task`. */
  begin(task: string, thread: string, node: string): Execution {
    const previous = this.#byTask.get(task) ?? [];
    const execution: Execution = { task, thread, node, number: previous.length + 1, call: this.call, events: [] };
    this.#byTask.set(task, [...previous, execution]);
    this.executions.push(execution);
    this.record(execution, { kind: "start" });
    return execution;
  }

  record(execution: Execution, event: TraceEvent): void {
    const traced = { ...event, seq: this.events.length, execution } as Traced;
    this.events.push(traced);
    execution.events.push(traced);
  }

  /** Executions of one task, in order. */
  executionsOf(task: string): readonly Execution[] {
    return this.#byTask.get(task) ?? [];
  }

  /** Every task that ran, in first-run order. */
  tasks(): string[] {
    return [...this.#byTask.keys()];
  }
}
