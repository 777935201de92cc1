import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SqliteEventStore } from "replaygraph/sqlite";
import { serve, type RunningServer } from "replaygraph/server";
import { agent, hitl } from "../../scenarios/serve-demo-graphs.js";
import { storeFixtures, type StoreUnderTest } from "../../scenarios/testing/store-fixtures.js";
import { childLines } from "../../store/testing/child-lines.js";
import { spawnTypeScriptWorker } from "../../store/testing/spawn-typescript-worker.js";

// Resumable streams, joins and disconnects through the official SDK on loopback. LangGraph's JS
// dev server has no heartbeats, no Location header, no thread stream and single-consumer queues
// (research §4.5, §7.3), so these hold replaygraph to the official server's documented behaviour.

type Chunk = { event: string; data: unknown; id?: string };
const slow = (ms: number) => ({ config: { configurable: { sleep_ms: ms } } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const modes = ["values", "updates", "custom"] as const;

async function collect(stream: AsyncIterable<unknown>, stopAfter = Number.POSITIVE_INFINITY): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Chunk);
    if (chunks.length >= stopAfter) break;
  }
  return chunks;
}

/** The first `count` chunks, then the client goes away (its request aborted, as a closed tab does). */
async function readThenLeave(open: (signal: AbortSignal) => AsyncIterable<unknown>, count: number): Promise<Chunk[]> {
  const controller = new AbortController();
  const chunks: Chunk[] = [];
  try {
    for await (const chunk of open(controller.signal)) {
      chunks.push(chunk as Chunk);
      if (chunks.length >= count) controller.abort();
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  }
  return chunks;
}

async function statusWhenDone(client: Client, threadId: string, runId: string): Promise<string> {
  for (let tries = 0; tries < 200; tries++) {
    const { status } = await client.runs.get(threadId, runId);
    if (status !== "pending" && status !== "running") return status;
    await sleep(20);
  }
  throw new Error(`run ${runId} did not end`);
}

const runIdOf = (chunks: readonly Chunk[]) => (chunks[0]!.data as { run_id: string }).run_id;

describe.each(storeFixtures.filter((fixture) => fixture.name !== "eventstoredb"))("replaygraph serve streams on $name", (fixture) => {
  let store: StoreUnderTest;
  let server: RunningServer;
  let second: RunningServer;
  let client: Client;
  beforeAll(async () => {
    store = await fixture.create();
    server = await serve({ store: store.store, graphs: { agent, hitl }, port: 0, heartbeatMs: 40 });
    // Another server on its own handle of the same data: its engine and memory know nothing of the first's runs.
    second = await serve({ store: await store.reopen(), graphs: { agent, hitl }, port: 0, heartbeatMs: 40 });
    client = new Client({ apiUrl: server.url });
  });
  afterAll(async () => {
    await second?.close();
    await server?.close();
    await store?.cleanup();
  });

  test("a resumable stream read in two halves, the second joined with Last-Event-ID, is the whole stream once", async () => {
    const thread = await client.threads.create();
    const first = await collect(
      client.runs.stream(thread.thread_id, "agent", { input: { label: "r" }, streamMode: [...modes], streamResumable: true, ...slow(60) }),
      4,
    );
    const runId = runIdOf(first);
    const rest = await collect(client.runs.joinStream(thread.thread_id, runId, { lastEventId: first.at(-1)!.id! }));
    const whole = await collect(client.runs.joinStream(thread.thread_id, runId, { lastEventId: "-1" }));
    expect([...first, ...rest]).toEqual(whole);
    expect(whole.map((chunk) => Number(chunk.id))).toEqual(whole.map((_, index) => index));
    expect(whole.map((chunk) => chunk.event)).toEqual([
      "metadata",
      "values",
      ...["custom", "updates", "values"],
      ...["custom", "updates", "values"],
      ...["custom", "updates", "values"],
    ]);
    expect((await client.runs.get(thread.thread_id, runId)).status).toBe("success");
  });

  test("another server on the same store joins a resumable run mid-way and gets every later frame, then the end", async () => {
    const thread = await client.threads.create();
    const run = await client.runs.create(thread.thread_id, "agent", {
      input: { label: "x" },
      streamMode: ["updates", "custom"],
      streamResumable: true,
      ...slow(80),
    });
    const live = collect(client.runs.joinStream(thread.thread_id, run.run_id));
    await sleep(100);
    const elsewhere = await collect(new Client({ apiUrl: second.url }).runs.joinStream(thread.thread_id, run.run_id, { lastEventId: "1" }));
    const all = await live;
    expect(all.map((chunk) => chunk.event)).toEqual(["metadata", "custom", "updates", "custom", "updates", "custom", "updates"]);
    expect(elsewhere).toEqual(all.slice(2));
    // After the end, from the start, on either server.
    expect(await collect(new Client({ apiUrl: second.url }).runs.joinStream(thread.thread_id, run.run_id, { lastEventId: "-1" }))).toEqual(all);
  });

  test("a join narrowed by stream_mode keeps metadata and the asked events", async () => {
    const thread = await client.threads.create();
    const run = await client.runs.create(thread.thread_id, "agent", { input: { label: "n" }, streamMode: ["updates", "custom", "values"], ...slow(30) });
    const chunks = await collect(client.runs.joinStream(thread.thread_id, run.run_id, { streamMode: ["updates"] }));
    expect(chunks.map((chunk) => chunk.event)).toEqual(["metadata", "updates", "updates", "updates"]);
  });

  test("the thread stream carries each run in turn, ids naming the run, and resumes after an id", async () => {
    const thread = await client.threads.create();
    const controller = new AbortController();
    const seen: Chunk[] = [];
    const reading = (async () => {
      try {
        for await (const chunk of client.threads.joinStream(thread.thread_id, { signal: controller.signal })) seen.push(chunk as Chunk);
      } catch (error) {
        if (!controller.signal.aborted) throw error;
      }
    })();
    await sleep(50);
    const one = await client.runs.create(thread.thread_id, "agent", { input: { label: "t1" }, streamMode: ["updates"], streamResumable: true });
    const two = await client.runs.create(thread.thread_id, "agent", { input: { label: "t2" }, streamMode: ["updates"], streamResumable: true });
    await client.runs.join(thread.thread_id, two.run_id);
    for (let tries = 0; tries < 100 && seen.length < 8; tries++) await sleep(20);
    controller.abort();
    await reading;
    expect(seen.map((chunk) => chunk.event)).toEqual(["metadata", "updates", "updates", "updates", "metadata", "updates", "updates", "updates"]);
    expect(seen.map((chunk) => chunk.id)).toEqual([0, 1, 2, 3].map((id) => `${one.run_id}:${id}`).concat([0, 1, 2, 3].map((id) => `${two.run_id}:${id}`)));

    const resumed: Chunk[] = [];
    const again = new AbortController();
    const rereading = (async () => {
      try {
        for await (const chunk of new Client({ apiUrl: second.url }).threads.joinStream(thread.thread_id, { lastEventId: seen[2]!.id!, signal: again.signal }))
          resumed.push(chunk as Chunk);
      } catch (error) {
        if (!again.signal.aborted) throw error;
      }
    })();
    for (let tries = 0; tries < 100 && resumed.length < 5; tries++) await sleep(20);
    again.abort();
    await rereading;
    expect(resumed).toEqual(seen.slice(3));
  });

  test("on_disconnect: cancel interrupts the run when the client goes away; continue lets it finish", async () => {
    for (const onDisconnect of ["cancel", "continue"] as const) {
      const thread = await client.threads.create();
      const chunks = await readThenLeave(
        (signal) => client.runs.stream(thread.thread_id, "agent", { input: { label: "d" }, streamMode: ["updates"], onDisconnect, signal, ...slow(150) }),
        2,
      );
      expect(await statusWhenDone(client, thread.thread_id, runIdOf(chunks))).toBe(onDisconnect === "cancel" ? "interrupted" : "success");
    }
    const thread = await client.threads.create();
    const run = await client.runs.create(thread.thread_id, "agent", { input: { label: "j" }, streamMode: ["updates"], ...slow(150) });
    await readThenLeave((signal) => client.runs.joinStream(thread.thread_id, run.run_id, { cancelOnDisconnect: true, signal }), 2);
    expect(await statusWhenDone(client, thread.thread_id, run.run_id)).toBe("interrupted");
    expect(((await client.threads.getState(thread.thread_id)).values as { items: string[] }).items).toEqual(["j:a"]);
  });

  test("runs.wait with on_disconnect cancel: a client that gives up cancels the run", async () => {
    const thread = await client.threads.create();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    await expect(
      client.runs.wait(thread.thread_id, "agent", { input: { label: "w" }, onDisconnect: "cancel", signal: controller.signal, ...slow(150) }),
    ).rejects.toThrow();
    const [run] = await client.runs.list(thread.thread_id);
    expect(await statusWhenDone(client, thread.thread_id, run!.run_id)).toBe("interrupted");
  });

  test("a joined stream that is quiet carries heartbeats", async () => {
    const thread = await client.threads.create();
    const run = await client.runs.create(thread.thread_id, "agent", { input: { label: "q" }, streamMode: ["updates"], ...slow(150) });
    const response = await fetch(`${server.url}/threads/${thread.thread_id}/runs/${run.run_id}/stream`);
    expect(response.headers.get("location")).toBe(`/threads/${thread.thread_id}/runs/${run.run_id}/stream`);
    const text = await response.text();
    expect(text).toContain(": heartbeat\n\n");
    expect(text.match(/^event: /gm)).toHaveLength(4);
  });
});

describe("a resumable run joined from another process (SQLite file shared by two servers)", () => {
  let dir: string;
  let store: SqliteEventStore;
  let server: RunningServer;
  let child: ReturnType<typeof spawnTypeScriptWorker>;
  let childUrl: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "replaygraph-serve-streams-"));
    store = new SqliteEventStore(join(dir, "threads.db"));
    server = await serve({ store, graphs: { agent, hitl }, port: 0 });
    child = spawnTypeScriptWorker(new URL("./testing/serve-worker.ts", import.meta.url), [join(dir, "threads.db")]);
    childUrl = (await childLines(child).waitFor(/^SERVE_READY /)).split(" ")[1]!;
  }, 60_000);
  afterAll(async () => {
    child?.kill("SIGTERM");
    await server?.close();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test("the other process replays every frame after Last-Event-ID while the run goes on, then ends with it", async () => {
    const client = new Client({ apiUrl: server.url });
    const thread = await client.threads.create();
    const first = await collect(
      client.runs.stream(thread.thread_id, "agent", { input: { label: "p" }, streamMode: [...modes], streamResumable: true, ...slow(100) }),
      3,
    );
    const runId = runIdOf(first);
    const rest = await collect(new Client({ apiUrl: childUrl }).runs.joinStream(thread.thread_id, runId, { lastEventId: first.at(-1)!.id! }));
    const whole = await collect(client.runs.joinStream(thread.thread_id, runId, { lastEventId: "-1" }));
    expect([...first, ...rest]).toEqual(whole);
    expect(whole).toHaveLength(11);
    expect((await new Client({ apiUrl: childUrl }).runs.get(thread.thread_id, runId)).status).toBe("success");
  });
});
