/** What `entrypoint.final()` returns: a value for the caller and a separate value to save for the next run. */
export interface EntrypointFinal<TValue, TSave> {
  readonly value: TValue | undefined;
  readonly save: TSave | undefined;
  readonly __lg_type: "__pregel_final";
}

/**
 * Returns `value` to the caller and saves `save` for the thread's next run (`getPreviousState()`
 * there). Return it from the entrypoint's function.
 *
 * @example
 * const counter = entrypoint({ name: "counter", checkpointer }, async (step: number) => {
 *   const previous = getPreviousState<number>() ?? 0;
 *   return entrypoint.final({ value: previous, save: previous + step });
 * });
 */
export function entrypointFinal<TValue, TSave>({ value, save }: { value?: TValue; save?: TSave }): EntrypointFinal<TValue, TSave> {
  // LangGraph's marker, so a value made by either library is recognised by both.
  return { value, save, __lg_type: "__pregel_final" };
}

/** True for what `entrypoint.final()` returns. */
export function isEntrypointFinal(value: unknown): value is EntrypointFinal<unknown, unknown> {
  return typeof value === "object" && value !== null && (value as { __lg_type?: unknown }).__lg_type === "__pregel_final";
}
