import { describe, expect, it } from "vitest";
import { MemoryEventStore } from "../memory/memory-event-store.js";
import { DelayingEventStore } from "./delaying-event-store.js";

const event = { type: "E", data: 1 };

describe("DelayingEventStore", () => {
  it("a delay before: the append has not reached the store while the caller waits", async () => {
    const inner = new MemoryEventStore();
    const store = new DelayingEventStore(inner, { before: 50 });
    const appending = store.appendToStream("s", [event]);
    expect((await inner.readStream("s")).streamExists).toBe(false);
    await appending;
    expect((await inner.readStream("s")).events).toHaveLength(1);
  });

  it("a delay after: the append is durable while its caller still waits for the reply", async () => {
    const inner = new MemoryEventStore();
    const store = new DelayingEventStore(inner, { after: (call) => (call.operation === "append" ? 400 : 0) });
    let replied = false;
    const appending = store.appendToStream("s", [event]).then(() => (replied = true));
    while (!(await inner.readStream("s")).streamExists) await new Promise((resolve) => setImmediate(resolve));
    expect(replied).toBe(false);
    await appending;
    expect(replied).toBe(true);
    // Reads are not delayed by this delay function.
    const started = Date.now();
    await store.readStream("s");
    expect(Date.now() - started).toBeLessThan(400);
  });

  it("errors are delayed and passed on; a bad delay is refused with a TypeError naming the call", async () => {
    const inner = new MemoryEventStore();
    await inner.appendToStream("s", [event]);
    const store = new DelayingEventStore(inner, { after: 5 });
    await expect(store.appendToStream("s", [event], { expectedRevision: "no_stream" })).rejects.toMatchObject({ code: "EXPECTED_REVISION_CONFLICT" });
    const bad = new DelayingEventStore(inner, { before: () => -1 });
    await expect(bad.listStreams()).rejects.toThrow(/list #1/);
  });
});
