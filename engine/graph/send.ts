/**
 * Sends a task to `node` with its own input `args` instead of the graph state: the map step of a
 * map-reduce. Return Sends from a conditional edge (or in `Command({ goto })`) to fan out.
 *
 * @example
 * builder.addConditionalEdges("plan", (state) => state.items.map((item) => new Send("work", { item })));
 */
export class Send<TArgs = unknown> {
  readonly lg_name = "Send";

  constructor(
    readonly node: string,
    readonly args: TArgs,
  ) {}

  /** LangGraph's JSON form: `{ lg_name, node, args }`. */
  toJSON(): { lg_name: "Send"; node: string; args: TArgs } {
    return { lg_name: "Send", node: this.node, args: this.args };
  }
}

/** True for a {@link Send}, including one made by another copy of this library. */
export function isSend(value: unknown): value is Send {
  return value instanceof Send || (typeof value === "object" && value !== null && (value as { lg_name?: unknown }).lg_name === "Send");
}
