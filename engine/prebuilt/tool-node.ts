import { ToolMessage, isAIMessage, isBaseMessage, type BaseMessage, type ToolCall } from "@langchain/core/messages";
import { callTaskWithKey } from "../func/call-task.js";
import { Command, isCommand } from "../graph/command.js";
import { GraphInterrupt, isGraphInterrupt } from "../runtime/interrupt.js";
import type { RaisedInterrupt } from "../thread/events.js";
import { journaledToolOutput, toolOutputOf, type JournaledToolOutput } from "./journaled-tool-output.js";

/** A tool a {@link ToolNode} can run: anything with a name and `invoke(toolCall, config)` (a LangChain `tool()`). */
export interface ToolLike {
  readonly name: string;
  invoke(input: ToolCall, config?: Record<string, unknown>): Promise<unknown>;
}

/** Options of {@link ToolNode}. */
export interface ToolNodeOptions {
  /** The node's name (as a Runnable). */
  readonly name?: string;
  /** Tags passed to the tools' runs. */
  readonly tags?: readonly string[];
  /** Turn a tool's failure into a ToolMessage with status "error" (the default) instead of failing the step. */
  readonly handleToolErrors?: boolean;
}

/** What a ToolNode returns: the tools' messages, or (when tools returned Commands) one Command or LangGraph's list form. */
export type ToolNodeOutput = { messages: BaseMessage[] } | BaseMessage[] | Command | ({ messages: BaseMessage[] } | BaseMessage[] | Command)[];

/** The callable a ToolNode is: a node function `(state, config) => update` with ToolNode's methods. */
export interface ToolNode {
  (input: unknown, config?: object): Promise<ToolNodeOutput>;
}

/**
 * LangGraph's prebuilt ToolNode on the thread journal: runs the tool calls of the last AIMessage
 * in `state.messages` (or in a messages array) in parallel, skipping calls that already have a
 * ToolMessage, and returns `{ messages: ToolMessage[] }`. Each finished tool call is journaled in
 * the node's task under `tool:<tool_call_id>`, so when the node runs again (another tool call
 * paused with `interrupt()` and was answered, a retry, a restart after a crash) a tool that
 * finished returns its recorded message and does not run again. A tool's failure becomes an
 * error ToolMessage (`handleToolErrors`, on by default); an interrupt is never caught.
 *
 * A ToolNode is a function, so it is a node on every graph form (`addNode("tools", new
 * ToolNode(tools))`), and has `invoke(input, config)` as LangGraph's has.
 *
 * @example
 * const graph = new StateGraph(MessagesAnnotation)
 *   .addNode("agent", callModel)
 *   .addNode("tools", new ToolNode([getWeather]))
 *   .addEdge(START, "agent")
 *   .addConditionalEdges("agent", toolsCondition, ["tools", END])
 *   .addEdge("tools", "agent")
 *   .compile({ checkpointer: new MemorySaver() });
 */
export class ToolNode {
  /** The tools this node runs, found by the tool call's name. */
  declare readonly tools: readonly ToolLike[];
  /** Whether a tool's failure becomes an error ToolMessage. */
  declare readonly handleToolErrors: boolean;
  /** The tags passed to the tools' runs. */
  declare readonly tags: readonly string[] | undefined;

  constructor(tools: readonly ToolLike[], options: ToolNodeOptions = {}) {
    const node = ((input: unknown, config?: object) => node.invoke(input, config)) as ToolNode;
    Object.setPrototypeOf(node, new.target.prototype);
    Object.defineProperty(node, "name", { value: options.name ?? "tools" });
    Object.assign(node, { tools: [...tools], handleToolErrors: options.handleToolErrors ?? true, tags: options.tags });
    return node;
  }

  /** Runs the pending tool calls of the last AIMessage of `input` (`{ messages }` or a messages array). */
  async invoke(input: unknown, runConfig: object = {}): Promise<ToolNodeOutput> {
    const config = runConfig as Record<string, unknown>;
    const messages = messagesOf(input);
    const answered = new Set(messages.filter((message) => message.getType() === "tool").map((message) => (message as ToolMessage).tool_call_id));
    const last = [...messages].reverse().find((message) => isAIMessage(message));
    if (last === undefined || !isAIMessage(last)) throw new Error("ToolNode only accepts AIMessages as input.");
    const calls = (last.tool_calls ?? []).filter((call) => call.id == null || !answered.has(call.id));
    const settled = await Promise.allSettled(calls.map((call, index) => this.runJournaled(call, index, config, input)));
    throwFirstFailure(settled);
    const outputs = settled.map((result) => (result as PromiseFulfilledResult<BaseMessage | Command>).value);
    return outputOf(outputs, Array.isArray(input));
  }

  /** One tool call, journaled in the running node's task by its id (run as it is outside a graph). */
  private async runJournaled(call: ToolCall, index: number, config: Record<string, unknown>, state: unknown): Promise<BaseMessage | Command> {
    const key = call.id ? `tool:${call.id}` : `tool:#${index}:${call.name}`;
    const definition = { name: call.name, func: async () => journaledToolOutput(await this.runTool(call, config, state)), retry: undefined };
    const journaled = callTaskWithKey(definition, [], key) ?? definition.func();
    return toolOutputOf((await journaled) as JournaledToolOutput);
  }

  /** Runs one tool call: its ToolMessage or Command, a ToolMessage of its other output, or an error ToolMessage. */
  private async runTool(call: ToolCall, config: Record<string, unknown>, state: unknown): Promise<BaseMessage | Command> {
    const tool = this.tools.find((candidate) => candidate.name === call.name);
    try {
      if (tool === undefined) throw new Error(`Tool "${call.name}" not found.`);
      const output = await tool.invoke({ ...call, type: "tool_call" }, toolConfigOf(config, call, state, this.tags));
      if ((isBaseMessage(output) && output.getType() === "tool") || isCommand(output)) return output as BaseMessage | Command;
      return new ToolMessage({
        status: "success",
        name: tool.name,
        content: typeof output === "string" ? output : JSON.stringify(output),
        tool_call_id: call.id ?? "",
      });
    } catch (error) {
      if (!this.handleToolErrors || isGraphInterrupt(error)) throw error;
      return new ToolMessage({
        status: "error",
        content: `Error: ${(error as Error).message}\n Please fix your mistakes.`,
        name: call.name,
        tool_call_id: call.id ?? "",
      });
    }
  }
}
// A ToolNode is a function: call(), apply() and bind() keep working on it.
Object.setPrototypeOf(ToolNode.prototype, Function.prototype);

function messagesOf(input: unknown): BaseMessage[] {
  if (Array.isArray(input) && input.every(isBaseMessage)) return input;
  const messages = (input as { messages?: unknown } | null)?.messages;
  if (typeof input === "object" && input !== null && Array.isArray(messages) && messages.every(isBaseMessage)) return messages;
  throw new Error("ToolNode only accepts BaseMessage[] or { messages: BaseMessage[] } as input.");
}

/**
 * The config a tool runs with: the node's, as LangChain's ToolRuntime (state, toolCallId, store,
 * context, writer) without the node's run id, which would name the tool's run after the node's.
 */
function toolConfigOf(config: Record<string, unknown>, call: ToolCall, state: unknown, tags: readonly string[] | undefined): Record<string, unknown> {
  const { runId: _runId, ...rest } = config;
  return {
    ...rest,
    ...(tags !== undefined ? { tags: [...((rest.tags as string[] | undefined) ?? []), ...tags] } : {}),
    state,
    toolCallId: call.id ?? "",
    config,
    context: config.context,
    store: config.store ?? null,
    writer: config.writer ?? null,
  };
}

/** All tool calls settle before the node ends (none is left running into the next step); every pause surfaces. */
function throwFirstFailure(settled: readonly PromiseSettledResult<unknown>[]): void {
  const failures = settled.filter((result): result is PromiseRejectedResult => result.status === "rejected").map((result) => result.reason as unknown);
  const interrupts: RaisedInterrupt[] = failures.filter(isGraphInterrupt).flatMap((error) => [...error.interrupts]);
  const other = failures.find((error) => !isGraphInterrupt(error));
  if (other !== undefined) throw other;
  if (interrupts.length > 0) throw new GraphInterrupt(interrupts);
}

/**
 * `{ messages }` (or the array), or LangGraph's list of updates and Commands when tools returned
 * Commands. One Command among messages is folded into one Command whose update carries the other
 * tools' messages in their place (what LangGraph's list applies to the state, as one update).
 */
function outputOf(outputs: readonly (BaseMessage | Command)[], asArray: boolean): ToolNodeOutput {
  const messages = outputs.filter((output): output is BaseMessage => !isCommand(output));
  if (messages.length === outputs.length) return asArray ? messages : { messages };
  const commands = outputs.filter(isCommand);
  if (!asArray && commands.length === 1) return asOneCommand(outputs, commands[0]!);
  const combined: ({ messages: BaseMessage[] } | BaseMessage[] | Command)[] = [];
  for (const output of outputs) {
    if (isCommand(output)) combined.push(output);
    else combined.push(asArray ? [output] : { messages: [output] });
  }
  return combined;
}

/** The outputs as one Command: the tools' messages in order, the Command's own messages at its place. */
function asOneCommand(outputs: readonly (BaseMessage | Command)[], command: Command): Command {
  const update = (command.update ?? {}) as Record<string, unknown>;
  const own = update["messages"] === undefined ? [] : Array.isArray(update["messages"]) ? update["messages"] : [update["messages"]];
  const messages = outputs.flatMap((output) => (output === command ? own : [output]));
  return new Command({
    update: { ...update, messages },
    ...(command.goto.length > 0 ? { goto: [...command.goto] } : {}),
    ...(command.graph !== undefined ? { graph: command.graph } : {}),
  });
}
