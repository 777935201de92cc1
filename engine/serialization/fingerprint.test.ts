import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fingerprint, inPlaceCheckBudget, watchForInPlaceChanges } from "./fingerprint.js";

/** The definition fingerprint() must keep: JSON with Maps, Sets and BigInts revealed. */
function reference(value: unknown): string {
  try {
    return (
      JSON.stringify(value, (_key, v: unknown) => {
        if (v instanceof Map) return { $map: [...v] };
        if (v instanceof Set) return { $set: [...v] };
        if (typeof v === "bigint") return `${v}n`;
        return v;
      }) ?? "undefined"
    );
  } catch {
    return "unfingerprintable";
  }
}

describe("fingerprint", () => {
  it("gives the replacer-based text for any value, with or without collections", () => {
    fc.assert(
      fc.property(fc.anything({ withMap: true, withSet: true, withBigInt: true, withDate: true, withNullPrototype: true }), (value) => {
        expect(fingerprint(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });

  it("changes when a node changes a nested Map, Set or array in place", () => {
    const state = { items: [1, 2], index: new Map([["a", new Set([1])]]) };
    const before = fingerprint(state);
    state.index.get("a")!.add(2);
    const afterSet = fingerprint(state);
    expect(afterSet).not.toBe(before);
    state.items.push(3);
    expect(fingerprint(state)).not.toBe(afterSet);
  });

  it("names a cycle instead of throwing", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic["self"] = cyclic;
    expect(fingerprint(cyclic)).toBe("unfingerprintable");
  });

  describe("watchForInPlaceChanges", () => {
    const big = () => ({
      items: Array.from({ length: inPlaceCheckBudget * 20 }, (_, i) => `item ${i}`),
      index: new Map<string, { n: number }>(Array.from({ length: inPlaceCheckBudget * 2 }, (_, i) => [`k${i}`, { n: i }])),
      nested: { deep: { list: [{ title: "a" }, { title: "b" }] } },
      rev: 7,
    });

    it("sees any in-place change of a state within the budget, as the fingerprint does", () => {
      fc.assert(
        fc.property(fc.array(fc.record({ a: fc.integer(), b: fc.array(fc.string(), { maxLength: 5 }) }), { maxLength: 20 }), fc.nat(), (rows, pick) => {
          const state = { rows };
          const changed = watchForInPlaceChanges(state);
          expect(changed()).toBe(false);
          if (rows.length === 0) state.rows.push({ a: 1, b: [] });
          else rows[pick % rows.length]!.b.push("x");
          expect(changed()).toBe(true);
        }),
      );
    });

    it("on a state past the budget, sees the usual mistakes: push, pop, new keys, changes at the ends and near the top", () => {
      const mistakes: ((state: ReturnType<typeof big>) => void)[] = [
        (state) => state.items.push("one more"),
        (state) => state.items.pop(),
        (state) => (state.items[0] = "changed"),
        (state) => (state.items[state.items.length - 1] = "changed"),
        (state) => state.index.set("new", { n: -1 }),
        (state) => state.index.delete("k0"),
        (state) => (state.index.get("k0")!.n = 99),
        (state) => (state.nested.deep.list[1]!.title = "changed"),
        (state) => ((state as Record<string, unknown>)["added"] = true),
        (state) => (state.rev = 8),
      ];
      for (const mistake of mistakes) {
        const state = big();
        const changed = watchForInPlaceChanges(state);
        expect(changed()).toBe(false);
        mistake(state);
        expect(changed()).toBe(true);
      }
    });

    it("costs the same on a state ten times larger (bounded, not proportional)", () => {
      const time = (length: number) => {
        const state = { items: Array.from({ length }, (_, i) => ({ id: i, text: `item ${i}` })) };
        const start = performance.now();
        for (let i = 0; i < 20; i++) watchForInPlaceChanges(state)();
        return performance.now() - start;
      };
      time(10_000);
      // Generous: a proportional check would take about 10x longer on the larger state.
      expect(time(200_000)).toBeLessThan(Math.max(5 * time(20_000), 50));
    });
  });
});
