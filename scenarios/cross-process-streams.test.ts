import { afterAll, beforeAll, expect, it } from "vitest";
import { createEngine, MemoryEventStore, type Engine } from "replaygraph";
import { PostgresEventStore } from "replaygraph/postgres";
import { childLines, type ChildLines } from "../store/testing/child-lines.js";
import { spawnTypeScriptWorker } from "../store/testing/spawn-typescript-worker.js";
import { startPostgresServer, type PostgresServer } from "../store/postgres/testing/start-postgres-server.js";
import { deleteEndedChunkStreams } from "../engine/service/run-chunk-stream.js";
import { agent } from "./serve-demo-graphs.js";
import { nested, tokens } from "./stream-demo-graphs.js";

// A run executed by a worker process reaches a client joined through a front-end engine (which
// executes nothing) by the run's chunk stream in PostgreSQL: the same chunks a one-process engine
// streams, `custom` ones included, chat model tokens (`messages`) and subgraph chunks too, whether the client joins at the start, after the run ended, or
// resumes after a chunk; and a worker's sweep deletes the chunk stream once it is old.

let server: PostgresServer;
let store: PostgresEventStore;
let front: Engine;
let worker: { child: ReturnType<typeof spawnTypeScriptWorker>; output: ChildLines };
beforeAll(async () => {
  server = await startPostgresServer();
  store = new PostgresEventStore({ connectionString: server.connectionString });
  front = createEngine({ store, graphs: { agent, tokens, nested }, worker: { concurrency: 0 } });
  await store.listStreams({ maxCount: 1 });
  const child = spawnTypeScriptWorker(new URL("./testing/chunk-stream-worker.ts", import.meta.url), [server.connectionString]);
  worker = { child, output: childLines(child) };
  await worker.output.waitFor(/^ready$/);
}, 180_000);
afterAll(async () => {
  worker?.child.kill("SIGTERM");
  await worker?.output.exited;
  await front?.close();
  await store?.close();
  await server?.stop();
});

type Chunk = { event: string; data: unknown };
const collect = async (iterator: AsyncIterableIterator<Chunk>) => {
  const chunks: Chunk[] = [];
  for await (const chunk of iterator) chunks.push(chunk.event === "metadata" ? { event: "metadata", data: "<run>" } : chunk);
  return chunks;
};
const modes = ["values", "updates", "custom"] as const;
const params = { input: { label: "s" }, streamMode: modes, config: { configurable: { sleep_ms: 30 } } };

it("a joiner through another process gets the chunks a one-process engine streams, custom included; late, and resumed after a chunk", async () => {
  const local = createEngine({ store: new MemoryEventStore(), graphs: { agent } });
  await front.threads.create({ threadId: "s" });
  await local.threads.create({ threadId: "s" });
  const [remote, expected] = await Promise.all([
    collect(await front.runs.stream("s", "agent", params)),
    collect(await local.runs.stream("s", "agent", params)),
  ]);
  expect(expected.map((chunk) => chunk.event)).toContain("custom");
  expect(remote).toEqual(expected);
  const [run] = await front.runs.list("s");
  expect(run!.status).toBe("success");

  // Joined after the run ended: every chunk again, from the store.
  expect(await collect(await front.runs.joinStream("s", run!.run_id, { streamMode: [...modes] }))).toEqual(expected);
  // Only some modes: those chunks, in order.
  expect(await collect(await front.runs.joinStream("s", run!.run_id, { streamMode: "custom" }))).toEqual(
    expected.filter((chunk) => ["metadata", "custom"].includes(chunk.event)),
  );
  // Resumed after a chunk (Last-Event-ID is the chunk's revision in its stream): the rest.
  const { events } = await store.readStream(`chunks-${run!.run_id}`);
  const wanted = events.filter((event) => ["metadata", ...modes].includes((event.data as Chunk).event));
  const resumeAfter = wanted[3]!.revision;
  expect(await collect(await front.runs.joinStream("s", run!.run_id, { streamMode: [...modes], afterChunk: resumeAfter }))).toEqual(expected.slice(4));
  await local.close();
}, 120_000);

it("a client joined before the run starts (queued behind another) and one joined mid-run get the same chunks", async () => {
  await front.threads.create({ threadId: "q" });
  const first = await front.runs.create("q", "agent", { ...params, input: { label: "q1" } });
  const second = await front.runs.create("q", "agent", { ...params, input: { label: "q2" } });
  const early = collect(await front.runs.joinStream("q", second.run_id, { streamMode: [...modes] }));
  await front.runs.join("q", first.run_id);
  await new Promise((resolve) => setTimeout(resolve, 60));
  const mid = collect(await front.runs.joinStream("q", second.run_id, { streamMode: [...modes] }));
  const [a, b] = await Promise.all([early, mid]);
  expect(a.map((chunk) => chunk.event)).toEqual([
    "metadata",
    "values",
    "custom",
    "updates",
    "values",
    "custom",
    "updates",
    "values",
    "custom",
    "updates",
    "values",
  ]);
  expect(b).toEqual(a);
}, 120_000);

// The ids a chat model's run gives its message and the run ids in metadata differ between runs.
const withoutIds = (chunks: Chunk[]) =>
  JSON.parse(JSON.stringify(chunks).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<id>")) as Chunk[];

it("a run a worker executes streams chat model tokens and subgraph chunks as a one-process engine does", async () => {
  const local = createEngine({ store: new MemoryEventStore(), graphs: { tokens, nested } });
  const cases = [
    { threadId: "t", graphId: "tokens", params: { input: { messages: [{ role: "user", content: "hey" }] }, streamMode: ["messages", "updates"] as const } },
    { threadId: "n", graphId: "nested", params: { input: { items: [] }, streamMode: ["updates", "values"] as const, streamSubgraphs: true } },
  ];
  const reached: string[] = [];
  for (const { threadId, graphId, params: wanted } of cases) {
    await front.threads.create({ threadId, graphId });
    await local.threads.create({ threadId, graphId });
    const [remote, expected] = await Promise.all([
      collect(await front.runs.stream(threadId, graphId, { ...wanted, streamMode: [...wanted.streamMode] })),
      collect(await local.runs.stream(threadId, graphId, { ...wanted, streamMode: [...wanted.streamMode] })),
    ]);
    expect(withoutIds(remote)).toEqual(withoutIds(expected));
    reached.push(...expected.map((chunk) => ((chunk as { namespace?: string[] }).namespace ? `${chunk.event}|sub` : chunk.event)));
  }
  // What is compared is there: the model's tokens, one chunk each, and chunks from inside the subgraph.
  expect(reached.filter((event) => event === "messages").length).toBeGreaterThanOrEqual("hi you".length);
  expect(reached).toContain("updates|sub");
  await local.close();
}, 120_000);

it("a worker executes the graph a run names, also on a thread created for another graph", async () => {
  // threads.create() without a graph binds the thread to the first one (`agent`); the run names `nested`.
  await front.threads.create({ threadId: "g" });
  await front.runs.wait("g", "nested", { input: { items: [] } });
  const [run] = await front.runs.list("g");
  expect(run!.status).toBe("success");
  const local = createEngine({ store: new MemoryEventStore(), graphs: { nested } });
  await local.threads.create({ threadId: "g" });
  await local.runs.wait("g", "nested", { input: { items: [] } });
  expect((await front.threads.getState("g")).values).toEqual((await local.threads.getState("g")).values);
  expect((await front.threads.getState("g")).values).toHaveProperty("items", expect.arrayContaining(["x", "y", "after"]));
  await local.close();
}, 60_000);

it("old chunk streams are deleted, thread streams never", async () => {
  const before = (await store.listStreams({ prefix: "chunks-" })).streams;
  const threads = (await store.listStreams({ prefix: "thread-" })).streams;
  expect(threads).toEqual(expect.arrayContaining(["thread-s", "thread-q"]));
  expect(before.length).toBeGreaterThanOrEqual(3);
  // Nothing is old enough yet at the default retention.
  expect(await deleteEndedChunkStreams(store, 600_000)).toBe(0);
  expect(await deleteEndedChunkStreams(store, 1_000, Date.now() + 2_000)).toBe(before.length);
  expect((await store.listStreams({ prefix: "chunks-" })).streams).toEqual([]);
  expect((await store.listStreams({ prefix: "thread-" })).streams).toEqual(threads);
  // A join after the chunks were deleted ends (with no chunks) rather than waiting forever.
  const [run] = await front.runs.list("s");
  expect(await collect(await front.runs.joinStream("s", run!.run_id))).toEqual([]);
}, 60_000);
