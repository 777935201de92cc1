// replaygraph/server: LangGraph's Agent Server API over the engine.
export { serve, type RunningServer, type ServeOptions } from "./serve.js";
export { createServerApp, type CorsOptions, type ServerAppOptions } from "./create-server-app.js";
export { systemAssistantIdOf } from "./system-assistant-id.js";
export { readLangGraphConfig, type LangGraphConfig } from "./read-langgraph-config.js";
export { ApiKeyRequiredError, ServerShuttingDownError, UnsupportedRequestError } from "../errors/server-errors.js";
export {
  AssistantAlreadyExistsError,
  AssistantNotFoundError,
  AssistantVersionNotFoundError,
  AuthForbiddenError,
  AuthHandlerResultError,
  AuthModuleError,
  AuthRejectedError,
  RunDeletedError,
  RunStillActiveError,
  ThreadHiddenError,
} from "../errors/resource-errors.js";
export { customAuthOf, loadCustomAuth, type AuthContext, type AuthUser, type CustomAuth } from "./custom-auth.js";
