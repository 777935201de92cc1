import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serve, type RunningServer } from "replaygraph/server";
import { nested, tokens } from "../../scenarios/stream-demo-graphs.js";
import { storeFixtures, type StoreUnderTest } from "../../scenarios/testing/store-fixtures.js";
import { normalizeObservation } from "./testing/normalize-observation.js";
import { startLangGraphApiPeer, type LangGraphApiPeer } from "./testing/start-langgraph-api-peer.js";
import { tokenAndSubgraphStreams } from "./testing/stream-scripts.js";

// A chat model's tokens (`messages`, `messages-tuple`) and subgraphs' chunks (`stream_subgraphs`)
// over HTTP: the same SDK program against `replaygraph serve` and LangGraph's JS server
// (@langchain/langgraph-api 1.5.1) in one test run, frame for frame in order.

let peer: LangGraphApiPeer;
let peerObserved: Record<string, unknown>;

beforeAll(async () => {
  peer = await startLangGraphApiPeer();
  peerObserved = await tokenAndSubgraphStreams(new Client({ apiUrl: peer.url }));
}, 120_000);
afterAll(() => peer?.stop());

describe.each(storeFixtures.filter((fixture) => fixture.name !== "eventstoredb"))("tokens and subgraph streams on $name, beside langgraph-api", (fixture) => {
  let store: StoreUnderTest;
  let server: RunningServer;
  beforeAll(async () => {
    store = await fixture.create();
    server = await serve({ store: store.store, graphs: { tokens, nested }, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await store?.cleanup();
  });

  test("messages (metadata, partials, complete), messages-tuple, and stream_subgraphs' <mode>|<namespace> frames: the same frames in the same order", async () => {
    const ours = await tokenAndSubgraphStreams(new Client({ apiUrl: server.url }));
    // A departure (README): LangGraph's JS server leaks checkpoint envelopes as `checkpoints` frames nobody asked for.
    expect(peerObserved["unasked"]).toEqual(["nested:checkpoints"]);
    expect(ours["unasked"]).toEqual([]);
    for (const key of Object.keys(peerObserved).filter((key) => key !== "unasked")) {
      expect({ [key]: normalizeObservation((ours as Record<string, unknown>)[key]) }).toEqual({ [key]: normalizeObservation(peerObserved[key]) });
    }
  });
});
