import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { EventStoreDBEventStore } from "./eventstoredb-event-store.js";
import { EsdbWireServer } from "./testing/esdb-wire-server.js";

/**
 * The adapter's work-distribution capabilities over real gRPC: watching `$all` through a
 * subscription filtered by event type on the node, and soft-deleting streams. On the wire test
 * server, then on a real node when EVENTSTORE_CONNECTION_STRING is set (every case uses streams of
 * its own; the drop case needs the test server's hook and runs there only).
 */
const realServer = process.env["EVENTSTORE_CONNECTION_STRING"];
const targets = [{ name: "wire test server", real: false }, ...(realServer === undefined ? [] : [{ name: "real EventStoreDB server", real: true }])];

const waitUntil = async (condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> => {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe.each(targets)("EventStoreDBEventStore watch and delete on the $name", ({ real }) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  async function setup(): Promise<{ server: EsdbWireServer | undefined; open: () => EventStoreDBEventStore }> {
    const server = real ? undefined : await EsdbWireServer.start();
    if (server) cleanups.push(() => server.stop());
    const open = (): EventStoreDBEventStore => {
      const store = new EventStoreDBEventStore({ connectionString: server?.connectionString ?? realServer! });
      cleanups.push(() => store.close());
      return store;
    };
    return { server, open };
  }
  const prefix = `w${randomUUID().slice(0, 8)}-`;
  const stream = (): string => `${prefix}thread-${randomUUID()}`;

  it("reports the streams of another process's RunQueued, RunCancelled and RunRolledBack appends, and no others", async () => {
    const { open } = await setup();
    const watcher = open();
    const writer = open();
    const seen: string[] = [];
    const stop = await watcher.watchStreams((streams) => seen.push(...(streams ?? ["<everything>"])));
    const [queued, stepped, cancelled, rolledBack] = [stream(), stream(), stream(), stream()];
    await writer.appendToStream(
      stepped,
      [
        { type: "StepCommitted", data: {} },
        { type: "RunSucceeded", data: {} },
      ],
      { expectedRevision: "no_stream" },
    );
    await writer.appendToStream(
      queued,
      [
        { type: "ThreadCreated", data: {} },
        { type: "RunQueued", data: {} },
      ],
      { expectedRevision: "no_stream" },
    );
    await writer.appendToStream(cancelled, [{ type: "RunCancelled", data: {} }], { expectedRevision: "no_stream" });
    await writer.appendToStream(rolledBack, [{ type: "RunRolledBack", data: {} }], { expectedRevision: "no_stream" });
    await waitUntil(() => seen.filter((name) => name.startsWith(prefix)).length >= 3, "three reports");
    await stop();
    expect(seen.filter((name) => name.startsWith(prefix))).toEqual([queued, cancelled, rolledBack]);
  });

  it("reports nothing after it is stopped, and the store's close stops its watches", async () => {
    const { server, open } = await setup();
    const watcher = open();
    const writer = open();
    const seen: string[] = [];
    const stop = await watcher.watchStreams((streams) => seen.push(...(streams ?? [])));
    await stop();
    await writer.appendToStream(stream(), [{ type: "RunQueued", data: {} }], { expectedRevision: "no_stream" });
    await watcher.watchStreams((streams) => seen.push(...(streams ?? [])));
    if (server) await waitUntil(() => server.openSubscriptions === 1, "one open subscription");
    await watcher.close();
    if (server) await waitUntil(() => server.openSubscriptions === 0, "no open subscription after close");
    await writer.appendToStream(stream(), [{ type: "RunQueued", data: {} }], { expectedRevision: "no_stream" });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen.filter((name) => name.startsWith(prefix))).toEqual([]);
  });

  it.skipIf(real)("subscribes again after the node drops the subscription, from where it was: appends made meanwhile are reported", async () => {
    const { server, open } = await setup();
    const watcher = open();
    const writer = open();
    const seen: string[] = [];
    const stop = await watcher.watchStreams((streams) => seen.push(...(streams ?? ["<everything>"])));
    const before = stream();
    await writer.appendToStream(before, [{ type: "RunQueued", data: {} }], { expectedRevision: "no_stream" });
    await waitUntil(() => seen.includes(before), "the first report");
    server!.dropSubscriptions();
    expect(server!.openSubscriptions).toBe(0);
    const meanwhile = stream();
    await writer.appendToStream(meanwhile, [{ type: "RunQueued", data: {} }], { expectedRevision: "no_stream" });
    await waitUntil(() => seen.includes(meanwhile), "the report of the append made while dropped");
    const after = stream();
    await writer.appendToStream(after, [{ type: "RunQueued", data: {} }], { expectedRevision: "no_stream" });
    await waitUntil(() => seen.includes(after), "the report after resubscribing");
    await stop();
    // Resumed from the last position: nothing reported twice, nothing needed a full look.
    expect(seen).toEqual([before, meanwhile, after]);
    expect(server!.calls.filter((call) => call === "Streams.Read").length).toBeGreaterThanOrEqual(2);
  });

  it("deletes a stream: reads find no stream, listing leaves it out, others stay; deleting a missing stream does nothing", async () => {
    const { server, open } = await setup();
    const store = open();
    const [kept, deleted] = [stream(), stream()];
    await store.appendToStream(kept, [{ type: "RunChunk", data: 1 }], { expectedRevision: "no_stream" });
    await store.appendToStream(
      deleted,
      [1, 2, 3].map((n) => ({ type: "RunChunk", data: n })),
      { expectedRevision: "no_stream" },
    );
    await store.deleteStream(deleted);
    await store.deleteStream(stream());
    expect(await store.readStream(deleted)).toEqual({ events: [], streamExists: false, currentRevision: -1 });
    expect((await store.readStream(deleted, { direction: "backwards", maxCount: 1 })).streamExists).toBe(false);
    expect((await store.listStreams({ prefix })).streams).toEqual([kept]);
    expect((await store.readStream(kept)).events.map((event) => event.data)).toEqual([1]);
    if (server) expect(server.calls).toContain("Streams.Delete");
  });

  it("writes a deleted stream again, continuing its revisions (EventStoreDB's rule), with only the new events readable", async () => {
    const { open } = await setup();
    const store = open();
    const name = stream();
    await store.appendToStream(
      name,
      [1, 2].map((n) => ({ type: "RunChunk", data: n })),
      { expectedRevision: "no_stream" },
    );
    await store.deleteStream(name);
    const { nextExpectedRevision } = await store.appendToStream(name, [{ type: "RunChunk", data: 3 }], { expectedRevision: "any" });
    expect(nextExpectedRevision).toBe(2);
    const read = await store.readStream(name);
    expect(read.events.map((event) => [event.revision, event.data])).toEqual([[2, 3]]);
    expect(read.currentRevision).toBe(2);
  });
});
