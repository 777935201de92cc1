import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
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

test("replaygraph worker --demo executes runs another process queued, in each thread's order, and stops on SIGTERM", async () => {
  const file = join(cli.root, "worker.db");
  const store = new SqliteEventStore(file);
  const front = createEngine({ store, graphs: { agent }, worker: { concurrency: 0 } });
  const child = spawn(process.execPath, [join(cli.root, "dist", "engine", "cli", "main.js"), "worker", "--demo", "--store", `sqlite:${file}`, "--concurrency", "2", "--sweep", "500"], {
    cwd: cli.root,
    env: { ...process.env, REPLAYGRAPH_STORE: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
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
