import { expect } from "vitest";
import type { EventStoreContractCase } from "./event-store-contract-case.js";
import { numberedEvents, revisionsOf, seedStream } from "./contract-fixtures.js";

/** Reading streams forwards and backwards, from a revision, with a count, and missing streams. */
export const readStreamCases: readonly EventStoreContractCase[] = [
  {
    name: "reading a missing stream returns no events, streamExists false and revision -1",
    async run({ store, stream }) {
      const name = stream("missing");
      const missing = { events: [], streamExists: false, currentRevision: -1 };
      expect(await store.readStream(name)).toEqual(missing);
      expect(await store.readStream(name, { direction: "backwards" })).toEqual(missing);
      expect(await store.readStream(name, { fromRevision: 3, maxCount: 2 })).toEqual(missing);
    },
  },
  {
    name: "events are read forwards in append order, each with its stream and revision",
    async run({ store, stream }) {
      const name = stream("order");
      const other = stream("order-other");
      let revision = -1;
      for (const [index, type] of ["Started", "Planned", "Acted", "Answered", "Finished"].entries()) {
        await store.appendToStream(other, numberedEvents(1, index));
        const expectedRevision = revision === -1 ? ("no_stream" as const) : revision;
        const result = await store.appendToStream(name, [{ type, data: { index } }], { expectedRevision });
        revision = result.nextExpectedRevision;
      }
      const read = await store.readStream(name);
      expect(read.streamExists).toBe(true);
      expect(read.currentRevision).toBe(4);
      expect(read.events.map((event) => [event.revision, event.type, event.data, event.stream])).toEqual([
        [0, "Started", { index: 0 }, name],
        [1, "Planned", { index: 1 }, name],
        [2, "Acted", { index: 2 }, name],
        [3, "Answered", { index: 3 }, name],
        [4, "Finished", { index: 4 }, name],
      ]);
    },
  },
  {
    name: "reading forwards from a revision returns at most maxCount events from it",
    async run({ store, stream }) {
      const name = stream("forwards");
      await seedStream(store, name, 6);
      const slice = await store.readStream(name, { fromRevision: 2, maxCount: 3 });
      expect(revisionsOf(slice.events)).toEqual([2, 3, 4]);
      expect(slice.events.map((event) => event.data)).toEqual([{ n: 2 }, { n: 3 }, { n: 4 }]);
      expect(slice.currentRevision).toBe(5);
      expect(revisionsOf((await store.readStream(name, { fromRevision: 4, maxCount: 10 })).events)).toEqual([4, 5]);
      expect(revisionsOf((await store.readStream(name, { maxCount: 2 })).events)).toEqual([0, 1]);
      expect(revisionsOf((await store.readStream(name, { direction: "forwards", fromRevision: 5 })).events)).toEqual([5]);
    },
  },
  {
    name: "reading forwards beyond the end or with maxCount 0 returns no events of an existing stream",
    async run({ store, stream }) {
      const name = stream("forwards-edges");
      await seedStream(store, name, 3);
      expect(await store.readStream(name, { fromRevision: 3 })).toEqual({ events: [], streamExists: true, currentRevision: 2 });
      expect(await store.readStream(name, { fromRevision: 1000 })).toEqual({ events: [], streamExists: true, currentRevision: 2 });
      expect(await store.readStream(name, { maxCount: 0 })).toEqual({ events: [], streamExists: true, currentRevision: 2 });
    },
  },
  {
    name: "reading backwards starts at the last event by default and counts down",
    async run({ store, stream }) {
      const name = stream("backwards");
      await seedStream(store, name, 6);
      const all = await store.readStream(name, { direction: "backwards" });
      expect(revisionsOf(all.events)).toEqual([5, 4, 3, 2, 1, 0]);
      expect(all.events.map((event) => event.data)).toEqual([5, 4, 3, 2, 1, 0].map((n) => ({ n })));
      expect(all.currentRevision).toBe(5);
      expect(revisionsOf((await store.readStream(name, { direction: "backwards", maxCount: 2 })).events)).toEqual([5, 4]);
    },
  },
  {
    name: "reading backwards from a revision returns at most maxCount events down from it",
    async run({ store, stream }) {
      const name = stream("backwards-from");
      await seedStream(store, name, 6);
      const read = (fromRevision: number, maxCount?: number) =>
        store.readStream(name, { direction: "backwards", fromRevision, ...(maxCount === undefined ? {} : { maxCount }) });
      expect(revisionsOf((await read(3, 2)).events)).toEqual([3, 2]);
      expect(revisionsOf((await read(1, 10)).events)).toEqual([1, 0]);
      expect(revisionsOf((await read(0)).events)).toEqual([0]);
      expect(revisionsOf((await read(100, 2)).events)).toEqual([5, 4]);
      expect(await read(4, 0)).toEqual({ events: [], streamExists: true, currentRevision: 5 });
    },
  },
  {
    name: "reads that cross appends of several events return every event once, in order, up to maxCount",
    async run({ store, stream }) {
      const name = stream("across-appends");
      let next = 0;
      for (const size of [2, 1, 3, 2]) {
        await store.appendToStream(name, numberedEvents(size, next), { expectedRevision: next === 0 ? "no_stream" : next - 1 });
        next += size;
      }
      const last = next - 1;
      for (let from = 0; from <= next; from++) {
        for (const maxCount of [undefined, 1, 2, 3, 5]) {
          const count = maxCount ?? Number.POSITIVE_INFINITY;
          const forwards = await store.readStream(name, { fromRevision: from, ...(maxCount === undefined ? {} : { maxCount }) });
          const wantForwards = Array.from({ length: Math.max(0, Math.min(count, last - from + 1)) }, (_, i) => from + i);
          expect(revisionsOf(forwards.events), `forwards from ${from}, maxCount ${maxCount}`).toEqual(wantForwards);
          expect(forwards.events.map((event) => event.data)).toEqual(wantForwards.map((n) => ({ n })));
          const backwards = await store.readStream(name, { direction: "backwards", fromRevision: from, ...(maxCount === undefined ? {} : { maxCount }) });
          const top = Math.min(from, last);
          const wantBackwards = Array.from({ length: Math.min(count, top + 1) }, (_, i) => top - i);
          expect(revisionsOf(backwards.events), `backwards from ${from}, maxCount ${maxCount}`).toEqual(wantBackwards);
        }
      }
    },
  },
];
