import { describe, expect, it } from "vitest";
import { batchEventId, decodeEventBatch, encodeEventBatch } from "./event-batch.js";

describe("batchEventId", () => {
  it("is the base id at index 0 and adds the index to its last 12 hex digits, wrapping past ffffffffffff", () => {
    expect(batchEventId("0f0e0d0c-0b0a-4908-8706-050403020100", 0)).toBe("0f0e0d0c-0b0a-4908-8706-050403020100");
    expect(batchEventId("0f0e0d0c-0b0a-4908-8706-050403020100", 0x1f)).toBe("0f0e0d0c-0b0a-4908-8706-05040302011f");
    expect(batchEventId("0f0e0d0c-0b0a-4908-8706-fffffffffffe", 3)).toBe("0f0e0d0c-0b0a-4908-8706-000000000001");
  });
});

describe("an encoded batch", () => {
  it("round-trips given ids, derived ids and per-event metadata", () => {
    const meta = '{"json":{"at":1}}';
    const text = encodeEventBatch(
      [
        { type: "A", data: '{"json":1}', metadata: meta },
        { id: "given", type: "B", data: '{"json":2}', metadata: '{"json":{"at":2}}' },
        { type: "C", data: '{"json":3}', metadata: meta },
      ],
      "0f0e0d0c-0b0a-4908-8706-050403020100",
    );
    const events = decodeEventBatch("s", { revision: 7, recorded_at: 0, events: text }, 0, 100);
    expect(events.map((event) => [event.revision, event.id, event.type, event.data, event.metadata])).toEqual([
      [7, "0f0e0d0c-0b0a-4908-8706-050403020100", "A", 1, { at: 1 }],
      [8, "given", "B", 2, { at: 2 }],
      [9, "0f0e0d0c-0b0a-4908-8706-050403020102", "C", 3, { at: 1 }],
    ]);
  });

  it("without a base id or a store's idOf, an event with no id is corrupt", () => {
    const text = encodeEventBatch([{ type: "A", data: '{"json":1}', metadata: '{"json":{}}' }]);
    expect(() => decodeEventBatch("s", { revision: 0, recorded_at: 0, events: text }, 0, 0)).toThrow(/id or type is not a string/);
  });
});
