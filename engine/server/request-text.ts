import type { IncomingMessage } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

const texts = new WeakMap<object, Promise<string>>();

/** Node's request under `@hono/node-server`, when its body is framed by `content-length` (so its size is known and checked). */
function framedIncoming(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || typeof incoming.on !== "function") return undefined;
  // Already being read (through the web Request, e.g. by a custom auth handler): not ours to read.
  if (incoming.readableFlowing !== null || incoming.readableEnded) return undefined;
  return incoming.headers["content-length"] !== undefined && incoming.headers["transfer-encoding"] === undefined ? incoming : undefined;
}

/**
 * The request's body as text, read once per request (later calls get the same promise). A body
 * framed by `content-length` under `@hono/node-server` is read straight from Node's request
 * stream, not through a web `Request` (which costs an AbortController and a web stream per
 * request); any other (chunked, or an `app.fetch` in tests) through Hono.
 */
export function requestText(c: Context): Promise<string> {
  const ours = (c.env as { incoming?: object } | undefined)?.incoming;
  const read = ours ? texts.get(ours) : undefined;
  if (read) return read;
  const incoming = framedIncoming(c);
  const key: object = incoming ?? c.req.raw;
  let text = texts.get(key);
  if (!text) {
    text = incoming ? readIncoming(incoming) : c.req.text();
    texts.set(key, text);
  }
  return text;
}

/**
 * Refuses a body larger than `maxBytes` with `onError`: by its `content-length` header when it has
 * one (without touching the body), else as Hono's `bodyLimit` does (counting what it reads).
 * Requests without a body pass.
 */
export function requestSizeLimit(maxBytes: number, onError: Parameters<typeof bodyLimit>[0]["onError"]): MiddlewareHandler {
  const counting = bodyLimit({ maxSize: maxBytes, ...(onError ? { onError } : {}) });
  return async (c, next) => {
    // Node's parsed headers when served by @hono/node-server: c.req.header() would first build a web Headers of them all.
    const headers = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.headers;
    const length = headers ? headers["content-length"] : c.req.header("content-length");
    const chunked = headers ? headers["transfer-encoding"] !== undefined : c.req.header("transfer-encoding") !== undefined;
    if (length !== undefined && !chunked) return Number(length) > maxBytes ? onError!(c) : next();
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") return next();
    return counting(c, next);
  };
}

function readIncoming(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.once("end", () => resolve(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8")));
    incoming.once("error", reject);
  });
}
