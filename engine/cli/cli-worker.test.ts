import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { MemoryEventStore } from "../../store/memory/memory-event-store.js";
import { SqliteEventStore } from "../../store/sqlite/sqlite-event-store.js";
import { agent } from "../../scenarios/serve-demo-graphs.js";
import { createEngine } from "../service/create-engine.js";
import { snapshotBuiltCli, type BuiltCli } from "./testing/built-cli.js";

// The built `replaygraph worker` as a process beside a front end (an engine that executes no runs)
// on one SQLite file: it executes the runs the front end queues, and SIGTERM stops it gracefully.

let cli: BuiltCli;
beforeAll(async () => {
  cli = await snapshotBuiltCli();
}, 180_000);
afterAll(() => cli?.cleanup());

function startWorker(file: string) {
  const child = spawn(
    process.execPath,
    [join(cli.root, "dist", "engine", "cli", "main.js"), "worker", "--demo", "--store", `sqlite:${file}`, "--concurrency", "2", "--sweep", "500"],
    {
      cwd: cli.root,
      env: { ...process.env, REPLAYGRAPH_STORE: "" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output = { stdout: "", stderr: "" };
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output.stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return { child, output, exited };
}

test("a run executed by a worker process streams to a client joined through the front end: the chunks a one-process engine gives, custom ones included", async () => {
  const file = join(cli.root, "streams.db");
  const store = new SqliteEventStore(file);
  const front = createEngine({ store, graphs: { agent }, worker: { concurrency: 0 } });
  const local = createEngine({ store: new MemoryEventStore(), graphs: { agent } });
  const worker = startWorker(file);
  const collect = async (iterator: AsyncIterableIterator<{ event: string; data: unknown }>) => {
    const chunks: { event: string; data: unknown }[] = [];
    for await (const chunk of iterator) chunks.push(chunk.event === "metadata" ? { event: "metadata", data: "<run>" } : chunk);
    return chunks;
  };
  try {
    const params = { input: { label: "s" }, streamMode: ["values", "updates", "custom"] as const, config: { configurable: { sleep_ms: 30 } } };
    await front.threads.create({ threadId: "s" });
    await local.threads.create({ threadId: "s" });
    const [remote, expected] = await Promise.all([
      collect(await front.runs.stream("s", "agent", params)),
      collect(await local.runs.stream("s", "agent", params)),
    ]);
    expect(expected.map((chunk) => chunk.event)).toContain("custom");
    expect(remote).toEqual(expected);
    worker.child.kill("SIGTERM");
    expect(await worker.exited, worker.output.stderr).toBe(0);
  } finally {
    if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
    await front.close();
    await store.close();
  }
}, 120_000);

test("replaygraph worker --demo executes runs another process queued, in each thread's order, and stops on SIGTERM", async () => {
  const file = join(cli.root, "worker.db");
  const store = new SqliteEventStore(file);
  const front = createEngine({ store, graphs: { agent }, worker: { concurrency: 0 } });
  const child = spawn(
    process.execPath,
    [join(cli.root, "dist", "engine", "cli", "main.js"), "worker", "--demo", "--store", `sqlite:${file}`, "--concurrency", "2", "--sweep", "500"],
    {
      cwd: cli.root,
      env: { ...process.env, REPLAYGRAPH_STORE: "" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  try {
    const runs: { threadId: string; runId: string }[] = [];
    for (const threadId of ["w1", "w2", "w3"]) {
      await front.threads.create({ threadId });
      for (const label of ["x", "y"]) runs.push({ threadId, runId: (await front.runs.create(threadId, "agent", { input: { label } })).run_id });
    }
    for (const { threadId, runId } of runs) await front.runs.join(threadId, runId);
    for (const { threadId, runId } of runs) expect((await front.runs.get(threadId, runId)).status).toBe("success");
    for (const threadId of ["w1", "w2", "w3"]) {
      expect((await front.threads.getState(threadId)).values["items"]).toEqual(["x:a", "x:b", "x:c", "y:a", "y:b", "y:c"]);
    }
    expect(stdout).toMatch(/replaygraph worker: executing runs of graphs agent, hitl .*concurrency 2/);
    child.kill("SIGTERM");
    expect(await exited, stderr).toBe(0);
    expect(stdout).toMatch(/replaygraph worker: stopped/);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
    await front.close();
    await store.close();
  }
}, 120_000);
