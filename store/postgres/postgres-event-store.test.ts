import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEventStoreContract } from "../contract/event-store-contract.js";
import { ExpectedRevisionConflictError, StoreUnavailableError } from "../store-errors.js";
import { postgresSchemaVersion } from "./migrate-postgres-schema.js";
import { DEFAULT_POSTGRES_MAX_EVENT_BYTES, PostgresEventStore } from "./postgres-event-store.js";
import { PostgresSchemaMismatchError, PostgresSchemaTooNewError } from "./postgres-schema-too-new-error.js";
import { startPostgresServer, type PostgresServer } from "./testing/start-postgres-server.js";

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgresServer();
}, 120_000);
afterAll(() => server?.stop());

describeEventStoreContract(
  "postgres",
  async () => {
    const store = new PostgresEventStore({ connectionString: server.connectionString, maxConnections: 4 });
    return { store, cleanup: () => store.close() };
  },
  {
    maxEventBytes: DEFAULT_POSTGRES_MAX_EVENT_BYTES,
    openSecondHandle: async () => new PostgresEventStore({ connectionString: server.connectionString, maxConnections: 4 }),
  },
);

describe("PostgresEventStore", () => {
  const admin = () => new pg.Client({ connectionString: server.connectionString });

  it("keeps events across stores and processes' pools, with the schema version recorded", async () => {
    const first = new PostgresEventStore({ connectionString: server.connectionString, schema: "kept" });
    await first.appendToStream("thread-1", [{ type: "Kept", data: { at: new Date(7), n: 1n } }], { expectedRevision: "no_stream" });
    await first.close();
    await expect(first.readStream("thread-1")).rejects.toThrow(/closed/);
    const second = new PostgresEventStore({ connectionString: server.connectionString, schema: "kept" });
    const { events } = await second.readStream("thread-1");
    expect(events.map((event) => [event.revision, event.type, event.data])).toEqual([[0, "Kept", { at: new Date(7), n: 1n }]]);
    await second.close();
    const client = admin();
    await client.connect();
    expect((await client.query("SELECT version FROM kept.schema_version")).rows).toEqual([{ version: postgresSchemaVersion }]);
    expect((await client.query("SELECT count(*)::int AS n FROM kept.event_batches")).rows).toEqual([{ n: 1 }]);
    await client.end();
  });

  it("stores one row per append, whatever its number of events", async () => {
    const store = new PostgresEventStore({ connectionString: server.connectionString, schema: "rows" });
    await store.appendToStream(
      "s",
      [1, 2, 3].map((n) => ({ type: "N", data: n })),
      { expectedRevision: "no_stream" },
    );
    await store.appendToStream(
      "s",
      [4, 5].map((n) => ({ type: "N", data: n })),
      { expectedRevision: 2 },
    );
    const client = admin();
    await client.connect();
    expect((await client.query("SELECT revision::int, last_revision::int FROM rows.event_batches ORDER BY revision")).rows).toEqual([
      { revision: 0, last_revision: 2 },
      { revision: 3, last_revision: 4 },
    ]);
    await client.end();
    expect((await store.readStream("s", { fromRevision: 1, maxCount: 3 })).events.map((event) => event.data)).toEqual([2, 3, 4]);
    expect((await store.readStream("s", { direction: "backwards", fromRevision: 3, maxCount: 3 })).events.map((event) => event.data)).toEqual([4, 3, 2]);
    await store.close();
  });

  it("lets exactly one of many processes' concurrent appends at one revision win", async () => {
    const stores = Array.from({ length: 8 }, () => new PostgresEventStore({ connectionString: server.connectionString, schema: "race", maxConnections: 2 }));
    await stores[0]!.appendToStream("contested", [{ type: "Start", data: 0 }], { expectedRevision: "no_stream" });
    const outcomes = await Promise.allSettled(
      stores.map((store, i) => store.appendToStream("contested", [{ type: "Next", data: i }], { expectedRevision: 0 })),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    for (const outcome of outcomes) if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(ExpectedRevisionConflictError);
    const anys = await Promise.all(stores.map((store, i) => store.appendToStream("contested", [{ type: "Any", data: i }], { expectedRevision: "any" })));
    expect(new Set(anys.map((result) => result.nextExpectedRevision)).size).toBe(8);
    expect((await stores[0]!.readStream("contested")).events.map((event) => event.revision)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    for (const store of stores) await store.close();
  });

  it("refuses tables made by a newer replaygraph, and tables of another application, by name", async () => {
    const client = admin();
    await client.connect();
    await client.query("CREATE SCHEMA newer; CREATE TABLE newer.schema_version (version INTEGER NOT NULL); INSERT INTO newer.schema_version VALUES (99)");
    await client.query("CREATE SCHEMA other; CREATE TABLE other.event_batches (id serial primary key)");
    await client.end();
    const newer = new PostgresEventStore({ connectionString: server.connectionString, schema: "newer" });
    await expect(newer.readStream("x")).rejects.toBeInstanceOf(PostgresSchemaTooNewError);
    await newer.close();
    const other = new PostgresEventStore({ connectionString: server.connectionString, schema: "other" });
    await expect(other.readStream("x")).rejects.toBeInstanceOf(PostgresSchemaMismatchError);
    await other.close();
  });

  it("reports an unreachable server as StoreUnavailableError, without the password", async () => {
    const store = new PostgresEventStore({ connectionString: "postgres://app:secret@127.0.0.1:1/none?connect_timeout=2" });
    const error = await store.readStream("x").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(String((error as Error).message)).not.toContain("secret");
    await store.close();
  });

  it("a server that goes away mid-use is StoreUnavailableError (retryable), not a driver error", async () => {
    const own = await startPostgresServer();
    const store = new PostgresEventStore({ connectionString: `${own.connectionString}&connect_timeout=2` });
    await store.appendToStream("s", [{ type: "A", data: 1 }], { expectedRevision: "no_stream" });
    await own.stop();
    const error = await store.appendToStream("s", [{ type: "B", data: 2 }], { expectedRevision: 0 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).retryable).toBe(true);
    await store.close();
  }, 60_000);

  it("refuses options that cannot work, by name", () => {
    expect(() => new PostgresEventStore({})).toThrow(/exactly one of `connectionString`/);
    expect(() => new PostgresEventStore({ connectionString: "postgres://x/y", schema: "a;drop" })).toThrow(/plain identifier/);
  });
});
