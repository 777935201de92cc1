/**
 * replaygraph/prebuilt: LangGraph's prebuilt agent parts (ToolNode, toolsCondition,
 * createReactAgent) on replaygraph, with every tool call journaled in the thread.
 * Needs `@langchain/core`.
 */
export { ToolNode, type ToolLike, type ToolNodeOptions, type ToolNodeOutput } from "./tool-node.js";
export { toolsCondition } from "./tools-condition.js";
export {
  createReactAgent,
  ReactAgentAnnotation,
  ReactAgentAnnotation as createReactAgentAnnotation,
  type ChatModelLike,
  type CreateReactAgentParams,
  type ReactAgentPrompt,
} from "./create-react-agent.js";
export { ToolExecutor, createAgentExecutor, createFunctionCallingExecutor, withAgentName } from "./prebuilt-stubs.js";
