import { randomUUID } from "node:crypto";
import { binaryEvent, EventStoreDBClient, jsonEvent } from "@eventstore/db-client";
import { afterEach, describe, expect, it } from "vitest";
import { CorruptEventError, ExpectedRevisionConflictError } from "../store-errors.js";
import { EventStoreDBEventStore } from "./eventstoredb-event-store.js";
import { EsdbWireServer } from "./testing/esdb-wire-server.js";

/** Adapter behaviour beyond the port's contract, checked on what the wire test server received. */
describe.each([
  { mode: "BatchAppend (24.10 node)", batchAppend: true, appendRpc: "Streams.BatchAppend" },
  { mode: "Append (no ServerFeatures)", batchAppend: false, appendRpc: "Streams.Append" },
])("EventStoreDBEventStore over $mode", ({ batchAppend, appendRpc }) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  async function setup(connectionOptions = ""): Promise<{ server: EsdbWireServer; store: EventStoreDBEventStore }> {
    const server = await EsdbWireServer.start({ batchAppend });
    const store = new EventStoreDBEventStore({ connectionString: `${server.connectionString}${connectionOptions}` });
    cleanups.push(
      () => server.stop(),
      () => store.close(),
    );
    return { server, store };
  }
  const stream = (): string => `thread-${randomUUID()}`;

  it("sends appends and reads as the RPCs a node of that version answers", async () => {
    const { server, store } = await setup();
    const name = stream();
    await store.appendToStream(name, [{ type: "A", data: 1 }], { expectedRevision: "no_stream" });
    await store.readStream(name);
    await store.listStreams();
    expect(server.calls).toContain(appendRpc);
    expect(server.calls).toContain("Streams.Read");
    expect(server.calls.includes("ServerFeatures.GetSupportedMethods")).toBe(batchAppend);
  });

  it("turns WrongExpectedVersion into ExpectedRevisionConflictError with the stream's actual revision", async () => {
    const { store } = await setup();
    const name = stream();
    await store.appendToStream(
      name,
      [1, 2, 3].map((n) => ({ type: "N", data: n })),
      { expectedRevision: "no_stream" },
    );
    const conflict: unknown = await store.appendToStream(name, [{ type: "N", data: 4 }], { expectedRevision: 0 }).catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(ExpectedRevisionConflictError);
    expect(conflict).toMatchObject({ stream: name, expectedRevision: 0, actualRevision: 2, code: "EXPECTED_REVISION_CONFLICT" });
  });

  it("reports the actual revision of a conflict also when the client is set not to throw on append failure", async () => {
    const { store } = await setup("&throwOnAppendFailure=false");
    const name = stream();
    await store.appendToStream(
      name,
      [1, 2, 3, 4].map((n) => ({ type: "N", data: n })),
      { expectedRevision: "no_stream" },
    );
    const conflict: unknown = await store.appendToStream(name, [{ type: "N", data: 5 }], { expectedRevision: 1 }).catch((error: unknown) => error);
    expect(conflict).toMatchObject({ name: "ExpectedRevisionConflictError", expectedRevision: 1, actualRevision: 3 });
  });

  it("stores a retried append without caller ids once: the deterministic ids make the server see a retry", async () => {
    const { server, store } = await setup();
    const name = stream();
    const events = [
      { type: "Planned", data: { plan: ["a", "b"] } },
      { type: "Acted", data: { at: new Date(5) } },
    ];
    const first = await store.appendToStream(name, events, { expectedRevision: "no_stream" });
    const retried = await store.appendToStream(name, events, { expectedRevision: "no_stream" });
    expect(retried.nextExpectedRevision).toBe(first.nextExpectedRevision);
    const later = await store.appendToStream(name, [{ type: "Done", data: null }], { expectedRevision: 1 });
    expect((await store.appendToStream(name, [{ type: "Done", data: null }], { expectedRevision: 1 })).nextExpectedRevision).toBe(later.nextExpectedRevision);
    expect(server.log.recordsOf(name).map((record) => record.type)).toEqual(["Planned", "Acted", "Done"]);
    expect(server.calls.filter((call) => call === appendRpc).length).toBeGreaterThanOrEqual(1);
  });

  it("gives events appended with any random ids, so two identical appends are two events", async () => {
    const { server, store } = await setup();
    const name = stream();
    const heartbeat = [{ type: "Heartbeat", data: { ok: true } }];
    await store.appendToStream(name, heartbeat, { expectedRevision: "any" });
    await store.appendToStream(name, heartbeat, { expectedRevision: "any" });
    const ids = server.log.recordsOf(name).map((record) => record.id);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  });

  it("stores JSON events with superjson bodies and $correlationId/$causationId in the metadata", async () => {
    const { server, store } = await setup();
    const name = stream();
    const events = [
      { type: "RunStarted", data: { at: new Date(0) }, metadata: { runId: "run-7" } },
      { type: "StepCommitted", data: 1n, metadata: { runId: "run-7" } },
      { type: "Answered", data: "yes", metadata: { runId: "run-7", $causationId: "answer-3", $correlationId: "corr-9" } },
    ];
    await store.appendToStream(name, events, { expectedRevision: "no_stream" });
    const records = server.log.recordsOf(name);
    const json = (bytes: Uint8Array): Record<string, unknown> => JSON.parse(Buffer.from(bytes).toString("utf8")) as Record<string, unknown>;
    expect(records.map((record) => record.contentType)).toEqual(["application/json", "application/json", "application/json"]);
    expect(json(records[0]!.data)).toEqual({ json: { at: "1970-01-01T00:00:00.000Z" }, meta: { values: { at: ["Date"] }, v: 1 } });
    const metadata = records.map((record) => json(record.customMetadata));
    expect(metadata.map((entry) => entry["$correlationId"])).toEqual(["run-7", "run-7", "corr-9"]);
    expect(metadata.map((entry) => entry["$causationId"])).toEqual([undefined, records[0]!.id, "answer-3"]);
    const read = await store.readStream(name);
    expect(read.events.map((event) => event.metadata)).toEqual(events.map((event) => event.metadata));
  });

  it("refuses to read events it did not write with CorruptEventError naming stream and revision", async () => {
    const { server, store } = await setup();
    const client = EventStoreDBClient.connectionString(server.connectionString);
    cleanups.push(() => client.dispose());
    const name = stream();
    await client.appendToStream(name, [jsonEvent({ type: "Plain", data: { not: "superjson" } })]);
    await client.appendToStream(name, [binaryEvent({ type: "Bytes", data: new Uint8Array([1, 2, 3]) })]);
    const plain: unknown = await store.readStream(name, { maxCount: 1 }).catch((error: unknown) => error);
    expect(plain).toBeInstanceOf(CorruptEventError);
    expect(plain).toMatchObject({ stream: name, revision: 0, code: "CORRUPT_EVENT" });
    const bytes: unknown = await store.readStream(name, { fromRevision: 1 }).catch((error: unknown) => error);
    expect(bytes).toMatchObject({ name: "CorruptEventError", revision: 1 });
  });

  it("lists streams from $all in creation order across pages, without system streams", async () => {
    const { server, store } = await setup();
    const [big, small] = [stream(), stream()];
    await store.appendToStream(
      big,
      Array.from({ length: 700 }, (_, n) => ({ type: "N", data: n })),
      { expectedRevision: "no_stream" },
    );
    await store.appendToStream(small, [{ type: "N", data: 0 }], { expectedRevision: "no_stream" });
    expect(server.log.allRecords()[0]?.stream).toBe("$projections-$all");
    expect((await store.listStreams()).streams).toEqual([big, small]);
    expect((await store.listStreams({ after: big })).streams).toEqual([small]);
  });

  it("leaves an injected client open on close, and refuses to be used after close", async () => {
    const { server } = await setup();
    const client = EventStoreDBClient.connectionString(server.connectionString);
    cleanups.push(() => client.dispose());
    const store = new EventStoreDBEventStore({ client });
    const name = stream();
    await store.appendToStream(name, [{ type: "A", data: 1 }]);
    await store.close();
    await expect(store.readStream(name)).rejects.toThrow(/closed; create a new one/);
    const events = [];
    for await (const resolved of client.readStream(name)) events.push(resolved.event?.type);
    expect(events).toEqual(["A"]);
  });
});
