import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryEventStore } from "../memory/memory-event-store.js";
import { SqliteEventStore } from "../sqlite/sqlite-event-store.js";
import { FailingAppendEventStore } from "./failing-append-event-store.js";
import { InjectedAppendFailureError } from "./injected-append-failure-error.js";
import { SimulatedCrashError } from "./simulated-crash-error.js";

const one = (n: number) => [{ type: "Counted", data: { n } }];

async function typesIn(store: MemoryEventStore | SqliteEventStore, stream: string): Promise<unknown[]> {
  return (await store.readStream(stream)).events.map((event) => event.data);
}

describe("FailingAppendEventStore", () => {
  it("'before': the chosen append never reaches the store; the others pass through", async () => {
    const inner = new MemoryEventStore();
    const store = new FailingAppendEventStore(inner, { failOn: 2, when: "before" });
    await store.appendToStream("s", one(1), { expectedRevision: "no_stream" });
    const failure = await store.appendToStream("s", one(2), { expectedRevision: 0 }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InjectedAppendFailureError);
    expect(failure).toMatchObject({ code: "INJECTED_APPEND_FAILURE", stream: "s", index: 2, committed: false });
    expect(await typesIn(inner, "s")).toEqual([{ n: 1 }]);
    // then: "continue" is the default: the caller may retry at the same revision.
    await store.appendToStream("s", one(3), { expectedRevision: 0 });
    expect(await typesIn(inner, "s")).toEqual([{ n: 1 }, { n: 3 }]);
    expect(store.appends).toBe(3);
    expect(store.failures.map((call) => call.index)).toEqual([2]);
    expect(store.crashed).toBe(false);
  });

  it("'after': the chosen append is stored, but the caller gets the error (the did-it-commit ambiguity)", async () => {
    const inner = new MemoryEventStore();
    const store = new FailingAppendEventStore(inner, { failOn: 1, when: "after" });
    const failure = await store.appendToStream("s", one(1), { expectedRevision: "no_stream" }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ index: 1, committed: true });
    expect(await typesIn(inner, "s")).toEqual([{ n: 1 }]);
    // A writer that retries blindly at the revision it knew loses to its own stored append.
    await expect(store.appendToStream("s", one(1), { expectedRevision: "no_stream" })).rejects.toMatchObject({ code: "EXPECTED_REVISION_CONFLICT" });
  });

  it("'after' on an append the store refuses reports committed: false", async () => {
    const inner = new MemoryEventStore();
    await inner.appendToStream("s", one(0));
    const store = new FailingAppendEventStore(inner, { failOn: 1, when: "after" });
    await expect(store.appendToStream("s", one(1), { expectedRevision: "no_stream" })).rejects.toMatchObject({ committed: false });
    expect(await typesIn(inner, "s")).toEqual([{ n: 0 }]);
  });

  it("a predicate picks every matching append", async () => {
    const inner = new MemoryEventStore();
    const store = new FailingAppendEventStore(inner, { failOn: (call) => call.stream === "flaky", when: "before" });
    await store.appendToStream("steady", one(1));
    await expect(store.appendToStream("flaky", one(2))).rejects.toBeInstanceOf(InjectedAppendFailureError);
    await expect(store.appendToStream("flaky", one(3))).rejects.toBeInstanceOf(InjectedAppendFailureError);
    await store.appendToStream("steady", one(4));
    expect(store.failures.map((call) => [call.index, call.stream])).toEqual([
      [2, "flaky"],
      [3, "flaky"],
    ]);
    expect((await inner.listStreams()).streams).toEqual(["steady"]);
  });

  describe("then: 'crash' on SQLite", () => {
    let dir = "";
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it.each(["before", "after"] as const)("'%s': every later call fails; a new handle on the file sees exactly what was committed", async (when) => {
      dir = await mkdtemp(join(tmpdir(), "replaygraph-failing-"));
      const path = join(dir, "events.db");
      const handle = new SqliteEventStore(path);
      const store = new FailingAppendEventStore(handle, { failOn: 3, when, then: "crash" });
      await store.appendToStream("s", one(1), { expectedRevision: "no_stream" });
      await store.appendToStream("s", one(2), { expectedRevision: 0 });
      await expect(store.appendToStream("s", one(3), { expectedRevision: 1 })).rejects.toMatchObject({ committed: when === "after" });
      expect(store.crashed).toBe(true);
      for (const call of [() => store.appendToStream("s", one(4)), () => store.readStream("s"), () => store.listStreams()]) {
        const error = await call().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(SimulatedCrashError);
        expect(error).toMatchObject({ code: "SIMULATED_CRASH", crashedAt: 3 });
      }
      await store.close();

      const restarted = new SqliteEventStore(path);
      expect(await typesIn(restarted, "s")).toEqual(when === "after" ? [{ n: 1 }, { n: 2 }, { n: 3 }] : [{ n: 1 }, { n: 2 }]);
      await restarted.close();
    });
  });
});
