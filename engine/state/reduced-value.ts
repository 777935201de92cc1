import type { StandardSchemaLike } from "./standard-schema.js";

const reducedValueKey = Symbol.for("langgraph.state.reduced_value");

/**
 * A StateSchema field folded by a reducer, as LangGraph's `ReducedValue`: its value schema (whose
 * default is the channel's), the schema of the updates it takes (`inputSchema`, else the value
 * schema), and extras for its JSON schema.
 *
 * @example
 * const State = new StateSchema({
 *   log: new ReducedValue(z.array(z.string()).default(() => []), { inputSchema: z.string(), reducer: (log, line) => [...log, line] }),
 * });
 */
export class ReducedValue<TValue = any, TUpdate = TValue> {
  readonly [reducedValueKey] = true;
  readonly valueSchema: StandardSchemaLike;
  readonly inputSchema: StandardSchemaLike;
  readonly reducer: (current: TValue, update: TUpdate) => TValue;
  readonly jsonSchemaExtra: Readonly<Record<string, unknown>> | undefined;

  constructor(
    valueSchema: StandardSchemaLike,
    init: {
      readonly reducer: (current: TValue, update: TUpdate) => TValue;
      readonly inputSchema?: StandardSchemaLike;
      readonly jsonSchemaExtra?: Readonly<Record<string, unknown>>;
    },
  ) {
    this.valueSchema = valueSchema;
    this.reducer = init.reducer;
    this.inputSchema = init.inputSchema ?? valueSchema;
    this.jsonSchemaExtra = init.jsonSchemaExtra;
  }

  /** Whether `value` is a ReducedValue (of any copy of replaygraph or LangGraph). */
  static isInstance(value: unknown): value is ReducedValue {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[reducedValueKey] === true;
  }
}
