import type { RunChunk } from "../service/run-broadcaster.js";

/** Options of {@link sseResponseOf}. */
export interface SseOptions {
  /** Milliseconds between `: heartbeat` comments while the run is quiet. Default 5 s (the official server's rhythm). */
  readonly heartbeatMs?: number;
  /** Extra response headers (`Content-Location`, `Location`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A `text/event-stream` response of a run's chunks, framed as LangGraph's Agent Server frames
 * them: `event:`, `data:` (JSON), `id:` increasing from 0 with the `metadata` chunk first. A quiet
 * stream gets `: heartbeat` comments, which the SDK's idle watchdog waits for. The stream ends
 * when the run ends; a client that goes away stops the reading, not the run.
 */
export function sseResponseOf(chunks: AsyncIterableIterator<RunChunk>, options: SseOptions = {}): Response {
  const encoder = new TextEncoder();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          // the client went away; the run goes on
        }
      };
      heartbeat = setInterval(() => send(": heartbeat\n\n"), options.heartbeatMs ?? 5000);
      let id = 0;
      try {
        for await (const chunk of chunks) send(`event: ${chunk.event}\ndata: ${JSON.stringify(chunk.data ?? null)}\nid: ${id++}\n\n`);
      } catch {
        send(`event: error\ndata: ${JSON.stringify({ error: "Error", message: "the run's stream failed" })}\nid: ${id++}\n\n`);
      } finally {
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          // already closed by a disconnect
        }
      }
    },
    cancel() {
      clearInterval(heartbeat);
      void chunks.return?.();
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive", ...options.headers },
  });
}
