import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { copyPlainJson, isPlainJson } from "./plain-json.js";

/** Whether `value` holds an object with an own `__proto__` key (fast-check's JSON values can). */
function hasProtoKey(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (!Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, "__proto__")) return true;
  return Object.values(value).some(hasProtoKey);
}

describe("copyPlainJson", () => {
  it("copies any JSON value exactly as a JSON round trip does, sharing no object with it", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = copyPlainJson(value);
        const plain = isPlainJson(value);
        // -0 is JSON but does not survive the round trip: both refuse it. A copy cannot hold an
        // own "__proto__" key (assigning it sets the prototype), so copyPlainJson refuses that too.
        expect(copy === undefined).toBe(!plain || hasProtoKey(value));
        if (copy === undefined) return;
        expect(copy).toStrictEqual(JSON.parse(JSON.stringify(value)));
        if (typeof value === "object" && value !== null) expect(copy).not.toBe(value);
      }),
    );
  });

  it("refuses an own __proto__ key at any depth, which isPlainJson accepts", () => {
    const value = JSON.parse('{"a": [{"__proto__": {"x": 1}}]}') as unknown;
    expect(isPlainJson(value)).toBe(true);
    expect(copyPlainJson(value)).toBeUndefined();
  });

  it("refuses what a JSON round trip would change, so the caller takes the slow path", () => {
    for (const value of [undefined, Number.NaN, Infinity, -0, new Date(0), new Map(), [1, undefined], { a: () => 1 }, { nested: { big: 1n } }]) {
      expect(copyPlainJson(value)).toBeUndefined();
      expect(isPlainJson(value)).toBe(false);
    }
    expect(copyPlainJson(JSON.parse('{"__proto__": {"polluted": true}}'))).toBeUndefined();
  });

  it("a change to the copy leaves the original as it was", () => {
    const original = { items: [{ id: 1 }], meta: { tags: ["a"] } };
    const copy = copyPlainJson(original)!;
    copy.items[0]!.id = 2;
    copy.meta.tags.push("b");
    expect(original).toEqual({ items: [{ id: 1 }], meta: { tags: ["a"] } });
  });
});
