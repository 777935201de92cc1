import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { copyStorable } from "../../engine/serialization/copy-storable.js";
import { eventSerializer } from "../event-serializer.js";
import { fieldsOf, langChainSamples, lossyInLangChain } from "../testing/langchain-samples.js";
import { encodeWithLangChain } from "./encode-with-langchain.js";

const sampleNames = Object.keys(langChainSamples()).filter((name) => !lossyInLangChain.has(name));

/** Plain data with LangChain objects (each one new, so none is met twice) and undefined in it; keys with dots and backslashes. */
const eventLike = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.constantFrom(...sampleNames).map((name) => langChainSamples()[name]!),
  ),
  node: fc.oneof(
    { depthSize: "small" },
    tie("leaf"),
    fc.array(tie("node"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string(), fc.constantFrom("a.b", "c\\d", "0", "12", "x.y\\.z")), tie("node"), { maxKeys: 4 }),
  ),
})).node;

describe("encodeWithLangChain", () => {
  it("writes superjson's text byte for byte, or leaves the value to superjson", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), eventLike, { maxKeys: 4 }), (value) => {
        const ours = encodeWithLangChain(value);
        if (ours !== undefined) expect(ours).toBe(eventSerializer.stringifyBySuperjson(value));
      }),
      { numRuns: 400 },
    );
  });

  it("takes the usual event with messages in it, and gives up on an object met twice", () => {
    const [message] = [langChainSamples()["ai"] ?? Object.values(langChainSamples())[0]!];
    expect(encodeWithLangChain({ writes: [{ channel: "messages", value: [message], note: undefined }] })).toBe(
      eventSerializer.stringifyBySuperjson({ writes: [{ channel: "messages", value: [message], note: undefined }] }),
    );
    const twice = { a: [message], b: [message] };
    expect(encodeWithLangChain(twice)).toBeUndefined();
    expect(eventSerializer.stringify(twice)).toBe(eventSerializer.stringifyBySuperjson(twice));
  });
});

describe("copyStorable", () => {
  it("copies as the store's round trip reads back: same classes, fields and text", () => {
    fc.assert(
      fc.property(eventLike, (value) => {
        const copy = copyStorable(value);
        if (copy === undefined) return;
        const back = eventSerializer.parse(eventSerializer.stringifyBySuperjson(value));
        expect(eventSerializer.stringifyBySuperjson(copy)).toBe(eventSerializer.stringifyBySuperjson(back));
        expect(shapeOf(copy)).toEqual(shapeOf(back));
      }),
      { numRuns: 400 },
    );
  });
});

/** Classes and fields, all the way down. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value !== "object" || value === null) return value;
  if (Object.getPrototypeOf(value) !== Object.prototype) return { class: value.constructor.name, fields: fieldsOf(value) };
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shapeOf(item)]));
}
