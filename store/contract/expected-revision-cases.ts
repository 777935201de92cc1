import { expect } from "vitest";
import type { ExpectedRevision } from "../event-store.js";
import { ExpectedRevisionConflictError } from "../store-errors.js";
import type { EventStoreContractCase } from "./event-store-contract-case.js";
import { expectRevisionConflict, numberedEvents, revisionsOf, seedStream } from "./contract-fixtures.js";

/** Appends checked against each kind of expected revision, accepted and refused. */
export const expectedRevisionCases: readonly EventStoreContractCase[] = [
  {
    name: "append with no_stream creates a missing stream",
    async run({ store, stream }) {
      const name = stream("created");
      const result = await store.appendToStream(name, numberedEvents(2), { expectedRevision: "no_stream" });
      expect(result).toEqual({ nextExpectedRevision: 1, createdNewStream: true });
      const read = await store.readStream(name);
      expect(revisionsOf(read.events)).toEqual([0, 1]);
      expect(read.events.map((event) => event.data)).toEqual([{ n: 0 }, { n: 1 }]);
    },
  },
  {
    name: "append with no_stream is refused when the stream exists, and stores nothing",
    async run({ store, stream }) {
      const name = stream("exists");
      await seedStream(store, name, 1);
      await expectRevisionConflict(store.appendToStream(name, numberedEvents(1, 1), { expectedRevision: "no_stream" }), {
        stream: name,
        expectedRevision: "no_stream",
        actualRevision: 0,
      });
      expect((await store.readStream(name)).currentRevision).toBe(0);
    },
  },
  {
    name: "append with any (and with no options) appends to missing and existing streams",
    async run({ store, stream }) {
      const name = stream("any");
      expect(await store.appendToStream(name, numberedEvents(1), { expectedRevision: "any" })).toEqual({
        nextExpectedRevision: 0,
        createdNewStream: true,
      });
      expect(await store.appendToStream(name, numberedEvents(2, 1), { expectedRevision: "any" })).toEqual({
        nextExpectedRevision: 2,
        createdNewStream: false,
      });
      expect(await store.appendToStream(name, numberedEvents(1, 3))).toEqual({ nextExpectedRevision: 3, createdNewStream: false });
      const read = await store.readStream(name);
      expect(read.events.map((event) => event.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }]);
    },
  },
  {
    name: "append with stream_exists is refused on a missing stream and accepted on an existing one",
    async run({ store, stream }) {
      const name = stream("must-exist");
      await expectRevisionConflict(store.appendToStream(name, numberedEvents(1), { expectedRevision: "stream_exists" }), {
        stream: name,
        expectedRevision: "stream_exists",
        actualRevision: -1,
      });
      expect(await store.readStream(name)).toEqual({ events: [], streamExists: false, currentRevision: -1 });
      await seedStream(store, name, 2);
      expect(await store.appendToStream(name, numberedEvents(1, 2), { expectedRevision: "stream_exists" })).toEqual({
        nextExpectedRevision: 2,
        createdNewStream: false,
      });
    },
  },
  {
    name: "append with an exact revision is accepted at the stream's current revision",
    async run({ store, stream }) {
      const name = stream("exact");
      let revision = await seedStream(store, name, 3);
      for (const batch of [1, 2, 1]) {
        const result = await store.appendToStream(name, numberedEvents(batch, revision + 1), { expectedRevision: revision });
        expect(result).toEqual({ nextExpectedRevision: revision + batch, createdNewStream: false });
        revision = result.nextExpectedRevision;
      }
      const read = await store.readStream(name);
      expect(read.events.map((event) => event.data)).toEqual(numberedEvents(7).map((event) => event.data));
    },
  },
  {
    name: "append with an exact revision is refused when the stream is behind, ahead or missing",
    async run({ store, stream }) {
      const name = stream("stale");
      await seedStream(store, name, 3);
      for (const expectedRevision of [0, 1, 3, 7]) {
        await expectRevisionConflict(store.appendToStream(name, numberedEvents(1, 9), { expectedRevision }), {
          stream: name,
          expectedRevision,
          actualRevision: 2,
        });
      }
      const missing = stream("never-written");
      await expectRevisionConflict(store.appendToStream(missing, numberedEvents(1), { expectedRevision: 0 }), {
        stream: missing,
        expectedRevision: 0,
        actualRevision: -1,
      });
      expect(revisionsOf((await store.readStream(name)).events)).toEqual([0, 1, 2]);
      expect((await store.readStream(missing)).streamExists).toBe(false);
    },
  },
  {
    name: "a conflict error has the stream, expectedRevision, actualRevision, name and code",
    async run({ store, stream }) {
      const name = stream("conflict-fields");
      await seedStream(store, name, 2);
      const conflict = await expectRevisionConflict(store.appendToStream(name, numberedEvents(1), { expectedRevision: 0 }), {
        stream: name,
        expectedRevision: 0,
        actualRevision: 1,
      });
      expect(conflict).toBeInstanceOf(Error);
      expect(conflict.name).toBe("ExpectedRevisionConflictError");
      expect(conflict.code).toBe("EXPECTED_REVISION_CONFLICT");
      expect(conflict.message).toContain(name);
    },
  },
  {
    name: "an invalid expectedRevision is refused with a TypeError and stores nothing",
    async run({ store, stream }) {
      const name = stream("invalid-expected");
      await seedStream(store, name, 1);
      for (const invalid of [-5, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "latest", "0"]) {
        const expectedRevision = invalid as unknown as ExpectedRevision;
        const error: unknown = await store.appendToStream(name, numberedEvents(1, 1), { expectedRevision }).catch((reason: unknown) => reason);
        expect(error, `expectedRevision ${String(invalid)}`).toBeInstanceOf(TypeError);
      }
      expect((await store.readStream(name)).currentRevision).toBe(0);
    },
  },
  {
    name: "an empty append changes nothing but still checks the expected revision",
    async run({ store, stream, prefix }) {
      const missing = stream("empty-missing");
      expect(await store.appendToStream(missing, [], { expectedRevision: "any" })).toEqual({
        nextExpectedRevision: -1,
        createdNewStream: false,
      });
      expect(await store.readStream(missing)).toEqual({ events: [], streamExists: false, currentRevision: -1 });
      expect((await store.listStreams({ prefix })).streams).toEqual([]);

      const name = stream("empty-existing");
      await seedStream(store, name, 2);
      expect(await store.appendToStream(name, [], { expectedRevision: 1 })).toEqual({ nextExpectedRevision: 1, createdNewStream: false });
      const refused: unknown = await store.appendToStream(name, [], { expectedRevision: 0 }).catch((reason: unknown) => reason);
      expect(refused).toBeInstanceOf(ExpectedRevisionConflictError);
      expect(revisionsOf((await store.readStream(name)).events)).toEqual([0, 1]);
    },
  },
];
