import { createHash } from "node:crypto";
import { SuperJSON, type SuperJSONResult } from "superjson";
import { encodeWithLangChain } from "./langchain/encode-with-langchain.js";
import { isStorableLangChainObject, toLangChainJson, type LangChainConstructorForm } from "./langchain/langchain-object.js";
import { reviveLangChainJson } from "./langchain/revive-langchain-json.js";
import { isPlainJson } from "./plain-json.js";

/**
 * superjson with one custom type, `lc`: a LangChain object (a message, a document, a prompt value)
 * is stored in LangChain's own constructor form (`toJSON()`, `{ lc: 1, type: "constructor", id,
 * kwargs }`) and read back as the same class (see reviveLangChainJson). superjson's `meta` marks
 * where one sits (`["custom", "lc"]`), so a plain object that happens to have an `lc` key stays
 * plain, and `@langchain/core` is loaded only for data that has such a mark.
 */
const serializer = new SuperJSON();
serializer.registerCustom<object, LangChainConstructorForm & { [key: string]: never }>(
  {
    isApplicable: (value): value is object => isStorableLangChainObject(value),
    serialize: (value) => toLangChainJson(value) as LangChainConstructorForm & { [key: string]: never },
    deserialize: (json) => reviveLangChainJson(json) as object,
  },
  "lc",
);

/**
 * Encodes event bodies and metadata for storage. superjson keeps Dates, Maps, Sets, BigInts,
 * RegExps, undefined and Errors through a round trip, and LangChain objects in LangChain's own
 * form; its parser refuses `__proto__` paths, so stored data cannot pollute prototypes.
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
    if (isPlainJson(value)) return JSON.stringify({ json: value });
    // Plain data with LangChain messages in it: superjson's text, written in one walk.
    return encodeWithLangChain(value) ?? serializer.stringify(value);
  },
  /** superjson's own encoding of a value, without the fast paths (what they must equal). */
  stringifyBySuperjson(value: unknown): string {
    return serializer.stringify(value);
  },
  /** superjson's `{ json, meta }` form of a value (meta absent for plain JSON). */
  serialize(value: unknown): SuperJSONResult {
    return isPlainJson(value) ? { json: value as SuperJSONResult["json"] } : serializer.serialize(value);
  },
  /** Decodes a string made by {@link eventSerializer.stringify}. Throws on malformed input. */
  parse(text: string): unknown {
    return eventSerializer.fromParsedJson(JSON.parse(text));
  },
  /** Decodes what JSON.parse made of a string {@link eventSerializer.stringify} wrote (a row holding several encoded values is parsed once). */
  fromParsedJson(parsed: unknown): unknown {
    const wrapper = parsed as { json?: unknown; meta?: unknown } | null;
    if (wrapper !== null && typeof wrapper === "object" && wrapper.meta === undefined && "json" in wrapper) return wrapper.json;
    return serializer.deserialize(wrapper as SuperJSONResult);
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
