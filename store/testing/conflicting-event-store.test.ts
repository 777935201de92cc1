import { describe, expect, it } from "vitest";
import { MemoryEventStore } from "../memory/memory-event-store.js";
import { ExpectedRevisionConflictError } from "../store-errors.js";
import { ConflictingEventStore } from "./conflicting-event-store.js";

describe("ConflictingEventStore", () => {
  it("refuses the chosen appends with a conflict naming the real revision, and stores nothing of them", async () => {
    const inner = new MemoryEventStore();
    const store = new ConflictingEventStore(inner, { conflictOn: (call) => call.index % 2 === 0 });
    await store.appendToStream("s", [{ type: "E", data: 1 }], { expectedRevision: "no_stream" });
    const refused = await store.appendToStream("s", [{ type: "E", data: 2 }], { expectedRevision: 0 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ExpectedRevisionConflictError);
    expect(refused).toMatchObject({ stream: "s", expectedRevision: 0, actualRevision: 0 });
    // The same append again (the 3rd call) goes through: a writer that reloads and retries succeeds.
    await store.appendToStream("s", [{ type: "E", data: 2 }], { expectedRevision: 0 });
    expect((await inner.readStream("s")).events.map((event) => event.data)).toEqual([1, 2]);
    expect(store.conflicts.map((call) => call.index)).toEqual([2]);
  });

  it("on a stream that does not exist it reports actual revision -1", async () => {
    const store = new ConflictingEventStore(new MemoryEventStore(), { conflictOn: 1 });
    await expect(store.appendToStream("new", [{ type: "E", data: 1 }], { expectedRevision: "no_stream" })).rejects.toMatchObject({ actualRevision: -1 });
  });
});
