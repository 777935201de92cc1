import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ZodError } from "zod";

/** An HTTP status and the `{ detail }` body LangGraph's Agent Server answers an error with. */
export interface HttpError {
  readonly status: ContentfulStatusCode;
  readonly detail: string;
}

const statusByCode: Readonly<Record<string, HttpError["status"]>> = {
  THREAD_NOT_FOUND: 404,
  THREAD_HIDDEN: 404,
  RUN_DELETED: 404,
  UNKNOWN_THREAD: 404,
  RUN_NOT_FOUND: 404,
  UNKNOWN_GRAPH: 404,
  UNKNOWN_CHECKPOINT: 404,
  THREAD_BUSY: 409,
  THREAD_ALREADY_EXISTS: 409,
  EXPECTED_REVISION_CONFLICT: 409,
  ASSISTANT_NOT_FOUND: 404,
  ASSISTANT_VERSION_NOT_FOUND: 404,
  ASSISTANT_ALREADY_EXISTS: 409,
  RUN_STILL_ACTIVE: 409,
  AUTH_FORBIDDEN: 403,
};

/**
 * Translates what a handler threw into the official server's answer: 404 for an unknown thread,
 * run, assistant or checkpoint, 409 for a busy thread under `reject` or an existing thread, 422 for
 * a body that fails its schema or a request the engine refuses by name, 500 for anything else.
 * A 500 never carries the error's message or stack (they are logged by the caller).
 */
export function httpErrorOf(error: unknown): HttpError {
  if (error instanceof ZodError) {
    return { status: 422, detail: error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; ") };
  }
  if (error instanceof SyntaxError) return { status: 422, detail: `The request body is not valid JSON: ${error.message}` };
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  // An auth handler's HTTPException (usually 401 from authenticate) keeps its status and message.
  if (code === "AUTH_REJECTED") return { status: (error as unknown as { status: ContentfulStatusCode }).status, detail: (error as Error).message };
  if (code === "AUTH_HANDLER_RESULT") return { status: 500, detail: "Internal server error" };
  if (typeof code === "string" && /^[A-Z][A-Z0-9_]*$/.test(code)) return { status: statusByCode[code] ?? 422, detail: (error as Error).message };
  return { status: 500, detail: "Internal server error" };
}
