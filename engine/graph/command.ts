import { isSend, Send } from "./send.js";

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

  /** LangGraph's JSON form: `{ lg_name, update, resume, goto }` (goto always a list). */
  toJSON(): Record<string, unknown> {
    return { lg_name: this.lg_name, update: this.update, resume: this.resume, goto: this.goto };
  }
}

/**
 * A Command as a Send's args record it: a plain object (`lg_name: "Command"`, its update, its
 * goto with each Send as `{ lg_name: "Send", node, args }`), so it round-trips through the store.
 */
export function recordedCommandOf(command: Command): Record<string, unknown> {
  return {
    lg_name: "Command",
    ...(command.update !== undefined ? { update: command.update } : {}),
    ...(command.hasResume ? { resume: command.resume } : {}),
    goto: command.goto.map((target) =>
      isSend(target) ? { lg_name: "Send", node: target.node, args: isCommand(target.args) ? recordedCommandOf(target.args) : target.args } : target,
    ),
    ...(command.graph !== undefined ? { graph: command.graph } : {}),
  };
}

/**
 * A recorded Command (see {@link recordedCommandOf}), or a Command's JSON form (LangGraph's too), as
 * a Command again; any other value as it is.
 */
export function revivedCommandOf(value: unknown): unknown {
  if (value instanceof Command || typeof value !== "object" || value === null || (value as { lg_name?: unknown }).lg_name !== "Command") return value;
  const recorded = value as { update?: unknown; resume?: unknown; goto?: unknown; graph?: string };
  const given = recorded.goto === undefined || recorded.goto === null ? [] : Array.isArray(recorded.goto) ? recorded.goto : [recorded.goto];
  const goto = given.map((target: unknown) => {
    if (typeof target === "string") return target;
    const send = target as { node: string; args: unknown };
    return new Send(send.node, revivedCommandOf(send.args));
  });
  return new Command({
    ...(recorded.update !== undefined ? { update: recorded.update as Record<string, unknown> } : {}),
    ...("resume" in recorded ? { resume: recorded.resume } : {}),
    ...(goto.length > 0 ? { goto } : {}),
    ...(recorded.graph !== undefined ? { graph: recorded.graph } : {}),
  });
}

/** True for a {@link Command}, including one made by another copy of this library. */
export function isCommand(value: unknown): value is Command {
  return value instanceof Command || (typeof value === "object" && value !== null && (value as { lg_name?: unknown }).lg_name === "Command");
}
