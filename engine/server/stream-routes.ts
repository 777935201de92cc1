import type { Hono } from "hono";
import type { Engine } from "../service/create-engine.js";
import { eventFilterOf, type RunStreams } from "./run-streams.js";
import { sseTextOf } from "./sse-frame.js";
import { sseResponseOf } from "./sse-response.js";

/** What the join routes need. */
export interface StreamRoutesContext {
  readonly engine: Engine;
  readonly streams: RunStreams;
  readonly heartbeatMs: number | undefined;
  readonly cancelOnDisconnect: (threadId: string, runId: string) => () => void;
}

/**
 * `Last-Event-ID` as a run frame id: the frames after it are sent. Absent, `-1` or `-` (the
 * thread stream's "from the beginning") is -1: every frame of the run.
 */
function afterIdOf(header: string | undefined): number {
  if (header === undefined || header === "-" || header.trim() === "") return -1;
  const id = Number(header.slice(header.lastIndexOf(":") + 1));
  return Number.isInteger(id) && id >= -1 ? id : -1;
}

const truthy = (value: string | undefined) => value === "1" || value === "true";

/**
 * Joining streams: `GET /threads/{thread_id}/runs/{run_id}/stream` (a run's frames after
 * `Last-Event-ID`, from this process's log or the store, so a client that reconnects misses
 * nothing; `stream_mode` narrows the events, `cancel_on_disconnect=1` cancels the run when the
 * client goes away) and `GET /threads/{thread_id}/stream` (every run of the thread in turn, ids
 * `<run_id>:<frame id>`, open until the client leaves).
 */
export function addStreamRoutes(app: Hono, context: StreamRoutesContext): void {
  const { engine, streams } = context;
  const heartbeat = context.heartbeatMs !== undefined ? { heartbeatMs: context.heartbeatMs } : {};

  app.get("/threads/:thread_id/runs/:run_id/stream", async (c) => {
    const { thread_id: threadId, run_id: runId } = c.req.param();
    await engine.runs.get(threadId, runId);
    const afterId = afterIdOf(c.req.header("last-event-id"));
    const keep = eventFilterOf(c.req.queries("stream_mode"));
    const path = `/threads/${threadId}/runs/${runId}`;
    return sseResponseOf(
      async function* (signal) {
        for await (const frame of streams.runFrames(threadId, runId, afterId, signal)) if (!keep || keep(frame.event)) yield sseTextOf(frame, String(frame.id));
      },
      {
        ...heartbeat,
        headers: { "content-location": path, location: `${path}/stream` },
        requestSignal: c.req.raw.signal,
        ...(truthy(c.req.query("cancel_on_disconnect")) ? { onDisconnect: context.cancelOnDisconnect(threadId, runId) } : {}),
      },
    );
  });

  app.get("/threads/:thread_id/stream", async (c) => {
    const threadId = c.req.param("thread_id");
    await engine.threads.get(threadId);
    const lastEventId = c.req.header("last-event-id");
    return sseResponseOf(
      async function* (signal) {
        for await (const { idText, frame } of streams.threadFrames(threadId, lastEventId, signal)) yield sseTextOf(frame, idText);
      },
      { ...heartbeat, headers: { location: `/threads/${threadId}/stream` }, requestSignal: c.req.raw.signal },
    );
  });
}
