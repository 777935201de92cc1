import { InvalidUpdateError } from "../errors/run-errors.js";
import { Command, isCommand, revivedCommandOf } from "../graph/command.js";
import { recordedWritesOf } from "../graph/overwrite.js";
import { appendWrite } from "../graph/multiple-writes.js";
import type { Send } from "../graph/send.js";
import type { Writes } from "../thread/events.js";
import { ParentCommand } from "./parent-command.js";

/** A node's return value, as writes and routes. */
export interface NodeResult {
  readonly writes: Writes;
  readonly goto: readonly (string | Send)[];
}

/**
 * Turns what a node returned into writes and routes: an update, a Command, nothing, or (as in
 * LangGraph) a list holding at least one Command, whose updates and Commands apply in order.
 * `Overwrite` wrappers are turned into their recorded form.
 */
export function normalizeNodeResult(node: string, result: unknown): NodeResult {
  if (result === undefined || result === null) return { writes: {}, goto: [] };
  if (isCommand(result)) return commandResult(node, result);
  if (Array.isArray(result) && result.some(isCommand)) {
    // As LangGraph: Commands to the parent graph in a list are combined into one, and go there.
    const toParent = result.filter((item) => isCommand(item) && (revivedCommandOf(item) as Command).graph === Command.PARENT) as Command[];
    if (toParent.length > 0) throw parentCommandOf(node, toParent);
    return listResult(node, result);
  }
  return { writes: asWrites(node, result), goto: [] };
}

function commandResult(node: string, given: Command): NodeResult {
  const command = revivedCommandOf(given) as Command;
  if (command.graph === Command.PARENT) throw parentCommandOf(node, [command]);
  if (command.hasResume) throw new InvalidUpdateError(`Node '${node}' returned Command({ resume }); resume is an input to invoke(), not a node result.`);
  return { writes: command.update === undefined || command.update === null ? {} : commandUpdateWrites(node, command.update), goto: [...(command.goto ?? [])] };
}

/**
 * A Command's update as writes: an object of updates, or (as LangGraph takes it) a list of
 * `[key, value]` pairs, where a key given more than once records its writes in order.
 */
export function commandUpdateWrites(node: string, update: unknown): Writes {
  if (!isUpdatePairs(update)) return asWrites(node, update);
  const writes: Record<string, unknown> = {};
  for (const [key, value] of update) {
    const [recorded] = Object.values(recordedWritesOf({ [key]: value }));
    writes[key] = key in writes ? appendWrite(writes[key], recorded) : recorded;
  }
  return writes;
}

/** True for LangGraph's list form of a Command's update: `[[key, value], ...]`. */
export function isUpdatePairs(update: unknown): update is readonly (readonly [string, unknown])[] {
  return Array.isArray(update) && update.length > 0 && update.every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === "string");
}

/**
 * A list of updates and Commands: one task's writes and every goto. A key written more than once
 * records its writes in order (`{ __writes__: [...] }`); they fold in one after the other, as
 * LangGraph's do (a last-value key written twice is refused when the step applies).
 */
function listResult(node: string, results: readonly unknown[]): NodeResult {
  const writes: Record<string, unknown> = {};
  const goto: (string | Send)[] = [];
  for (const item of results) {
    const part = isCommand(item)
      ? commandResult(node, item)
      : item === undefined || item === null
        ? { writes: {}, goto: [] }
        : { writes: asWrites(node, item), goto: [] };
    for (const key in part.writes) writes[key] = key in writes ? appendWrite(writes[key], part.writes[key]) : part.writes[key];
    goto.push(...part.goto);
  }
  return { writes, goto };
}

/** The Commands a node addressed to the parent graph, as one {@link ParentCommand}. */
function parentCommandOf(node: string, commands: readonly Command[]): ParentCommand {
  const revived = commands.map((command) => revivedCommandOf(command) as Command);
  const updates = revived.filter((command) => command.update !== undefined && command.update !== null);
  const update =
    updates.length === 0
      ? undefined
      : Object.assign(
          {},
          ...updates.map((command) =>
            isUpdatePairs(command.update) ? commandUpdateWrites(node, command.update) : (command.update as Record<string, unknown>),
          ),
        );
  return new ParentCommand(
    node,
    update,
    revived.flatMap((command) => [...(command.goto ?? [])]),
  );
}

function asWrites(node: string, value: unknown): Writes {
  if (typeof value !== "object" || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) {
    const what = Array.isArray(value)
      ? "an array"
      : typeof value === "object"
        ? `an instance of ${(value as object).constructor?.name ?? "a class"}`
        : `a ${typeof value}`;
    throw new InvalidUpdateError(
      `Node '${node}' returned ${what}. Return an object of state updates (e.g. { key: value }), a Command, a list with a Command, or nothing.`,
      {
        lc_error_code: "INVALID_GRAPH_NODE_RETURN_VALUE",
      },
    );
  }
  return recordedWritesOf(value as Writes);
}
