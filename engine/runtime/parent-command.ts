import { ReplayGraphError } from "../errors/replaygraph-error.js";
import { Command } from "../graph/command.js";
import type { Send } from "../graph/send.js";

/**
 * LangGraph's `ParentCommand`: a node of a subgraph returned `Command({ graph: Command.PARENT })`.
 * It ends the subgraph's run and reaches the task of the parent graph that runs the subgraph,
 * which takes the command (`update`, `goto`) as its own result. Thrown out of `subgraph.invoke()`
 * inside a node, it must not be caught (re-throw it when `isParentCommand(error)`).
 */
export class ParentCommand extends ReplayGraphError {
  readonly code = "PARENT_COMMAND";
  /** The command, addressed to the graph that receives it (no `graph` field). */
  readonly command: Command;
  /** The task whose node returned it (the task of the parent graph that receives it is another). */
  raisedBy: string | undefined;

  constructor(node: string, update: Readonly<Record<string, unknown>> | undefined, goto: readonly (string | Send)[]) {
    super(
      `Node '${node}' returned Command({ graph: Command.PARENT }): the command goes to the parent graph's task that runs this subgraph. ` +
        `Run the subgraph as a node of another graph (or call it from one), or return the Command without graph: Command.PARENT.`,
    );
    this.command = new Command({ ...(update !== undefined ? { update } : {}), goto: [...goto] });
  }
}

/** True for a {@link ParentCommand} (LangGraph's `isParentCommand`). */
export function isParentCommand(error: unknown): error is ParentCommand {
  return error instanceof ParentCommand;
}
