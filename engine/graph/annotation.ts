import { writePreparerOf, type WritePreparer } from "./write-preparer.js";

/**
 * How one state key (a channel) combines writes: the last value written, or a reducer that folds
 * each write into the current value.
 */
export interface ChannelSpec<TValue = unknown, TUpdate = TValue> {
  /** Folds a write into the current value. Absent: the channel keeps the last value written. */
  readonly reducer?: (current: TValue, update: TUpdate) => TValue;
  /** The value before any write. */
  readonly default?: () => TValue;
  /** Runs once on each write when it is recorded, never when it is folded (see {@link WritePreparer}). */
  readonly prepareWrite?: WritePreparer<TUpdate>;
  /** Phantom fields carrying the value and update types. */
  readonly __types?: { value: TValue; update: TUpdate };
}

/** A map from state key to channel: the shape of a graph's state. */
export type StateDefinition = Record<string, ChannelSpec<any, any>>;

/** The state object nodes receive. */
export type StateOf<TDefinition extends StateDefinition> = {
  [K in keyof TDefinition]: TDefinition[K] extends ChannelSpec<infer TValue, any> ? TValue : never;
};

/** A partial update nodes return. */
export type UpdateOf<TDefinition extends StateDefinition> = {
  [K in keyof TDefinition]?: TDefinition[K] extends ChannelSpec<any, infer TUpdate> ? TUpdate : never;
};

/** A graph's state schema, made by {@link Annotation.Root}. */
export class AnnotationRoot<TDefinition extends StateDefinition> {
  /** Type-only: `typeof MyState.State` is the state object nodes receive. */
  declare readonly State: StateOf<TDefinition>;
  /** Type-only: `typeof MyState.Update` is what nodes return. */
  declare readonly Update: UpdateOf<TDefinition>;
  readonly spec: TDefinition;

  constructor(spec: TDefinition) {
    this.spec = spec;
  }
}

/**
 * Declares one state key. Without options it keeps the last value written (two writes in one
 * step are an error); with a `reducer` it folds every write in. A reducer must give the same
 * value for the same writes on every fold (replay re-applies the recorded writes); what it would
 * invent (an id, a timestamp) belongs in `prepareWrite`, which runs once, when the write is recorded.
 *
 * @example
 * const State = Annotation.Root({
 *   question: Annotation<string>(),
 *   log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
 * });
 * type S = typeof State.State; // { question: string; log: string[] }
 */
export function Annotation<TValue>(): ChannelSpec<TValue, TValue>;
export function Annotation<TValue, TUpdate = TValue>(options: {
  reducer: (current: TValue, update: TUpdate) => TValue;
  default?: () => TValue;
  prepareWrite?: WritePreparer<TUpdate>;
}): ChannelSpec<TValue, TUpdate>;
export function Annotation<TValue, TUpdate = TValue>(options?: {
  reducer?: (current: TValue, update: TUpdate) => TValue;
  default?: () => TValue;
  prepareWrite?: WritePreparer<TUpdate>;
}): ChannelSpec<TValue, TUpdate> {
  if (options === undefined) return {};
  // A reducer that invents values (messagesStateReducer) carries its own preparer.
  const prepareWrite = options.prepareWrite ?? (writePreparerOf(options.reducer) as WritePreparer<TUpdate> | undefined);
  return {
    ...(options.reducer ? { reducer: options.reducer } : {}),
    ...(options.default ? { default: options.default } : {}),
    ...(prepareWrite ? { prepareWrite } : {}),
  };
}

/** Builds a state schema from channels: `Annotation.Root({ key: Annotation<T>(), ... })`. */
Annotation.Root = function Root<TDefinition extends StateDefinition>(spec: TDefinition): AnnotationRoot<TDefinition> {
  return new AnnotationRoot(spec);
};
