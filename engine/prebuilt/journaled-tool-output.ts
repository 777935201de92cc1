import type { BaseMessage } from "@langchain/core/messages";
import { Command } from "../graph/command.js";
import { isCommand } from "../graph/command.js";
import { isSend } from "../graph/send.js";

/**
 * A tool call's output as its journal record holds it: a message (LangChain messages are stored
 * values), or the parts of a Command (a Command is not a stored value; its goto names are, and a
 * Send in it is refused when recorded).
 */
export type JournaledToolOutput =
  | { readonly message: BaseMessage }
  | {
      readonly command: {
        readonly update: unknown;
        readonly goto: readonly string[];
        readonly graph: string | null;
        readonly resume: unknown;
        readonly hasResume: boolean;
      };
    };

/** The record of a tool call's output. */
export function journaledToolOutput(output: BaseMessage | Command): JournaledToolOutput {
  if (!isCommand(output)) return { message: output };
  const goto = output.goto.map((target) => {
    if (isSend(target))
      throw new TypeError(
        `A tool returned a Command with a Send to '${target.node}'; a ToolNode journals tool outputs, and a Send in one is not supported. Return goto node names.`,
      );
    return target;
  });
  return { command: { update: output.update ?? null, goto, graph: output.graph ?? null, resume: output.resume, hasResume: output.hasResume } };
}

/** The output a tool call's record stands for: the same message, or an equal Command. */
export function toolOutputOf(record: JournaledToolOutput): BaseMessage | Command {
  if ("message" in record) return record.message;
  const { update, goto, graph, resume, hasResume } = record.command;
  return new Command({
    ...(update !== null ? { update: update as Record<string, unknown> } : {}),
    ...(goto.length > 0 ? { goto: [...goto] } : {}),
    ...(graph !== null ? { graph } : {}),
    ...(hasResume ? { resume } : {}),
  });
}
