import { describe, expect, it } from "vitest";
import { MemoryEventStore } from "../memory/memory-event-store.js";
import { RecordingEventStore } from "./recording-event-store.js";

describe("RecordingEventStore", () => {
  it("records where each acknowledged append landed, by event id, and counts conflicts", async () => {
    const inner = new MemoryEventStore();
    const heard: number[] = [];
    const store = new RecordingEventStore(inner, { onAcknowledged: (ack) => heard.push(ack.firstRevision) });
    await store.appendToStream(
      "s",
      [
        { type: "A", data: 1 },
        { type: "B", data: 2, id: "6f1e1c8e-0000-4000-8000-000000000001" },
      ],
      { expectedRevision: "no_stream" },
    );
    await expect(store.appendToStream("s", [{ type: "C", data: 3 }], { expectedRevision: "no_stream" })).rejects.toMatchObject({
      code: "EXPECTED_REVISION_CONFLICT",
    });
    await store.appendToStream("s", [{ type: "C", data: 3 }], { expectedRevision: 1 });
    expect(store.conflicts).toBe(1);
    expect(heard).toEqual([0, 2]);
    expect(store.acknowledged.map((ack) => [ack.stream, ack.firstRevision, ack.events.map((event) => event.type)])).toEqual([
      ["s", 0, ["A", "B"]],
      ["s", 2, ["C"]],
    ]);
    const stored = (await inner.readStream("s")).events;
    expect(store.acknowledged.flatMap((ack) => ack.events.map((event) => event.id))).toEqual(stored.map((event) => event.id));
    expect(stored[1]!.id).toBe("6f1e1c8e-0000-4000-8000-000000000001");
  });
});
