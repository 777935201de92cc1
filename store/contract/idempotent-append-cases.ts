import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { NewEvent } from "../event-store.js";
import type { EventStoreContractCase } from "./event-store-contract-case.js";
import { expectContiguousStream, expectRevisionConflict, revisionsOf } from "./contract-fixtures.js";

function withIds(label: string, count: number): NewEvent[] {
  return Array.from({ length: count }, (_, index) => ({ type: "Identified", data: { label, index }, id: randomUUID() }));
}

/** Retried appends (same event ids, same expected revision) after a lost reply. */
export const idempotentAppendCases: readonly EventStoreContractCase[] = [
  {
    name: "retrying an append with the same event ids at an exact revision returns the same revision and stores nothing twice",
    async run({ store, stream }) {
      const name = stream("retry-exact");
      await store.appendToStream(name, withIds("first", 2), { expectedRevision: "no_stream" });
      const second = withIds("second", 2);
      const result = await store.appendToStream(name, second, { expectedRevision: 1 });
      expect(result.nextExpectedRevision).toBe(3);
      const retried = await store.appendToStream(name, second, { expectedRevision: 1 });
      expect(retried.nextExpectedRevision).toBe(3);
      expect(retried.createdNewStream).toBe(false);
      const events = await expectContiguousStream(store, name, 4);
      expect(events.slice(2).map((event) => event.id)).toEqual(second.map((event) => event.id));
    },
  },
  {
    name: "retrying a no_stream append with the same event ids is a no-op, even after later appends",
    async run({ store, stream }) {
      const name = stream("retry-no-stream");
      const first = withIds("first", 2);
      expect(await store.appendToStream(name, first, { expectedRevision: "no_stream" })).toEqual({
        nextExpectedRevision: 1,
        createdNewStream: true,
      });
      expect((await store.appendToStream(name, first, { expectedRevision: "no_stream" })).nextExpectedRevision).toBe(1);
      await store.appendToStream(name, withIds("later", 1), { expectedRevision: 1 });
      expect((await store.appendToStream(name, first, { expectedRevision: "no_stream" })).nextExpectedRevision).toBe(1);
      const events = await expectContiguousStream(store, name, 3);
      expect(events.map((event) => (event.data as { label: string }).label)).toEqual(["first", "first", "later"]);
    },
  },
  {
    name: "ids already stored at another position, or only some of them, are a conflict and not a retry",
    async run({ store, stream }) {
      const name = stream("not-a-retry");
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()] as const;
      const stored = [a, b, c].map((id, index): NewEvent => ({ type: "Identified", data: { index }, id }));
      await store.appendToStream(name, stored, { expectedRevision: "no_stream" });
      const changed = (id: string): NewEvent => ({ type: "Changed", data: "different content", id });
      const attempts: Array<[NewEvent[], number | "no_stream"]> = [
        [[changed(a)], 1], // a is at 0, position 2 holds c
        [[changed(c)], 0], // c is at 2, position 1 holds b
        [[changed(b), changed(c), changed(randomUUID())], 0], // b and c match, the third would be new
        [[changed(b)], "no_stream"], // b is at 1, position 0 holds a
      ];
      for (const [events, expectedRevision] of attempts) {
        await expectRevisionConflict(store.appendToStream(name, events, { expectedRevision }), {
          stream: name,
          expectedRevision,
          actualRevision: 2,
        });
      }
      const read = await store.readStream(name);
      expect(revisionsOf(read.events)).toEqual([0, 1, 2]);
      expect(read.events.map((event) => event.id)).toEqual([a, b, c]);
      expect(read.events.every((event) => event.type === "Identified")).toBe(true);
    },
  },
];
