import { afterAll, beforeAll, describe } from "vitest";
import { describeEventStoreContract, type EventStoreUnderTest } from "../contract/event-store-contract.js";
import { DEFAULT_MAX_APPEND_SIZE, EventStoreDBEventStore } from "./eventstoredb-event-store.js";
import { EsdbWireServer } from "./testing/esdb-wire-server.js";

/**
 * The store port's contract against EventStoreDBEventStore, over real gRPC on 127.0.0.1: first
 * against the wire test server answering as a 24.10 node (the client appends with BatchAppend)
 * and as a node without ServerFeatures (the client falls back to Append), then against a real
 * server when EVENTSTORE_CONNECTION_STRING names one. Every case uses streams of its own.
 */
function contractOn(adapterName: string, connectionString: () => string): void {
  const open = (): EventStoreDBEventStore => new EventStoreDBEventStore({ connectionString: connectionString() });
  describeEventStoreContract(
    adapterName,
    async (): Promise<EventStoreUnderTest> => {
      const store = open();
      return { store, cleanup: () => store.close() };
    },
    // The single-event limit is the append limit: one event is one append at most.
    { maxEventBytes: DEFAULT_MAX_APPEND_SIZE, openSecondHandle: async () => open() },
  );
}

for (const batchAppend of [true, false]) {
  describe(`wire test server (${batchAppend ? "24.10 node: BatchAppend" : "no ServerFeatures: Append"})`, () => {
    let server: EsdbWireServer | undefined;
    beforeAll(async () => {
      server = await EsdbWireServer.start({ batchAppend });
    });
    afterAll(async () => {
      await server?.stop();
    });
    contractOn("eventstoredb", () => {
      if (server === undefined) throw new Error("the wire test server did not start");
      return server.connectionString;
    });
  });
}

const realServer = process.env["EVENTSTORE_CONNECTION_STRING"];
describe.skipIf(realServer === undefined)(
  "real EventStoreDB server (skipped unless EVENTSTORE_CONNECTION_STRING is set, e.g. esdb://localhost:2113?tls=false)",
  () => {
    contractOn("eventstoredb (real server)", () => realServer ?? "");
  },
);
