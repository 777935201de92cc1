import { ReplayGraphError } from "./replaygraph-error.js";

/** An assistant id (or graph id) the server has no assistant for, or one the caller may not see. */
export class AssistantNotFoundError extends ReplayGraphError {
  readonly code = "ASSISTANT_NOT_FOUND";

  constructor(assistantId: string) {
    super(`Assistant '${assistantId}' not found. List the assistants with POST /assistants/search (client.assistants.search()).`);
  }
}

/** `POST /assistants` with an id that already has an assistant and `if_exists: "raise"`. */
export class AssistantAlreadyExistsError extends ReplayGraphError {
  readonly code = "ASSISTANT_ALREADY_EXISTS";

  constructor(assistantId: string) {
    super(`Assistant '${assistantId}' already exists. Pass if_exists: "do_nothing" to get it as it is, or omit assistant_id for a new one.`);
  }
}

/** `POST /assistants/{id}/latest` with a version the assistant does not have. */
export class AssistantVersionNotFoundError extends ReplayGraphError {
  readonly code = "ASSISTANT_VERSION_NOT_FOUND";

  constructor(assistantId: string, version: number) {
    super(`Assistant '${assistantId}' has no version ${version}. List its versions with POST /assistants/${assistantId}/versions.`);
  }
}

/** A thread request naming a thread that was deleted, or one the caller's auth filters do not match (404, as the Agent Server answers). */
export class ThreadHiddenError extends ReplayGraphError {
  readonly code = "THREAD_HIDDEN";

  constructor(threadId: string) {
    super(`Thread '${threadId}' not found. Create it with POST /threads, or search your threads with POST /threads/search.`);
  }
}

/** A run that was deleted (`DELETE /threads/{thread_id}/runs/{run_id}`). */
export class RunDeletedError extends ReplayGraphError {
  readonly code = "RUN_DELETED";

  constructor(threadId: string, runId: string) {
    super(`Run '${runId}' of thread '${threadId}' not found (it was deleted). List the thread's runs with GET /threads/${threadId}/runs.`);
  }
}

/** `DELETE` of a run that is still pending or running. */
export class RunStillActiveError extends ReplayGraphError {
  readonly code = "RUN_STILL_ACTIVE";

  constructor(threadId: string, runId: string) {
    super(
      `Run '${runId}' of thread '${threadId}' is still pending or running; cancel it first (POST /threads/${threadId}/runs/${runId}/cancel?wait=1), then delete it.`,
    );
  }
}

/** An `on` handler of the custom auth returned `false` for a request (403). */
export class AuthForbiddenError extends ReplayGraphError {
  readonly code = "AUTH_FORBIDDEN";

  constructor(event: string) {
    super(`Forbidden: the auth handler for '${event}' refused this request.`);
  }
}

/** A request without credentials the custom auth's `authenticate` accepts, or an `HTTPException` a handler threw. */
export class AuthRejectedError extends ReplayGraphError {
  readonly code = "AUTH_REJECTED";
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, message: string, headers: Readonly<Record<string, string>> = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

/** `langgraph.json`'s `auth.path` does not name an `Auth` instance of `@langchain/langgraph-sdk/auth` (found at startup). */
export class AuthModuleError extends ReplayGraphError {
  readonly code = "AUTH_MODULE_INVALID";

  constructor(path: string, problem: string) {
    super(
      `The auth module '${path}' (langgraph.json auth.path) cannot be used: ${problem}. Export an Auth from "@langchain/langgraph-sdk/auth", ` +
        `e.g. export const auth = new Auth().authenticate(...), and name it as "./auth.ts:auth".`,
    );
  }
}

/** An `on` handler returned something other than a filter object, a boolean, null or undefined. */
export class AuthHandlerResultError extends ReplayGraphError {
  readonly code = "AUTH_HANDLER_RESULT";

  constructor(event: string, got: string) {
    super(
      `The auth handler for '${event}' returned ${got}; return a filter object (e.g. { owner: user.identity }), true/undefined to allow, or false to refuse.`,
    );
  }
}
