import { createHash } from "node:crypto";
import superjson from "superjson";
import { isPlainJson } from "./plain-json.js";

/**
 * Encodes event bodies and metadata for storage. superjson keeps Dates, Maps, Sets, BigInts,
 * RegExps, undefined and Errors through a round trip; its parser refuses `__proto__` paths, so
 * stored data cannot pollute prototypes.
 *
 * Most events are plain JSON, and superjson's generic walk dominated the cost of an append, so
 * plain JSON takes a fast path that writes superjson's own format (`{"json": ...}` with no
 * `meta`): either side reads what the other wrote.
 */
export const eventSerializer = {
  /** Encodes a value as a string. */
  stringify(value: unknown): string {
    // One JSON.stringify of the wrapper, not a concatenation: the same text, made as one flat
    // string (a concatenated one keeps its pieces, which a store that keeps strings pays for).
    return isPlainJson(value) ? JSON.stringify({ json: value }) : superjson.stringify(value);
  },
  /** Decodes a string made by {@link eventSerializer.stringify}. Throws on malformed input. */
  parse(text: string): unknown {
    return eventSerializer.fromParsedJson(JSON.parse(text));
  },
  /** Decodes what JSON.parse made of a string {@link eventSerializer.stringify} wrote (a row holding several encoded values is parsed once). */
  fromParsedJson(parsed: unknown): unknown {
    const wrapper = parsed as { json?: unknown; meta?: unknown } | null;
    if (wrapper !== null && typeof wrapper === "object" && wrapper.meta === undefined && "json" in wrapper) return wrapper.json;
    return superjson.deserialize(wrapper as Parameters<typeof superjson.deserialize>[0]);
  },
};

/**
 * A deterministic UUID (version 5 layout) for the event at `position` of `stream` with these
 * bytes: a retried append of the same events gets the same ids, and a different writer's append at
 * the same revision gets different ones. EventStoreDB dedupes retries by these ids.
 */
export function deterministicEventId(stream: string, position: number, type: string, bytes: string): string {
  const hex = createHash("sha1").update(`${stream}\u0000${position}\u0000${type}\u0000${bytes}`).digest("hex");
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    ((Number.parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16) + hex.slice(18, 20),
    hex.slice(20, 32),
  ].join("-");
}
