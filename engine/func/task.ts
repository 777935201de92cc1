import { GeneratorNotAllowedError } from "../errors/func-errors.js";
import type { RetryPolicy } from "../graph/graph-spec.js";
import { cachePolicyOf, type CachePolicy } from "../cache/cache-nodes.js";
import { callTask } from "./call-task.js";
import { isGeneratorFunction } from "./is-generator-function.js";

/** Options of {@link task}. */
export interface TaskOptions {
  /** The task's name: part of its journal key and of its `updates` stream chunks. */
  readonly name: string;
  /** How failed attempts are retried (an interrupt is never retried). */
  readonly retry?: RetryPolicy;
  /** Look the call's result up (by its arguments) in the entrypoint's `cache` before running it; `true`: no ttl. */
  readonly cachePolicy?: CachePolicy | boolean;
}

/**
 * Defines a task of LangGraph's functional API: a function whose call, inside an entrypoint (or
 * a node), returns a promise of its result, and whose result is journaled in the thread as an
 * `EffectRecorded` event (key `task:<position>:<name>`). When the entrypoint runs again (a
 * resume, a restart), a call that finished before returns its record without running; calls are
 * matched by position among the calls of the execution, as in LangGraph. A task may call
 * `interrupt()`: the entrypoint pauses, and on resume the task runs again and gets the answer.
 *
 * Arguments and results must survive a superjson round trip; callers always get the round-tripped
 * result, so a first execution and a replay see the same thing.
 *
 * @example
 * const draft = task("draft", async (topic: string) => llm.write(topic));
 * const workflow = entrypoint({ name: "essay", checkpointer }, async (topic: string) => {
 *   const essay = await draft(topic);                  // runs once, whatever happens after
 *   const approved = interrupt({ essay });             // the entrypoint re-runs on resume
 *   return { essay, approved };
 * });
 */
export function task<TArgs extends unknown[], TOutput>(
  optionsOrName: TaskOptions | string,
  func: (...args: TArgs) => TOutput | Promise<TOutput>,
): (...args: TArgs) => Promise<Awaited<TOutput>> {
  const options = typeof optionsOrName === "string" ? { name: optionsOrName } : optionsOrName;
  if (isGeneratorFunction(func)) throw new GeneratorNotAllowedError("tasks");
  const cachePolicy = cachePolicyOf(options.cachePolicy);
  const definition = { name: options.name, func, retry: options.retry, ...(cachePolicy ? { cachePolicy } : {}) };
  return (...args: TArgs) => callTask(definition, args) as Promise<Awaited<TOutput>>;
}
