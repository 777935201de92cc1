import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryEventStore, type EventStore } from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { EventStoreDBEventStore } from "replaygraph/eventstoredb";
import { PostgresEventStore } from "replaygraph/postgres";
import { startPostgresServer, type PostgresServer } from "../../store/postgres/testing/start-postgres-server.js";
import { EsdbWireServer } from "../../store/eventstoredb/testing/esdb-wire-server.js";

/** A store under test, with a way to open a second, independent handle on the same data. */
export interface StoreUnderTest {
  readonly store: EventStore;
  /** A new handle on the same data, as a restarted process would open it. */
  reopen(): Promise<EventStore>;
  cleanup(): Promise<void>;
}

/** One kind of store every scenario runs on. */
export interface StoreFixture {
  readonly name: string;
  create(): Promise<StoreUnderTest>;
}

const memory: StoreFixture = {
  name: "memory",
  async create() {
    const store = new MemoryEventStore();
    // The memory store lives in this process: a "restart" keeps the same object.
    return { store, reopen: async () => store, cleanup: () => store.close() };
  },
};

const sqlite: StoreFixture = {
  name: "sqlite",
  async create() {
    const dir = await mkdtemp(join(tmpdir(), "replaygraph-scenario-"));
    const path = join(dir, "threads.db");
    const opened: SqliteEventStore[] = [new SqliteEventStore(path)];
    return {
      store: opened[0]!,
      reopen: async () => {
        const store = new SqliteEventStore(path);
        opened.push(store);
        return store;
      },
      cleanup: async () => {
        for (const store of opened) await store.close().catch(() => undefined);
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

let server: Promise<EsdbWireServer> | undefined;

/** EventStoreDB through the wire-level test server (one per test file, on 127.0.0.1). */
const eventstoredb: StoreFixture = {
  name: "eventstoredb",
  async create() {
    server ??= EsdbWireServer.start({ batchAppend: true });
    const { connectionString } = await server;
    const opened: EventStoreDBEventStore[] = [new EventStoreDBEventStore({ connectionString })];
    return {
      store: opened[0]!,
      reopen: async () => {
        const store = new EventStoreDBEventStore({ connectionString });
        opened.push(store);
        return store;
      },
      cleanup: async () => {
        for (const store of opened) await store.close().catch(() => undefined);
      },
    };
  },
};

let postgresServer: Promise<PostgresServer> | undefined;
let postgresSchemas = 0;

/** PostgreSQL: a throwaway server per test file, a schema of its own per scenario. */
const postgres: StoreFixture = {
  name: "postgres",
  async create() {
    postgresServer ??= startPostgresServer();
    const { connectionString } = await postgresServer;
    const schema = `scenario_${process.pid}_${++postgresSchemas}`;
    const open = () => new PostgresEventStore({ connectionString, schema, maxConnections: 4 });
    const opened: PostgresEventStore[] = [open()];
    return {
      store: opened[0]!,
      reopen: async () => {
        const store = open();
        opened.push(store);
        return store;
      },
      cleanup: async () => {
        for (const store of opened) await store.close().catch(() => undefined);
      },
    };
  },
};

/** Stops the shared EventStoreDB and PostgreSQL test servers; call from `afterAll`. */
export async function stopSharedServers(): Promise<void> {
  const running = server;
  server = undefined;
  await (await running)?.stop();
  const runningPostgres = postgresServer;
  postgresServer = undefined;
  await (await runningPostgres)?.stop();
}

/** Every store a scenario must pass on. */
export const storeFixtures: readonly StoreFixture[] = [memory, sqlite, eventstoredb, postgres];
