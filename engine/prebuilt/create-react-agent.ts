import { SystemMessage, isAIMessage, isBaseMessage, isToolMessage, type BaseMessage } from "@langchain/core/messages";
import type { EventStore } from "../../store/event-store.js";
import { NotSupportedError } from "../errors/not-supported-error.js";
import { Annotation } from "../graph/annotation.js";
import { END, START } from "../graph/constants.js";
import type { NodeConfig } from "../graph/graph-spec.js";
import { messagesStateReducer, type Messages } from "../messages/messages-reducer.js";
import type { CompiledStateGraph, CompileOptions } from "../runtime/compiled-state-graph.js";
import { StateGraph } from "../runtime/state-graph.js";
import { ToolNode, type ToolLike } from "./tool-node.js";

/** The state of a {@link createReactAgent} agent: its messages and, with `responseFormat`, the structured response. */
export const ReactAgentAnnotation = Annotation.Root({
  messages: Annotation<BaseMessage[], Messages>({ reducer: messagesStateReducer, default: () => [] }),
  structuredResponse: Annotation<unknown>(),
});

/** A chat model the agent calls: `invoke(messages, config)`, and `bindTools(tools)` when it can call tools. */
export interface ChatModelLike {
  invoke(input: any, config?: any): Promise<BaseMessage>;
  bindTools?(tools: any[], kwargs?: any): ChatModelLike;
  withStructuredOutput?(schema: any, options?: any): { invoke(input: any, config?: any): Promise<unknown> };
}

/** What the agent puts before the model's input: a system prompt, a SystemMessage, or a function or Runnable of the state. */
export type ReactAgentPrompt =
  | string
  | SystemMessage
  | ((state: typeof ReactAgentAnnotation.State, config: NodeConfig) => BaseMessage[] | Promise<BaseMessage[]>)
  | { invoke(state: typeof ReactAgentAnnotation.State, config?: any): Promise<unknown> };

/** Options of {@link createReactAgent}, LangGraph's names. */
export interface CreateReactAgentParams {
  readonly llm: ChatModelLike;
  /** The tools (LangChain `tool()`s), or a ToolNode. */
  readonly tools: readonly ToolLike[] | ToolNode;
  readonly prompt?: ReactAgentPrompt;
  readonly checkpointer?: EventStore;
  readonly checkpointSaver?: EventStore;
  readonly store?: CompileOptions["store"];
  readonly interruptBefore?: readonly ("agent" | "tools" | (string & {}))[] | "*";
  readonly interruptAfter?: readonly ("agent" | "tools" | (string & {}))[] | "*";
  /** A schema (or `{ schema, prompt, ...options }`) for a final structured response by `withStructuredOutput`, in `structuredResponse`. */
  readonly responseFormat?: unknown;
  /** The agent's name: the graph's name and the `name` of each message the model writes. */
  readonly name?: string;
}

/**
 * LangGraph's prebuilt ReAct agent on replaygraph's StateGraph: an "agent" node calls the model
 * (with the tools bound, when it has `bindTools`) on the messages after the prompt, and while its
 * answer has tool calls a "tools" node (a {@link ToolNode}, whose tool calls are journaled) runs
 * them and returns to the agent. With `responseFormat`, a "generate_structured_response" node asks
 * the model for a structured answer at the end. Pause before the tools to review a call with
 * `interruptBefore: ["tools"]`.
 *
 * @example
 * const agent = createReactAgent({ llm, tools: [sendEmail], checkpointer: new MemorySaver(), interruptBefore: ["tools"] });
 * await agent.invoke({ messages: [new HumanMessage("Email Ada")] }, config);  // pauses before "tools"
 * await agent.invoke(null, config);                                            // approved: the tool runs
 */
export function createReactAgent(params: CreateReactAgentParams): CompiledStateGraph<typeof ReactAgentAnnotation.spec> {
  refuseUnsupported(params);
  const toolNode = params.tools instanceof ToolNode ? params.tools : new ToolNode(params.tools as readonly ToolLike[]);
  const tools = [...toolNode.tools];
  const model = typeof params.llm.bindTools === "function" ? params.llm.bindTools(tools) : params.llm;
  const returnDirect = new Set(tools.filter((tool) => (tool as { returnDirect?: boolean }).returnDirect === true).map((tool) => tool.name));
  const structured = params.responseFormat !== undefined;

  const callModel = async (state: typeof ReactAgentAnnotation.State, config: NodeConfig) => {
    const response = await model.invoke(await promptedInput(params.prompt, state, config), config);
    if (params.name !== undefined) {
      response.name = params.name;
      (response as unknown as { lc_kwargs: Record<string, unknown> }).lc_kwargs.name = params.name;
    }
    return { messages: [response] };
  };
  const afterAgent = (state: typeof ReactAgentAnnotation.State) => {
    const last = state.messages[state.messages.length - 1];
    if (last !== undefined && isAIMessage(last) && (last.tool_calls?.length ?? 0) > 0) return "tools";
    return structured ? "generate_structured_response" : END;
  };
  const afterTools = (state: typeof ReactAgentAnnotation.State) => {
    for (let index = state.messages.length - 1; index >= 0; index--) {
      const message = state.messages[index]!;
      if (!isToolMessage(message)) break;
      if (message.name !== undefined && returnDirect.has(message.name)) return END;
    }
    return "agent";
  };

  const graph = new StateGraph(ReactAgentAnnotation)
    .addNode("tools", toolNode)
    .addNode("agent", callModel)
    .addEdge(START, "agent")
    .addConditionalEdges("agent", afterAgent, structured ? ["tools", "generate_structured_response"] : ["tools", END]);
  if (returnDirect.size > 0) graph.addConditionalEdges("tools", afterTools, ["agent", END]);
  else graph.addEdge("tools", "agent");
  if (structured) {
    graph.addNode("generate_structured_response", (state: typeof ReactAgentAnnotation.State, config: NodeConfig) => structuredResponse(params, state, config));
    graph.addEdge("generate_structured_response", END);
  }
  const checkpointer = params.checkpointer ?? params.checkpointSaver;
  return graph.compile({
    ...(checkpointer !== undefined ? { checkpointer } : {}),
    ...(params.interruptBefore !== undefined ? { interruptBefore: params.interruptBefore } : {}),
    ...(params.interruptAfter !== undefined ? { interruptAfter: params.interruptAfter } : {}),
    ...(params.store !== undefined ? { store: params.store } : {}),
    ...(params.name !== undefined ? { name: params.name } : {}),
  });
}

const unsupported = [
  "stateSchema",
  "contextSchema",
  "preModelHook",
  "postModelHook",
  "stateModifier",
  "messageModifier",
  "includeAgentName",
  "version",
] as const;

/** An option of LangGraph's createReactAgent this one does not have is refused, not ignored. */
function refuseUnsupported(params: CreateReactAgentParams): void {
  const given = params as unknown as Record<string, unknown>;
  for (const option of unsupported) {
    if (given[option] !== undefined && !(option === "version" && given[option] === "v1")) {
      throw new NotSupportedError(
        `createReactAgent({ ${option} })`,
        "Build the graph with StateGraph, ToolNode and toolsCondition from replaygraph/prebuilt instead.",
      );
    }
  }
  if (typeof params.llm === "function") throw new NotSupportedError("createReactAgent with a function as llm", "Pass a chat model.");
}

/** The model's input: the messages after the prompt (a system prompt first, or what the prompt makes of the state). */
async function promptedInput(prompt: ReactAgentPrompt | undefined, state: typeof ReactAgentAnnotation.State, config: NodeConfig): Promise<unknown> {
  if (prompt === undefined) return state.messages;
  if (typeof prompt === "string") return [new SystemMessage(prompt), ...state.messages];
  if (isBaseMessage(prompt) && prompt.getType() === "system") return [prompt, ...state.messages];
  if (typeof prompt === "function") return prompt(state, config);
  if (typeof (prompt as { invoke?: unknown }).invoke === "function")
    return (prompt as { invoke: (state: unknown, config: unknown) => Promise<unknown> }).invoke(state, config);
  throw new TypeError(`createReactAgent: prompt must be a string, a SystemMessage, a function of the state or a Runnable; got ${typeof prompt}.`);
}

/** The "generate_structured_response" node: the model's answer in `responseFormat`'s shape. */
async function structuredResponse(params: CreateReactAgentParams, state: typeof ReactAgentAnnotation.State, config: NodeConfig) {
  if (typeof params.llm.withStructuredOutput !== "function")
    throw new TypeError("createReactAgent: responseFormat needs a chat model with withStructuredOutput().");
  const messages: BaseMessage[] = [...state.messages];
  const format = params.responseFormat as { schema?: unknown; prompt?: string } & Record<string, unknown>;
  let runnable;
  if (typeof format === "object" && format !== null && "schema" in format) {
    const { schema, prompt, ...options } = format;
    runnable = params.llm.withStructuredOutput(schema, options);
    if (prompt != null) messages.unshift(new SystemMessage({ content: prompt }));
  } else runnable = params.llm.withStructuredOutput(format);
  const response = await runnable.invoke(messages, config);
  if (response == null)
    throw new Error("Failed to parse structured response against the provided `responseFormat` schema: the structured-output parser returned null/undefined.");
  return { structuredResponse: response };
}
