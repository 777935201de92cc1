import { Annotation, Command, END, INTERRUPT, START, StateGraph, interrupt } from "replaygraph";
import type { CompiledStateGraph, EventStore } from "replaygraph";

/** The arguments of the `sendEmail` tool. */
export interface EmailArgs {
  readonly to: string;
  readonly subject: string;
}

/** A tool call as a model would emit it. */
export type ToolCall =
  { readonly name: "lookupAddress"; readonly args: { readonly person: string } } | { readonly name: "sendEmail"; readonly args: EmailArgs };

/** What the human sees before a guarded tool runs; the answer is the (possibly edited) args. */
export interface ToolApprovalRequest {
  readonly tool: string;
  readonly args: EmailArgs;
}

/** The world the tools act on, and how often each piece of code ran. */
export interface ToolWorld {
  readonly outbox: EmailArgs[];
  readonly counts: { toolNode: number; lookupAddress: number; approvalAsked: number };
}

/** A world with an empty outbox and zero counts. */
export function createToolWorld(): ToolWorld {
  return { outbox: [], counts: { toolNode: 0, lookupAddress: 0, approvalAsked: 0 } };
}

const ToolState = Annotation.Root({
  toolCalls: Annotation<ToolCall[]>(),
  results: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});

/** What one playthrough of the scenario saw. */
export interface ToolOutcome {
  readonly graph: CompiledStateGraph<typeof ToolState.spec>;
  readonly payloads: readonly unknown[];
  readonly final: typeof ToolState.State;
  readonly world: ToolWorld;
}

// The interrupt sits four calls below the node: toolNode → executeToolCalls → runTool → sendEmail.
function approveToolCall(tool: string, args: EmailArgs, world: ToolWorld): EmailArgs {
  world.counts.approvalAsked++;
  return interrupt<ToolApprovalRequest, EmailArgs>({ tool, args });
}

function sendEmail(args: EmailArgs, world: ToolWorld): string {
  const approved = approveToolCall("sendEmail", args, world);
  world.outbox.push(approved);
  return `sent '${approved.subject}' to ${approved.to}`;
}

function lookupAddress(person: string, world: ToolWorld): string {
  world.counts.lookupAddress++;
  return `${person.toLowerCase()}@example.com`;
}

function runTool(call: ToolCall, world: ToolWorld): string {
  switch (call.name) {
    case "lookupAddress":
      return lookupAddress(call.args.person, world);
    case "sendEmail":
      return sendEmail(call.args, world);
  }
}

function executeToolCalls(calls: readonly ToolCall[], world: ToolWorld): string[] {
  return calls.map((call) => `${call.name}: ${runTool(call, world)}`);
}

/**
 * Seed 003, "interrupts in tools": a tool node executes the model's tool calls; the `sendEmail`
 * tool itself asks a human to approve or edit its arguments before it sends.
 */
export function buildInterruptInToolGraph(store: EventStore, world: ToolWorld = createToolWorld()) {
  return new StateGraph(ToolState)
    .addNode("tools", (state) => {
      world.counts.toolNode++;
      return { results: executeToolCalls(state.toolCalls, world) };
    })
    .addEdge(START, "tools")
    .addEdge("tools", END)
    .compile({ checkpointer: store });
}

/** Runs `toolCalls` on a new thread and answers the tool's approval with `edited` args. */
export async function runInterruptInTool(store: EventStore, threadId: string, toolCalls: ToolCall[], edited: EmailArgs): Promise<ToolOutcome> {
  const world = createToolWorld();
  const graph = buildInterruptInToolGraph(store, world);
  const config = { configurable: { thread_id: threadId } };
  const paused = await graph.invoke({ toolCalls }, config);
  const payloads = (paused[INTERRUPT] ?? []).map((pending) => pending.value);
  const final = await graph.invoke(new Command({ resume: edited }), config);
  return { graph, payloads, final, world };
}
