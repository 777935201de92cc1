import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { EventTooLargeError } from "../store-errors.js";
import type { EventStoreContractCase } from "./event-store-contract-case.js";
import { numberedEvents, seedStream, uuidPattern } from "./contract-fixtures.js";

/** A value that uses everything superjson keeps and plain JSON loses or mangles. */
function richValue(): Record<string, unknown> {
  return {
    date: new Date("2024-02-29T23:59:59.999Z"),
    map: new Map<unknown, unknown>([
      ["key", { nested: new Set([1, "two"]) }],
      [3, new Date(0)],
    ]),
    set: new Set(["a", "b"]),
    big: 2n ** 70n + 1n,
    negativeBig: -12345678901234567890n,
    missing: undefined,
    nested: { list: [{ at: new Date(1) }, undefined, null, 1.5, -0, ["deep", { deeper: new Map([["k", 1n]]) }]] },
    accents: "héllo wörld – “quotes” ✓ 日本語 العربية",
    emoji: "👩‍👩‍👧‍👦 🚀 🏳️‍🌈",
    astral: "𝄞 𠜎 𝕏",
    nul: "before\u0000after\u0000",
    controls: "tab\tnewline\nreturn\rbell\u0007",
    [`key with \u0000 and 🚀`]: "odd key",
  };
}

/** Event bodies and metadata, ids, timestamps and size limits. */
export const eventDataCases: readonly EventStoreContractCase[] = [
  {
    name: "superjson values survive a round trip: Date, Map, Set, BigInt, undefined, nesting, unicode, NUL",
    async run({ store, stream }) {
      const name = stream("superjson");
      const bodies: unknown[] = [richValue(), "plain string 🚀\u0000", 42, null, [1, new Date(2), 3n], undefined, true];
      await store.appendToStream(
        name,
        bodies.map((data) => ({ type: "Rich", data })),
        { expectedRevision: "no_stream" },
      );
      const { events } = await store.readStream(name);
      expect(events.map((event) => event.data)).toStrictEqual(bodies);
      const first = events[0]?.data as Record<string, unknown>;
      expect(Object.keys(first)).toContain("missing");
      expect(first["date"]).toBeInstanceOf(Date);
      expect(first["map"]).toBeInstanceOf(Map);
      expect(typeof first["big"]).toBe("bigint");
    },
  },
  {
    name: "metadata round-trips, and an event without metadata reads back with {}",
    async run({ store, stream }) {
      const name = stream("metadata");
      const metadata = { correlationId: randomUUID(), causation: { step: 3, at: new Date(5) }, tags: new Set(["x"]), note: "✓\u0000" };
      await store.appendToStream(name, [
        { type: "WithMetadata", data: 1, metadata },
        { type: "WithoutMetadata", data: 2 },
      ]);
      const { events } = await store.readStream(name);
      expect(events[0]?.metadata).toStrictEqual(metadata);
      expect(events[1]?.metadata).toStrictEqual({});
    },
  },
  {
    name: "recordedAt is a valid Date at the time of the append",
    async run({ store, stream }) {
      const name = stream("recorded-at");
      const before = Date.now();
      await seedStream(store, name, 2);
      const after = Date.now();
      const slack = 5 * 60_000; // a server's clock may differ from this machine's
      for (const event of (await store.readStream(name)).events) {
        expect(event.recordedAt).toBeInstanceOf(Date);
        expect(event.recordedAt.getTime()).toBeGreaterThanOrEqual(before - slack);
        expect(event.recordedAt.getTime()).toBeLessThanOrEqual(after + slack);
      }
    },
  },
  {
    name: "event ids are kept when given and assigned as distinct UUIDs when absent",
    async run({ store, stream }) {
      const name = stream("ids");
      const given = randomUUID();
      const same = { type: "Same", data: { same: true } };
      await store.appendToStream(name, [same, { type: "Given", data: 1, id: given }, same], { expectedRevision: "no_stream" });
      await store.appendToStream(name, [same], { expectedRevision: 2 });
      const ids = (await store.readStream(name)).events.map((event) => event.id);
      expect(ids[1]).toBe(given);
      for (const id of ids) expect(id).toMatch(uuidPattern);
      expect(new Set(ids).size).toBe(4);
    },
  },
  {
    name: "stored events do not change when the appended or read objects are mutated",
    async run({ store, stream }) {
      const name = stream("immutable");
      const data = { list: [1, 2], at: new Date(10) };
      const metadata = { tag: "original" };
      await store.appendToStream(name, [{ type: "Mutable", data, metadata }]);
      data.list.push(3);
      data.at.setTime(99);
      metadata.tag = "changed";
      const first = await store.readStream(name);
      expect(first.events[0]?.data).toStrictEqual({ list: [1, 2], at: new Date(10) });
      expect(first.events[0]?.metadata).toStrictEqual({ tag: "original" });
      (first.events[0]?.data as { list: number[] }).list.push(4);
      expect((await store.readStream(name)).events[0]?.data).toStrictEqual({ list: [1, 2], at: new Date(10) });
    },
  },
  {
    name: "an event close to maxEventBytes is stored whole; one over it is refused with EventTooLargeError and nothing of its append is stored",
    requires: "maxEventBytes",
    async run({ store, stream, maxEventBytes = 0 }) {
      const name = stream("large");
      const close = `${"é".repeat(100)}${"x".repeat(maxEventBytes - 1024 - 200)}🚀`;
      await store.appendToStream(name, [{ type: "Large", data: close }], { expectedRevision: "no_stream" });
      const stored = (await store.readStream(name)).events[0]?.data;
      expect(typeof stored === "string" && stored.length === close.length && stored === close).toBe(true);

      const tooLarge = "x".repeat(maxEventBytes + 1);
      const refused: unknown = await store
        .appendToStream(name, [...numberedEvents(1), { type: "TooLarge", data: tooLarge }], { expectedRevision: 0 })
        .catch((reason: unknown) => reason);
      expect(refused).toBeInstanceOf(EventTooLargeError);
      expect((refused as EventTooLargeError).code).toBe("EVENT_TOO_LARGE");
      expect((await store.readStream(name)).currentRevision).toBe(0);
    },
  },
];
