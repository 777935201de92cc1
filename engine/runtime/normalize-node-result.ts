import { InvalidUpdateError } from "../errors/run-errors.js";
import { Command, isCommand } from "../graph/command.js";
import type { Send } from "../graph/send.js";
import type { Writes } from "../thread/events.js";

/** A node's return value, as writes and routes. */
export interface NodeResult {
  readonly writes: Writes;
  readonly goto: readonly (string | Send)[];
}

/** Turns what a node returned (an update, a Command, nothing) into writes and routes. */
export function normalizeNodeResult(node: string, result: unknown): NodeResult {
  if (result === undefined || result === null) return { writes: {}, goto: [] };
  if (isCommand(result)) {
    const command = result as Command;
    if (command.graph === Command.PARENT) {
      throw new InvalidUpdateError(`Node '${node}' returned Command({ graph: Command.PARENT }), which replaygraph does not support yet. Return the update from the subgraph's output instead.`);
    }
    if (command.hasResume) throw new InvalidUpdateError(`Node '${node}' returned Command({ resume }); resume is an input to invoke(), not a node result.`);
    return { writes: asWrites(node, command.update ?? {}), goto: command.goto };
  }
  return { writes: asWrites(node, result), goto: [] };
}

function asWrites(node: string, value: unknown): Writes {
  if (typeof value !== "object" || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) {
    const what = Array.isArray(value) ? "an array" : typeof value === "object" ? `an instance of ${(value as object).constructor?.name ?? "a class"}` : `a ${typeof value}`;
    throw new InvalidUpdateError(`Node '${node}' returned ${what}. Return an object of state updates (e.g. { key: value }), a Command, or nothing.`);
  }
  return value as Writes;
}
