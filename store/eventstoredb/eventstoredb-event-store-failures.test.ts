import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { EventTooLargeError, StoreUnavailableError } from "../store-errors.js";
import { DEFAULT_MAX_APPEND_SIZE, EventStoreDBEventStore, type EventStoreDBEventStoreOptions } from "./eventstoredb-event-store.js";
import { EsdbWireServer, type EsdbWireServerOptions } from "./testing/esdb-wire-server.js";

/** Size limits and an unreachable node, checked against the wire test server. */
describe("EventStoreDBEventStore failures", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  async function setup(
    serverOptions: EsdbWireServerOptions = {},
    limits: Omit<EventStoreDBEventStoreOptions, "connectionString" | "client"> = {},
  ): Promise<{ server: EsdbWireServer; store: EventStoreDBEventStore }> {
    const server = await EsdbWireServer.start(serverOptions);
    const store = new EventStoreDBEventStore({ connectionString: server.connectionString, ...limits });
    cleanups.push(
      () => server.stop(),
      () => store.close(),
    );
    return { server, store };
  }
  const stream = (): string => `thread-${randomUUID()}`;
  const refusal = (attempt: Promise<unknown>): Promise<unknown> =>
    attempt.then(
      () => "stored",
      (error: unknown) => error,
    );

  it("refuses an append over 1 MiB (the pre-25.1 MaxAppendSize) before sending anything", async () => {
    const { server, store } = await setup();
    const name = stream();
    const events = Array.from({ length: 3 }, (_, n) => ({ type: "Chunk", data: `${n}${"x".repeat(400 * 1024)}` }));
    const error = await refusal(store.appendToStream(name, events, { expectedRevision: "no_stream" }));
    expect(error).toBeInstanceOf(EventTooLargeError);
    expect(error).toMatchObject({ stream: name, limit: DEFAULT_MAX_APPEND_SIZE, code: "EVENT_TOO_LARGE" });
    expect((error as EventTooLargeError).size).toBeGreaterThan(3 * 400 * 1024);
    expect(server.calls).toEqual([]);
    expect(server.log.recordsOf(name)).toEqual([]);
  });

  it("refuses one event over maxEventSize before sending anything, naming the event", async () => {
    const { server, store } = await setup({}, { maxEventSize: 4096 });
    const error = await refusal(
      store.appendToStream(stream(), [
        { type: "Small", data: 1 },
        { type: "Big", data: "y".repeat(5000) },
      ]),
    );
    expect(error).toBeInstanceOf(EventTooLargeError);
    expect(error).toMatchObject({ limit: 4096 });
    expect((error as Error).message).toContain("event 'Big'");
    expect(server.calls).toEqual([]);
  });

  it.each([true, false])("translates the server's MaximumAppendSizeExceeded when the adapter's limit is higher (batchAppend %s)", async (batchAppend) => {
    const { server, store } = await setup({ batchAppend }, { maxAppendSize: 4 * 1024 * 1024 });
    const name = stream();
    const error = await refusal(store.appendToStream(name, [{ type: "Big", data: "z".repeat(2 * 1024 * 1024) }]));
    expect(error).toBeInstanceOf(EventTooLargeError);
    expect(error).toMatchObject({ stream: name, limit: 1024 * 1024 });
    expect(server.calls).toContain(batchAppend ? "Streams.BatchAppend" : "Streams.Append");
    expect(server.log.recordsOf(name)).toEqual([]);
  });

  it.each([true, false])("reports a node that went away as a retryable StoreUnavailableError (batchAppend %s)", async (batchAppend) => {
    const { server, store } = await setup({ batchAppend });
    const name = stream();
    await store.appendToStream(name, [{ type: "A", data: 1 }], { expectedRevision: "no_stream" });
    await server.stop();
    for (const attempt of [
      () => store.appendToStream(name, [{ type: "B", data: 2 }], { expectedRevision: 0 }),
      () => store.readStream(name),
      () => store.listStreams(),
    ]) {
      const error = await refusal(attempt());
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ retryable: true, code: "STORE_UNAVAILABLE" });
      expect((error as Error).message).toContain("retry");
    }
  });

  it("reports a port nobody listens on as a retryable StoreUnavailableError", async () => {
    const server = await EsdbWireServer.start();
    await server.stop();
    const store = new EventStoreDBEventStore({ connectionString: server.connectionString });
    cleanups.push(() => store.close());
    for (const [operation, attempt] of [
      ["append", () => store.appendToStream(stream(), [{ type: "A", data: 1 }])],
      ["read", () => store.readStream(stream())],
      ["list", () => store.listStreams()],
    ] as const) {
      const error = await refusal(attempt());
      // Only an append is told to retry with the same events; a read or a listing is simply retried.
      expect((error as Error).message.includes("same events and expected revision")).toBe(operation === "append");
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect((error as StoreUnavailableError).retryable).toBe(true);
      expect((error as StoreUnavailableError).cause).toBeDefined();
      expect((error as Error).message).not.toMatch(/Resolution note/);
    }
  });
});
