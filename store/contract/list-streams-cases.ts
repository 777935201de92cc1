import { expect } from "vitest";
import type { EventStoreContractCase } from "./event-store-contract-case.js";
import { numberedEvents } from "./contract-fixtures.js";

/** Listing streams in creation order, by prefix, and a page at a time. */
export const listStreamsCases: readonly EventStoreContractCase[] = [
  {
    name: "streams are listed in the order they were created, not by name or by last write",
    async run({ store, stream, prefix }) {
      const names = [stream("c"), stream("a"), stream("b")];
      for (const name of names) await store.appendToStream(name, numberedEvents(1), { expectedRevision: "no_stream" });
      await store.appendToStream(stream("a"), numberedEvents(1, 1), { expectedRevision: 0 });
      expect((await store.listStreams({ prefix })).streams).toEqual(names);
      const everything = (await store.listStreams()).streams;
      expect(everything.filter((name) => name.startsWith(prefix))).toEqual(names);
    },
  },
  {
    name: "a prefix selects streams that start with it, literally and case-sensitively",
    async run({ store, stream, prefix }) {
      const names = ["x-1", "y-1", "x-2", "a_c", "abc", "a%", "A_c"].map(stream);
      for (const name of names) await store.appendToStream(name, numberedEvents(1));
      const list = async (rest: string) => (await store.listStreams({ prefix: `${prefix}${rest}` })).streams;
      expect(await list("x-")).toEqual([stream("x-1"), stream("x-2")]);
      expect(await list("a_")).toEqual([stream("a_c")]);
      expect(await list("a%")).toEqual([stream("a%")]);
      expect(await list("A")).toEqual([stream("A_c")]);
      expect(await list("z")).toEqual([]);
      expect(await list("")).toEqual(names);
    },
  },
  {
    name: "maxCount and after page through the streams in creation order",
    async run({ store, stream, prefix }) {
      for (const name of ["e", "d", "c", "b", "a"].map(stream)) await store.appendToStream(name, numberedEvents(1));
      await store.appendToStream(stream("other"), numberedEvents(1));
      const page = async (after?: string) => (await store.listStreams({ prefix, maxCount: 2, ...(after === undefined ? {} : { after }) })).streams;
      expect(await page()).toEqual([stream("e"), stream("d")]);
      expect(await page(stream("d"))).toEqual([stream("c"), stream("b")]);
      expect(await page(stream("b"))).toEqual([stream("a"), stream("other")]);
      expect(await page(stream("other"))).toEqual([]);
      expect((await store.listStreams({ prefix, maxCount: 0 })).streams).toEqual([]);
      expect((await store.listStreams({ prefix: stream("e"), maxCount: 5 })).streams).toEqual([stream("e")]);
    },
  },
];
