import type { CacheLike } from "../cache/in-memory-cache.js";
import type { RaisedInterrupt } from "../thread/events.js";
import type { TaskContext } from "../runtime/task-context.js";

/**
 * What the functional API keeps about one execution of a task context: the node's own execution
 * (the root) or one `task()` call running inside it. Kept beside the engine's TaskContext, keyed
 * by it, so the engine's context needs no functional-API fields: every execution (a resume, a
 * retry) makes a new context, so call counters start again at zero, which is what makes the
 * journal keys the same on every re-execution.
 */
export interface TaskScope {
  /** The node execution whose journal (its task's `EffectRecorded` events) holds every call's result. */
  readonly root: TaskContext;
  /** Journal key prefix of calls made here: "" in the node, `<key of the call>/` inside a task call. */
  readonly prefix: string;
  /** `task()` calls made in this scope so far: the next call's position. */
  calls: number;
  /** Calls started in this scope and not settled; the entrypoint waits for them (with their children). */
  readonly inflight: Promise<unknown>[];
  /** Interrupts raised by task calls of this execution (collected at the root). */
  readonly raised: RaisedInterrupt[];
  /** Root only: the entrypoint's saved value from the thread's previous run (`getPreviousState()`). */
  previous: unknown;
  /** Root only, set by an entrypoint: reports a finished task call to `stream()`'s `updates` mode. */
  reportTask: ((name: string, result: unknown, cached: boolean) => void) | undefined;
  /** Root only, set by an entrypoint compiled with a cache: where `task()` calls with a `cachePolicy` look their results up. */
  cache?: { readonly cache: CacheLike; readonly graphName: string } | undefined;
}

const scopes = new WeakMap<TaskContext, TaskScope>();

/** The scope of `context`: the root scope of a node execution the first time it is asked for. */
export function scopeOf(context: TaskContext): TaskScope {
  let scope = scopes.get(context);
  if (scope === undefined) {
    scope = { root: context, prefix: "", calls: 0, inflight: [], raised: [], previous: undefined, reportTask: undefined };
    scopes.set(context, scope);
  }
  return scope;
}

/** Registers the context a task call runs its body in, under the journal key of that call. */
export function openCallScope(context: TaskContext, root: TaskContext, key: string): TaskScope {
  const scope: TaskScope = { root, prefix: `${key}/`, calls: 0, inflight: [], raised: [], previous: undefined, reportTask: undefined };
  scopes.set(context, scope);
  return scope;
}
