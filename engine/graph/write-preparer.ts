/** What a {@link WritePreparer} is given besides the write. */
export interface WriteContext {
  /**
   * A new id for something in the write (a message without one): UUID-shaped, derived from what
   * records the write (the task, the run's input, the state update) and the position in it, so a
   * re-execution of the same task gets the same ids.
   */
  newId(): string;
}

/**
 * Fixes, once, when a write to a channel is recorded, whatever the channel's reducer would
 * otherwise invent on every fold (LangGraph's messages reducer gives a message without an id a
 * random one): the recorded write then folds to the same state in every replay and every process.
 * Runs on inputs, node writes, `Command({ update })` and `updateState` alike; never during a replay.
 */
export type WritePreparer<TUpdate = unknown> = (update: TUpdate, context: WriteContext) => TUpdate;

const preparerKey = Symbol.for("replaygraph.writePreparer");

/**
 * Attaches `prepare` to a reducer, so every channel built with that reducer
 * (`Annotation({ reducer })`) prepares its writes with it. Returns the reducer.
 */
export function withWritePreparer<TReducer extends (...args: never[]) => unknown>(reducer: TReducer, prepare: WritePreparer<any>): TReducer {
  Object.defineProperty(reducer, preparerKey, { value: prepare });
  return reducer;
}

/** The preparer attached to `reducer` by {@link withWritePreparer}, if any. */
export function writePreparerOf(reducer: unknown): WritePreparer | undefined {
  return typeof reducer === "function" ? ((reducer as unknown as Record<symbol, WritePreparer | undefined>)[preparerKey] ?? undefined) : undefined;
}
