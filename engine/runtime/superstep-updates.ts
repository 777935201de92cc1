import { InvalidUpdateError } from "../errors/run-errors.js";
import { isCommand, revivedCommandOf, type Command } from "../graph/command.js";
import { COPY, END, INPUT } from "../graph/constants.js";
import type { GraphSpec } from "../graph/graph-spec.js";
import type { Send } from "../graph/send.js";
import type { Writes } from "../thread/events.js";
import { commandUpdateWrites } from "./normalize-node-result.js";
import { updateWritesOf } from "./update-writes-of.js";

/** One `{ values, asNode }` of a bulkUpdateState superstep, as given. */
export interface GivenUpdate {
  readonly values: unknown;
  readonly asNode?: string | undefined;
}

/** One update, checked: its writes, its node, and the routes of a `Command` given as its values. */
export interface CheckedUpdate {
  readonly writes: Writes;
  readonly asNode: string | undefined;
  readonly goto: readonly (string | Send)[];
}

/**
 * Checks the updates of one superstep (LangGraph's rules: several updates each name their node,
 * and none of them is `"__input__"`, `"__copy__"` or END) and turns each into writes. A `Command`
 * as the values is the node's result: its `update` is written and its `goto` routes, as when a
 * node returns it.
 */
export function superstepUpdatesOf(spec: GraphSpec, updates: readonly GivenUpdate[]): CheckedUpdate[] {
  if (updates.length > 1) {
    for (const { asNode } of updates) {
      if (asNode === undefined)
        throw new InvalidUpdateError(`A superstep of several updates needs "asNode" on each: give every { values, asNode } the node it stands for.`);
      if (asNode === INPUT || asNode === COPY || asNode === END) {
        throw new InvalidUpdateError(`A superstep of several updates cannot hold an update as '${asNode}': give it a superstep of its own.`);
      }
    }
  }
  return updates.map(({ values, asNode }) => {
    if (values !== null && values !== undefined && typeof values !== "object")
      throw new InvalidUpdateError(`updateState() takes an object of state values, a Command or null; got ${typeof values}.`);
    if (isCommand(values)) {
      const command = revivedCommandOf(values) as Command;
      const update = command.update === undefined ? {} : commandUpdateWrites(asNode ?? "updateState()", command.update);
      return { writes: updateWritesOf(spec, update, asNode), asNode, goto: command.goto };
    }
    return { writes: updateWritesOf(spec, (values ?? null) as Writes | null, asNode), asNode, goto: [] };
  });
}
