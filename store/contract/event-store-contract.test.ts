import { describe, expect, it } from "vitest";
import type { AppendToStreamOptions, EventStore, NewEvent, ReadStreamOptions } from "../event-store.js";
import { MemoryEventStore } from "../memory/memory-event-store.js";
import { eventStoreContractCases, runEventStoreContractCase } from "./event-store-contract.js";
import type { EventStoreUnderTest } from "./event-store-contract.js";

/** A MemoryEventStore with one behaviour broken by `breakIt`. */
function brokenMemoryStore(breakIt: (inner: MemoryEventStore) => Partial<EventStore>): () => Promise<EventStoreUnderTest> {
  return async () => {
    const inner = new MemoryEventStore();
    const store: EventStore = {
      appendToStream: (stream, events, options) => inner.appendToStream(stream, events, options),
      readStream: (stream, options) => inner.readStream(stream, options),
      listStreams: (options) => inner.listStreams(options),
      close: () => inner.close(),
      ...breakIt(inner),
    };
    return { store, cleanup: () => store.close() };
  };
}

async function failingCaseNames(createStore: () => Promise<EventStoreUnderTest>): Promise<string[]> {
  const failing: string[] = [];
  for (const testCase of eventStoreContractCases) {
    if (testCase.requires !== undefined) continue;
    await runEventStoreContractCase(testCase, createStore).catch(() => failing.push(testCase.name));
  }
  return failing;
}

function namesContaining(...fragments: string[]): string[] {
  return fragments.map((fragment) => {
    const matches = eventStoreContractCases.filter((testCase) => testCase.name.includes(fragment));
    expect(matches, `cases named like "${fragment}"`).toHaveLength(1);
    return matches[0]!.name;
  });
}

describe("the EventStore contract suite", () => {
  it("has distinct case names", () => {
    const names = eventStoreContractCases.map((testCase) => testCase.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("passes against the reference MemoryEventStore", async () => {
    expect(await failingCaseNames(brokenMemoryStore(() => ({})))).toEqual([]);
  });

  it("fails the revision and concurrency cases against a store that ignores expectedRevision", async () => {
    const ignoresRevision = brokenMemoryStore((inner) => ({
      appendToStream: (stream: string, events: readonly NewEvent[], _options?: AppendToStreamOptions) =>
        inner.appendToStream(stream, events, { expectedRevision: "any" }),
    }));
    const failing = await failingCaseNames(ignoresRevision);
    expect(failing).toEqual(
      expect.arrayContaining(
        namesContaining(
          "no_stream is refused",
          "stream_exists is refused",
          "exact revision is refused",
          "conflict error has",
          "invalid expectedRevision",
          "empty append",
          "at an exact revision returns the same revision",
          "retrying a no_stream append",
          "not a retry",
          "ten concurrent appends",
          "interleaved appends",
        ),
      ),
    );
    for (const unaffected of namesContaining("superjson values", "reading backwards from a revision")) {
      expect(failing).not.toContain(unaffected);
    }
  });

  it("fails the backwards-read cases against a store that returns backwards reads in forwards order", async () => {
    const reversesBackwards = brokenMemoryStore((inner) => ({
      readStream: async (stream: string, options?: ReadStreamOptions) => {
        const result = await inner.readStream(stream, options);
        return options?.direction === "backwards" ? { ...result, events: [...result.events].reverse() } : result;
      },
    }));
    const failing = await failingCaseNames(reversesBackwards);
    expect(failing.sort()).toEqual(
      namesContaining("starts at the last event by default", "reading backwards from a revision", "cross appends of several events").sort(),
    );
  });

  it("fails the listing cases against a store that lists streams by name", async () => {
    const sortsByName = brokenMemoryStore((inner) => ({
      listStreams: async (options) => {
        const all = (await inner.listStreams({ ...(options?.prefix === undefined ? {} : { prefix: options.prefix }) })).streams;
        const sorted = [...all].sort();
        const start = options?.after === undefined ? 0 : sorted.indexOf(options.after) + 1;
        return { streams: sorted.slice(start, start + (options?.maxCount ?? sorted.length)) };
      },
    }));
    const failing = await failingCaseNames(sortsByName);
    expect(failing).toEqual(expect.arrayContaining(namesContaining("listed in the order they were created", "page through the streams")));
  });
});
