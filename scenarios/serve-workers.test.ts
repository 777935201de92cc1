import { Client } from "@langchain/langgraph-sdk";
import { afterAll, beforeAll, expect, it } from "vitest";
import { MemoryEventStore } from "replaygraph";
import { PostgresEventStore } from "replaygraph/postgres";
import { serve, type RunningServer } from "../engine/server/serve.js";
import { childLines, type ChildLines } from "../store/testing/child-lines.js";
import { spawnTypeScriptWorker } from "../store/testing/spawn-typescript-worker.js";
import { startPostgresServer, type PostgresServer } from "../store/postgres/testing/start-postgres-server.js";
import { agent } from "./serve-demo-graphs.js";

// `serve({ worker: { concurrency: 0 } })` (`replaygraph serve --workers 0`) as a front end on
// PostgreSQL, its runs executed by a worker process: the SDK sees what it sees from a one-process
// server, streamed chunks (custom ones included) and the thread's values.

let server: PostgresServer;
let store: PostgresEventStore;
let front: RunningServer;
let single: RunningServer;
let worker: { child: ReturnType<typeof spawnTypeScriptWorker>; output: ChildLines };
beforeAll(async () => {
  server = await startPostgresServer();
  store = new PostgresEventStore({ connectionString: server.connectionString });
  front = await serve({ store, graphs: { agent }, port: 0, worker: { concurrency: 0 } });
  single = await serve({ store: new MemoryEventStore(), graphs: { agent }, port: 0 });
  const child = spawnTypeScriptWorker(new URL("./testing/chunk-stream-worker.ts", import.meta.url), [server.connectionString]);
  worker = { child, output: childLines(child) };
  await worker.output.waitFor(/^ready$/);
}, 180_000);
afterAll(async () => {
  worker?.child.kill("SIGTERM");
  await worker?.output.exited;
  await front?.close();
  await single?.close();
  await store?.close();
  await server?.stop();
});

const streamed = async (url: string) => {
  const client = new Client({ apiUrl: url });
  const thread = await client.threads.create();
  const events: { event: string; data: unknown }[] = [];
  for await (const part of client.runs.stream(thread.thread_id, "agent", {
    input: { label: "w" },
    streamMode: ["values", "updates", "custom"],
    config: { configurable: { sleep_ms: 20 } },
  })) {
    events.push(part.event === "metadata" ? { event: "metadata", data: "<run>" } : { event: part.event, data: part.data });
  }
  return {
    events,
    values: (await client.threads.getState(thread.thread_id)).values,
    runs: (await client.runs.list(thread.thread_id)).map((run) => run.status),
  };
};

it("a run streamed through a front end that executes nothing runs on the worker process and streams as on one process", async () => {
  const [distributed, local] = await Promise.all([streamed(front.url), streamed(single.url)]);
  expect(local.events.map((event) => event.event)).toContain("custom");
  expect(distributed).toEqual(local);
}, 120_000);
