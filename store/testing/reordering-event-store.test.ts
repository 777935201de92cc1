import { describe, expect, it } from "vitest";
import { MemoryEventStore } from "../memory/memory-event-store.js";
import { ExpectedRevisionConflictError } from "../store-errors.js";
import { ReorderingEventStore } from "./reordering-event-store.js";

describe("ReorderingEventStore", () => {
  it("two concurrent writers expecting the same revision: the second caller wins (default order: reversed)", async () => {
    const inner = new MemoryEventStore();
    const store = new ReorderingEventStore(inner, { batchSize: 2 });
    const first = store.appendToStream("s", [{ type: "E", data: "first" }], { expectedRevision: "no_stream" }).catch((error: unknown) => error);
    const second = store.appendToStream("s", [{ type: "E", data: "second" }], { expectedRevision: "no_stream" });
    expect(await second).toMatchObject({ nextExpectedRevision: 0 });
    expect(await first).toBeInstanceOf(ExpectedRevisionConflictError);
    expect((await inner.readStream("s")).events.map((event) => event.data)).toEqual(["second"]);
    expect(store.batches).toEqual([[1, 0]]);
  });

  it("a given order decides which caller reaches the store first; a lone append is released after maxWaitMs", async () => {
    const inner = new MemoryEventStore();
    const store = new ReorderingEventStore(inner, { batchSize: 3, maxWaitMs: 20, order: (size) => (size === 3 ? [1, 2, 0] : [0]) });
    await Promise.all(["a", "b", "c"].map((data) => store.appendToStream("s", [{ type: "E", data }])));
    expect((await inner.readStream("s")).events.map((event) => event.data)).toEqual(["b", "c", "a"]);
    await store.appendToStream("s", [{ type: "E", data: "alone" }]);
    expect(store.batches).toEqual([[1, 2, 0], [0]]);
  });

  it("an order that is not a permutation is refused to every caller of the batch", async () => {
    const store = new ReorderingEventStore(new MemoryEventStore(), { batchSize: 2, order: () => [0, 0] });
    const results = await Promise.allSettled([store.appendToStream("s", [{ type: "E", data: 1 }]), store.appendToStream("s", [{ type: "E", data: 2 }])]);
    for (const result of results) {
      expect(result.status).toBe("rejected");
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(TypeError);
    }
    expect(() => new ReorderingEventStore(new MemoryEventStore(), { batchSize: 1 })).toThrow(/batchSize must be an integer >= 2/);
  });
});
