import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serve, type RunningServer } from "replaygraph/server";
import { agent, hitl } from "../../scenarios/serve-demo-graphs.js";
import { chat, nested } from "../../scenarios/stream-demo-graphs.js";
import { storeFixtures, type StoreUnderTest } from "../../scenarios/testing/store-fixtures.js";
import { normalizeObservation } from "./testing/normalize-observation.js";
import { startLangGraphApiPeer, type LangGraphApiPeer } from "./testing/start-langgraph-api-peer.js";
import { disconnectCancels, everyStreamMode, resumedStream } from "./testing/stream-scripts.js";

// Every stream mode over HTTP, the same SDK program against `replaygraph serve` and LangGraph's JS
// server (@langchain/langgraph-api 1.5.1) in one test run: per mode, the same frames in the same
// order (the interleaving of modes is each server's own: LangGraph's callbacks and stream chunks
// race), except the listed differences.

let peer: LangGraphApiPeer;
let peerObserved: Record<string, unknown>;
let peerResumed: Record<string, unknown>;
let peerDisconnected: Record<string, unknown>;

beforeAll(async () => {
  peer = await startLangGraphApiPeer();
  peerObserved = await everyStreamMode(new Client({ apiUrl: peer.url }));
  peerResumed = await resumedStream(new Client({ apiUrl: peer.url }));
  peerDisconnected = await disconnectCancels(new Client({ apiUrl: peer.url }));
}, 120_000);
afterAll(() => peer?.stop());

describe.each(storeFixtures.filter((fixture) => fixture.name !== "eventstoredb"))("every stream mode on $name, beside langgraph-api", (fixture) => {
  let store: StoreUnderTest;
  let server: RunningServer;
  beforeAll(async () => {
    store = await fixture.create();
    server = await serve({ store: store.store, graphs: { agent, hitl, chat, nested }, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await store?.cleanup();
  });

  test("values, updates, messages, messages-tuple, custom, debug, events, tasks, checkpoints: the same frames per mode", async () => {
    const ours = await everyStreamMode(new Client({ apiUrl: server.url }));
    for (const key of Object.keys(peerObserved)) {
      expect({ [key]: normalizeObservation((ours as Record<string, unknown>)[key]) }).toEqual({ [key]: normalizeObservation(peerObserved[key]) });
    }
  });

  test("a resumable stream left after three frames and joined with Last-Event-ID: the same frames and ids", async () => {
    const ours = await resumedStream(new Client({ apiUrl: server.url }));
    expect(normalizeObservation(ours)).toEqual(normalizeObservation(peerResumed));
  });

  test("on_disconnect cancel: a client that leaves after the first update interrupts the run, its first step kept", async () => {
    expect(peerDisconnected).toMatchObject({ status: "interrupted", values: { items: ["d:a"] } });
    expect(await disconnectCancels(new Client({ apiUrl: server.url }))).toEqual(peerDisconnected);
  });
});
