import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serve, type RunningServer } from "replaygraph/server";
import { agent, hitl } from "../../scenarios/serve-demo-graphs.js";
import { storeFixtures, type StoreUnderTest } from "../../scenarios/testing/store-fixtures.js";
import { normalizeObservation } from "./testing/normalize-observation.js";
import { errorAnswers, interruptAndResume, seed002, streamEvents } from "./testing/sdk-scripts.js";
import { startLangGraphApiPeer, type LangGraphApiPeer } from "./testing/start-langgraph-api-peer.js";

// The same SDK programs against `replaygraph serve` (memory and SQLite) and against LangGraph's
// own JS server (@langchain/langgraph-api 1.5.1) on the same graphs, in one test run. What the
// peer observed is turned into what replaygraph must observe by the listed differences only;
// each is a known bug of the JS dev server or a deliberate departure.

type Observation = Record<string, unknown>;
const scripts = {
  "seed 002, interrupt": (client: Client) => seed002(client, "interrupt"),
  "seed 002, rollback": (client: Client) => seed002(client, "rollback"),
  "seed 002, enqueue": (client: Client) => seed002(client, "enqueue"),
  "seed 002, reject": (client: Client) => seed002(client, "reject"),
  "interrupt and resume": interruptAndResume,
  "stream events": streamEvents,
  "error answers": errorAnswers,
} satisfies Record<string, (client: Client) => Promise<Observation>>;
type ScriptName = keyof typeof scripts;

/** Status codes only: the `detail` texts are each server's own words. */
const statusesOnly = (observation: Observation): Observation =>
  Object.fromEntries(
    Object.entries(observation).map(([key, value]) => [
      key,
      typeof value === "object" && value !== null && "status" in value ? (value as { status: unknown }).status : value,
    ]),
  );

const differences: Record<ScriptName, (peer: Observation) => Observation> = {
  // JS dev server bug (research §7.3 #2): a running run's rollback ends it `error` and keeps its
  // work. Official semantics, kept here: the work is dropped (the thread has only run 2's items).
  // Deliberate departure: the rolled-back run stays readable as `interrupted` (the history keeps
  // its events; the official server deletes it and answers 404).
  "seed 002, rollback": (peer) => ({
    ...peer,
    firstStatus: "interrupted",
    runStatuses: ["interrupted", "success"],
    values: { label: "nyc", items: ["nyc:a", "nyc:b", "nyc:c"] },
  }),
  "seed 002, interrupt": (peer) => peer,
  "seed 002, enqueue": (peer) => peer,
  // The JS dev server refuses with 422; the official server's spec says 409 Conflict.
  "seed 002, reject": (peer) => ({ ...peer, secondCreate: 409 }),
  // Deliberate: a run paused on interrupt() returns the thread's values with `__interrupt__` (what
  // LangGraph's invoke() returns), not only `{ __interrupt__ }` (the last `values` chunk).
  "interrupt and resume": (peer) => ({ ...peer, paused: { ...(peer["waiting"] as { values: object }).values, ...(peer["paused"] as object) } }),
  "stream events": (peer) => peer,
  // JS dev server bug (§7.3 #13): a run on a missing thread with if_not_exists "reject" answers 422
  // with the double-texting message; the official answer is 404.
  "error answers": (peer) => ({ ...statusesOnly(peer), runOnUnknownThread: 404 }),
};

const compared = (name: ScriptName, observation: Observation) => normalizeObservation(name === "error answers" ? statusesOnly(observation) : observation);

let peer: LangGraphApiPeer;
const peerObserved = new Map<ScriptName, Observation>();

beforeAll(async () => {
  peer = await startLangGraphApiPeer();
  const client = new Client({ apiUrl: peer.url });
  await Promise.all(Object.entries(scripts).map(async ([name, script]) => peerObserved.set(name as ScriptName, await script(client))));
}, 120_000);
afterAll(() => peer?.stop());

describe.each(storeFixtures.filter((fixture) => fixture.name !== "eventstoredb"))("replaygraph serve on $name, beside langgraph-api", (fixture) => {
  let store: StoreUnderTest;
  let server: RunningServer;
  beforeAll(async () => {
    store = await fixture.create();
    server = await serve({ store: store.store, graphs: { agent, hitl }, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await store?.cleanup();
  });

  test.each(Object.keys(scripts) as ScriptName[])("%s: same observations, except the listed differences", async (name) => {
    const ours = await scripts[name](new Client({ apiUrl: server.url }));
    expect(compared(name, ours)).toEqual(compared(name, differences[name](peerObserved.get(name)!)));
  });
});
