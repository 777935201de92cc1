import { describe, expect, it } from "vitest";
import { encodeBatchValue } from "./batch-value.js";
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
    const meta = encodeBatchValue({ at: 1 });
    const text = encodeEventBatch(
      [
        { type: "A", data: encodeBatchValue(1), metadata: meta },
        { id: "given", type: "B", data: encodeBatchValue(2), metadata: encodeBatchValue({ at: 2 }) },
        { type: "C", data: encodeBatchValue(3), metadata: meta },
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
    const text = encodeEventBatch([{ type: "A", data: encodeBatchValue(1), metadata: encodeBatchValue({}) }]);
    expect(() => decodeEventBatch("s", { revision: 0, recorded_at: 0, events: text }, 0, 0)).toThrow(/id or type is not a string/);
  });
});

describe("batch formats", () => {
  const date = new Date(Date.UTC(2025, 0, 1));
  it("format 2 stores plain JSON as it is and anything else in superjson's form, each under its own key", () => {
    const text = encodeEventBatch(
      [
        { type: "A", data: encodeBatchValue({ n: 1 }), metadata: encodeBatchValue({ at: 1 }) },
        { type: "B", data: encodeBatchValue({ date }), metadata: encodeBatchValue({ at: date }) },
      ],
      "0f0e0d0c-0b0a-4908-8706-050403020100",
    );
    expect(text).toBe(
      '{"v":2,"m":{"at":1},"p":"0f0e0d0c-0b0a-4908-8706-050403020100","e":[{"t":"A","d":{"n":1}},{"t":"B","s":{"json":{"date":"2025-01-01T00:00:00.000Z"},"meta":{"values":{"date":["Date"]},"v":1}},"n":{"json":{"at":"2025-01-01T00:00:00.000Z"},"meta":{"values":{"at":["Date"]},"v":1}}}]}',
    );
    expect(decodeEventBatch("s", { revision: 0, recorded_at: 0, events: text }, 0, 1).map((event) => [event.data, event.metadata])).toEqual([
      [{ n: 1 }, { at: 1 }],
      [{ date }, { at: date }],
    ]);
  });

  it("format 2 writes metadata once per run of events sharing it, and reads it back from any revision", () => {
    const [a, b] = [encodeBatchValue({ at: 1 }), encodeBatchValue({ at: 2 })];
    const text = encodeEventBatch(
      ["A", "B", "C", "D"].map((type, index) => ({ type, data: encodeBatchValue(index), metadata: index === 0 ? a : b })),
      "0f0e0d0c-0b0a-4908-8706-050403020100",
    );
    expect(text.match(/"at":2/g)).toHaveLength(1);
    for (let from = 0; from < 4; from++) {
      expect(decodeEventBatch("s", { revision: 0, recorded_at: 0, events: text }, from, 3).map((event) => event.metadata)).toEqual(
        [{ at: 1 }, { at: 2 }, { at: 2 }, { at: 2 }].slice(from),
      );
    }
  });

  it("format 1 (0.1.0's: every value in superjson's form, no version) still reads", () => {
    const text =
      '{"m":{"json":{"at":1}},"p":"0f0e0d0c-0b0a-4908-8706-050403020100","e":[{"t":"A","d":{"json":{"json":2}}},{"t":"B","d":{"json":{"date":"2025-01-01T00:00:00.000Z"},"meta":{"values":{"date":["Date"]}}},"m":{"json":{}}}]}';
    expect(decodeEventBatch("s", { revision: 0, recorded_at: 0, events: text }, 0, 1).map((event) => [event.data, event.metadata])).toEqual([
      [{ json: 2 }, { at: 1 }],
      [{ date }, {}],
    ]);
  });

  it("a batch of another format is corrupt, not misread", () => {
    expect(() => decodeEventBatch("s", { revision: 0, recorded_at: 0, events: '{"v":3,"m":{},"e":[]}' }, 0, 0)).toThrow(/not a batch of events/);
  });
});
