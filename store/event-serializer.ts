import { createHash } from "node:crypto";
import superjson from "superjson";

/**
 * Encodes event bodies and metadata for storage. superjson keeps Dates, Maps, Sets, BigInts,
 * RegExps, undefined and Errors through a round trip; its parser refuses `__proto__` paths, so
 * stored data cannot pollute prototypes.
 */
export const eventSerializer = {
  /** Encodes a value as a string. */
  stringify(value: unknown): string {
    return superjson.stringify(value);
  },
  /** Decodes a string made by {@link eventSerializer.stringify}. Throws on malformed input. */
  parse(text: string): unknown {
    return superjson.parse(text);
  },
};

/**
 * A deterministic UUID (version 5 layout) for the `index`-th event of an append to `stream` at
 * `expectedRevision` with these bytes: a retried append of the same events gets the same ids, and
 * a different writer's append at the same revision gets different ones.
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
