import { expect } from "vitest";
import type { EventStore } from "../event-store.js";
import { ExpectedRevisionConflictError } from "../store-errors.js";
import type { EventStoreContractCase } from "./event-store-contract-case.js";
import { expectContiguousStream, numberedEvents, seedStream } from "./contract-fixtures.js";

/**
 * Starts `writers` appends of two events each, all expecting `revision`, at once, spread over
 * `handles`; checks that exactly one wins, the rest conflict at the winner's revision, and every
 * handle reads the stream with no gap and the winner's events after `revision`.
 */
async function raceAppends(handles: readonly EventStore[], stream: string, revision: number, writers: number): Promise<void> {
  const attempts = Array.from({ length: writers }, (_, writer) =>
    handles[writer % handles.length]!.appendToStream(
      stream,
      [
        { type: "Raced", data: { writer, part: 0 } },
        { type: "Raced", data: { writer, part: 1 } },
      ],
      { expectedRevision: revision },
    ),
  );
  const outcomes = await Promise.allSettled(attempts);
  const winners = outcomes.flatMap((outcome, writer) => (outcome.status === "fulfilled" ? [{ writer, result: outcome.value }] : []));
  expect(winners).toHaveLength(1);
  expect(winners[0]?.result).toEqual({ nextExpectedRevision: revision + 2, createdNewStream: false });
  for (const outcome of outcomes) {
    if (outcome.status === "fulfilled") continue;
    expect(outcome.reason).toBeInstanceOf(ExpectedRevisionConflictError);
    expect((outcome.reason as ExpectedRevisionConflictError).actualRevision).toBe(revision + 2);
  }
  for (const handle of handles) {
    const events = await expectContiguousStream(handle, stream, revision + 3);
    expect(events.slice(revision + 1).map((event) => event.data)).toEqual([
      { writer: winners[0]?.writer, part: 0 },
      { writer: winners[0]?.writer, part: 1 },
    ]);
  }
}

/** Several writers on one stream, and writers on separate streams. */
export const concurrentAppendCases: readonly EventStoreContractCase[] = [
  {
    name: "of ten concurrent appends expecting the same revision exactly one wins and the others conflict",
    async run({ store, stream }) {
      const name = stream("race");
      const revision = await seedStream(store, name, 3);
      await raceAppends([store], name, revision, 10);
    },
  },
  {
    name: "concurrent appends through two handles on the same data: exactly one wins, both handles see it",
    requires: "openSecondHandle",
    async run({ store, stream, openSecondHandle }) {
      if (openSecondHandle === undefined) throw new Error("this case needs the openSecondHandle option");
      const second = await openSecondHandle();
      const name = stream("race-two-handles");
      const revision = await seedStream(store, name, 2);
      await raceAppends([store, second], name, revision, 10);
      const next = await second.appendToStream(name, numberedEvents(1), { expectedRevision: revision + 2 });
      expect((await store.readStream(name)).currentRevision).toBe(next.nextExpectedRevision);
    },
  },
  {
    name: "interleaved appends to two streams keep each stream's revisions separate",
    async run({ store, stream }) {
      const left = stream("left");
      const right = stream("right");
      await seedStream(store, left, 1);
      await store.appendToStream(right, numberedEvents(3), { expectedRevision: "no_stream" });
      await store.appendToStream(left, numberedEvents(1, 1), { expectedRevision: 0 });
      await store.appendToStream(right, numberedEvents(1, 3), { expectedRevision: 2 });
      const refused: unknown = await store.appendToStream(left, numberedEvents(1), { expectedRevision: 3 }).catch((reason: unknown) => reason);
      expect(refused).toBeInstanceOf(ExpectedRevisionConflictError);
      await store.appendToStream(left, numberedEvents(1, 2), { expectedRevision: 1 });
      expect((await expectContiguousStream(store, left, 3)).map((event) => event.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
      expect((await expectContiguousStream(store, right, 4)).map((event) => event.data)).toEqual([0, 1, 2, 3].map((n) => ({ n })));
    },
  },
  {
    name: "concurrent appends creating ten different streams all succeed",
    async run({ store, stream, prefix }) {
      const names = Array.from({ length: 10 }, (_, index) => stream(`parallel-${index}`));
      const results = await Promise.all(names.map((name) => store.appendToStream(name, numberedEvents(2), { expectedRevision: "no_stream" })));
      expect(results).toEqual(names.map(() => ({ nextExpectedRevision: 1, createdNewStream: true })));
      expect([...(await store.listStreams({ prefix })).streams].sort()).toEqual([...names].sort());
      for (const name of names) await expectContiguousStream(store, name, 2);
    },
  },
];
