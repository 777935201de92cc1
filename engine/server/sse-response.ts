/** Options of {@link sseResponseOf}. */
export interface SseOptions {
  /** Milliseconds between `: heartbeat` comments while the stream is quiet. Default 5 s (the official server's rhythm). */
  readonly heartbeatMs?: number;
  /** Extra response headers (`Content-Location`, `Location`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Called when the client goes away before the stream ended (`on_disconnect: "cancel"` cancels the run here). */
  readonly onDisconnect?: () => void;
  /** The request's signal: it aborts when the client's connection closes. */
  readonly requestSignal?: AbortSignal;
}

/**
 * A `text/event-stream` response of SSE frames (already as text, `event:`/`data:`/`id:`), which
 * `frames` produces until it ends or `signal` aborts (the client went away). A quiet stream gets
 * `: heartbeat` comments, which the SDK's idle watchdog waits for.
 */
export function sseResponseOf(frames: (signal: AbortSignal) => AsyncIterable<string>, options: SseOptions = {}): Response {
  const encoder = new TextEncoder();
  const controller = new AbortController();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let ended = false;
  const disconnected = () => {
    clearInterval(heartbeat);
    if (!ended) options.onDisconnect?.();
    ended = true;
    controller.abort();
  };
  options.requestSignal?.addEventListener("abort", disconnected, { once: true });
  const body = new ReadableStream<Uint8Array>({
    async start(stream) {
      const send = (text: string) => {
        try {
          stream.enqueue(encoder.encode(text));
        } catch {
          // the client went away
        }
      };
      heartbeat = setInterval(() => send(": heartbeat\n\n"), options.heartbeatMs ?? 5000);
      try {
        for await (const text of frames(controller.signal)) send(text);
      } catch {
        send(`event: error\ndata: ${JSON.stringify({ error: "Error", message: "the run's stream failed" })}\n\n`);
      } finally {
        ended = true;
        options.requestSignal?.removeEventListener("abort", disconnected);
        clearInterval(heartbeat);
        try {
          stream.close();
        } catch {
          // already closed by a disconnect
        }
      }
    },
    cancel: disconnected,
  });
  // `transfer-encoding: chunked` tells @hono/node-server the length is unknown: it sends the headers
  // and each frame as it comes instead of first waiting a timer tick for a second chunk.
  return new Response(body, {
    headers: { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive", "transfer-encoding": "chunked", ...options.headers },
  });
}
