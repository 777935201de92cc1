import { notSupported, type NotSupported } from "../compat/not-supported.js";

// The rest of @langchain/langgraph/prebuilt 1.7.3: deprecated there, not built here. Each imports
// fine and throws NotSupportedError, saying what to use instead, when used.

const agent = "Use createReactAgent, or a StateGraph with ToolNode and toolsCondition, from replaygraph/prebuilt.";

/** Not supported (deprecated in LangGraph): {@link agent}. */
export const ToolExecutor: NotSupported = notSupported("ToolExecutor", "Use ToolNode from replaygraph/prebuilt.");
/** Not supported (deprecated in LangGraph): {@link agent}. */
export const createAgentExecutor: NotSupported = notSupported("createAgentExecutor", agent);
/** Not supported (deprecated in LangGraph): {@link agent}. */
export const createFunctionCallingExecutor: NotSupported = notSupported("createFunctionCallingExecutor", agent);
/** Not supported: agent names inlined into the model's messages (`includeAgentName: "inline"`). */
export const withAgentName: NotSupported = notSupported("withAgentName", "createReactAgent({ name }) names the model's messages.");
