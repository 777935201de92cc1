import { ReplayGraphError } from "./replaygraph-error.js";

/** A request field the server accepts in LangGraph's API but does not act on yet. */
export class UnsupportedRequestError extends ReplayGraphError {
  readonly code = "UNSUPPORTED_REQUEST";

  constructor(field: string, instead: string) {
    super(`'${field}' is not supported by replaygraph serve yet. ${instead}`);
  }
}

/** A request while the server is shutting down (SIGTERM): it takes no new runs. */
export class ServerShuttingDownError extends ReplayGraphError {
  readonly code = "SERVER_SHUTTING_DOWN";

  constructor() {
    super("The server is shutting down and takes no new runs; retry against another instance or after it restarts.");
  }
}

/** `serve()` on a non-loopback host without an API key. */
export class ApiKeyRequiredError extends ReplayGraphError {
  readonly code = "API_KEY_REQUIRED";

  constructor(host: string) {
    super(
      `Serving on '${host}' (not loopback) needs authentication: set REPLAYGRAPH_API_KEY (clients send it as 'x-api-key' or ` +
        `'Authorization: Bearer <key>'), or name a custom Auth module in langgraph.json ("auth": { "path": "./auth.ts:auth" }), ` +
        `or pass allowUnauthenticated: true (--no-auth) if something in front of it authenticates.`,
    );
  }
}
