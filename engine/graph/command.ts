import { isSend, type Send } from "./send.js";

/** What a {@link Command} carries. */
export interface CommandParams<TResume = unknown, TUpdate = Record<string, unknown>> {
  /** The answer to the pending interrupt, or `{ [interruptId]: answer }` for several. */
  readonly resume?: TResume;
  /** Writes to apply (as input, or as the returning node's update). */
  readonly update?: TUpdate;
  /** The node(s) to run next, or Sends. */
  readonly goto?: string | Send | readonly (string | Send)[];
  /** `Command.PARENT` to address the parent graph (not supported yet). */
  readonly graph?: string;
}

/**
 * Resumes a paused thread (`invoke(new Command({ resume: answer }), config)`), or, returned from a
 * node, updates the state and routes (`return new Command({ update, goto: "next" })`).
 *
 * @example
 * const result = await graph.invoke(new Command({ resume: true }), { configurable: { thread_id: "t1" } });
 */
export class Command<TResume = unknown, TUpdate = Record<string, unknown>> {
  /** Addresses the parent graph from inside a subgraph. */
  static readonly PARENT = "__parent__";
  readonly lg_name = "Command";
  /** Tells a LangChain tool to return this Command as it is, not wrapped in a ToolMessage (as LangGraph's Command does). */
  readonly lc_direct_tool_output = true;
  readonly resume: TResume | undefined;
  /** Whether `resume` was given at all (`undefined` given explicitly is refused on use). */
  readonly hasResume: boolean;
  readonly update: TUpdate | undefined;
  readonly goto: readonly (string | Send)[];
  readonly graph: string | undefined;

  constructor(params: CommandParams<TResume, TUpdate>) {
    this.hasResume = Object.prototype.hasOwnProperty.call(params, "resume");
    this.resume = params.resume;
    this.update = params.update;
    const goto = params.goto;
    this.goto = goto === undefined ? [] : typeof goto === "string" || isSend(goto) ? [goto] : [...(goto as readonly (string | Send)[])];
    this.graph = params.graph;
  }
}

/** True for a {@link Command}, including one made by another copy of this library. */
export function isCommand(value: unknown): value is Command {
  return value instanceof Command || (typeof value === "object" && value !== null && (value as { lg_name?: unknown }).lg_name === "Command");
}
