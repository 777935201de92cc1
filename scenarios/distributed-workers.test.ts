import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, upcastThreadEvent, type Engine, type EventStore } from "replaygraph";
import { PostgresEventStore } from "replaygraph/postgres";
import { SqliteEventStore } from "replaygraph/sqlite";
import { childLines, type ChildLines } from "../store/testing/child-lines.js";
import { spawnTypeScriptWorker } from "../store/testing/spawn-typescript-worker.js";
import { startPostgresServer, type PostgresServer } from "../store/postgres/testing/start-postgres-server.js";
import { buildJobsGraph } from "./distributed-jobs.js";

const leaseMs = 1_000;
const slowMs = 1_500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Setup {
  readonly name: string;
  readonly workers: number;
  readonly threads: number;
  readonly runsPerThread: number;
  open(dir: string): Promise<{ spec: string; store: () => EventStore; stop: () => Promise<void> }>;
}

let server: PostgresServer | undefined;
const setups: Setup[] = [
  {
    name: "PostgreSQL (LISTEN/NOTIFY and a sweep)",
    workers: 3,
    threads: 50,
    runsPerThread: 4,
    async open() {
      server ??= await startPostgresServer();
      const spec = server.connectionString;
      return { spec, store: () => new PostgresEventStore({ connectionString: spec }), stop: async () => undefined };
    },
  },
  {
    name: "one SQLite file (polling its change counter)",
    workers: 3,
    // Four times one worker's concurrency, so work is left for a second worker on a loaded machine.
    threads: 16,
    runsPerThread: 3,
    async open(dir) {
      const spec = join(dir, "threads.db");
      return { spec, store: () => new SqliteEventStore(spec), stop: async () => undefined };
    },
  },
];

afterAll(async () => {
  await server?.stop();
});

describe.each(setups)("runs distributed over worker processes on $name", (setup) => {
  let dir = "";
  let sideEffects = "";
  let store: EventStore;
  let front: Engine;
  const workers: { child: ReturnType<typeof spawnTypeScriptWorker>; output: ChildLines }[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "replaygraph-workers-"));
    sideEffects = join(dir, "side-effects.log");
    await writeFile(sideEffects, "");
    const opened = await setup.open(dir);
    store = opened.store();
    // The front end queues runs and reads them; it executes none (concurrency 0).
    front = createEngine({ store, graphs: { jobs: buildJobsGraph(store, sideEffects, slowMs) }, worker: { concurrency: 0 }, leaseMs, crashedRuns: "requeue" });
    // The schema exists before the workers start (they would migrate it together otherwise, which is also fine).
    await store.listStreams({ maxCount: 1 });
    for (let index = 0; index < setup.workers; index++) {
      const child = spawnTypeScriptWorker(new URL("./testing/distributed-worker-process.ts", import.meta.url), [
        opened.spec,
        sideEffects,
        "4",
        String(leaseMs),
        String(slowMs),
      ]);
      workers.push({ child, output: childLines(child) });
    }
    await Promise.all(workers.map(({ output }) => output.waitFor(/^ready$/)));
  }, 120_000);
  afterAll(async () => {
    for (const { child } of workers) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await Promise.all(workers.map(({ output }) => output.exited));
    await front?.close();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("every run executes exactly once, each thread's runs in their order, and a worker killed mid-run has its run finished by another after its lease", async () => {
    // The slow run first: its worker is killed (SIGKILL) while its step `b` executes.
    await front.threads.create({ threadId: "slow" });
    const slow = await front.runs.create("slow", "jobs", { input: { job: "slow-1" } });
    const startedLine = await waitForLine(sideEffects, /^slow-1 b-start (\d+)$/);
    const killedPid = Number(startedLine.split(" ")[2]);
    const victim = workers.find(({ child }) => child.pid === killedPid);
    expect(victim, "the slow run runs in one of the worker processes").toBeDefined();
    victim!.child.kill("SIGKILL");
    expect((await victim!.output.exited).signal).toBe("SIGKILL");

    // Many runs over many threads, queued by the front end while the others work.
    const jobsOf = (thread: number) => Array.from({ length: setup.runsPerThread }, (_, run) => `t${thread}-r${run}`);
    const created = await Promise.all(
      Array.from({ length: setup.threads }, async (_, thread) => {
        await front.threads.create({ threadId: `t${thread}` });
        const runIds: string[] = [];
        for (const job of jobsOf(thread)) runIds.push((await front.runs.create(`t${thread}`, "jobs", { input: { job } })).run_id);
        return { threadId: `t${thread}`, runIds };
      }),
    );
    await Promise.all(
      [slow, ...created.flatMap(({ threadId, runIds }) => runIds.map((run_id) => ({ thread_id: threadId, run_id })))].map((run) =>
        front.runs.join(run.thread_id, run.run_id),
      ),
    );

    // Every run is terminal and succeeded, the killed one included (re-queued after its lease).
    for (const { threadId, runIds } of [{ threadId: "slow", runIds: [slow.run_id] }, ...created]) {
      const statuses = await Promise.all(runIds.map(async (runId) => (await front.runs.get(threadId, runId)).status));
      expect(statuses).toEqual(runIds.map(() => "success"));
    }
    const lines = (await readFile(sideEffects, "utf8")).split("\n").filter(Boolean);
    const count = (line: string) => lines.filter((entry) => entry.startsWith(`${line} `)).length;
    // Exactly once: every node of every run ran once (no claim was won twice, no step redone).
    for (let thread = 0; thread < setup.threads; thread++) {
      for (const job of jobsOf(thread)) for (const node of ["a", "b", "c"]) expect(count(`${job} ${node}`), `${job} ${node}`).toBe(1);
    }
    // The killed run: its committed step `a` was not redone; `b` started twice (once per worker) and finished once.
    expect([count("slow-1 a"), count("slow-1 b-start"), count("slow-1 b"), count("slow-1 c")]).toEqual([1, 2, 1, 1]);
    const bStarts = lines.filter((line) => line.startsWith("slow-1 b-start ")).map((line) => Number(line.split(" ")[2]));
    expect(bStarts[0]).toBe(killedPid);
    expect(bStarts[1]).not.toBe(killedPid);
    // The work was spread over the workers.
    const pids = new Set(lines.filter((line) => /^t\d+-/.test(line)).map((line) => line.split(" ")[2]));
    expect(pids.size).toBeGreaterThanOrEqual(2);

    // Per-thread order, and each thread's stream: every step committed once, in order.
    for (let thread = 0; thread < setup.threads; thread++) {
      const state = await front.threads.getState(`t${thread}`);
      expect(state.values["log"]).toEqual(jobsOf(thread).flatMap((job) => ["a", "b", "c"].map((node) => `${job}:${node}`)));
    }
    expect((await front.threads.getState("slow")).values["log"]).toEqual(["slow-1:a", "slow-1:b", "slow-1:c"]);
    for (const threadId of ["slow", ...created.map(({ threadId }) => threadId)]) {
      const { events } = await store.readStream(`thread-${threadId}`);
      const steps = events.filter((event) => event.type === "StepCommitted").map((event) => (upcastThreadEvent(event) as { step: number }).step);
      expect(steps).toEqual([...steps].sort((a, b) => a - b));
      expect(new Set(steps).size).toBe(steps.length);
      const succeeded = events.filter((event) => event.type === "TaskSucceeded").map((event) => (upcastThreadEvent(event) as { taskId: string }).taskId);
      expect(new Set(succeeded).size).toBe(succeeded.length);
    }

    // A fresh process's replay of every thread equals the live state the front end reads.
    const fresh = setup.name.startsWith("PostgreSQL")
      ? new PostgresEventStore({ connectionString: server!.connectionString })
      : new SqliteEventStore(join(dir, "threads.db"));
    try {
      const replayed = createEngine({ store: fresh, graphs: { jobs: buildJobsGraph(fresh, sideEffects, slowMs) } });
      for (const threadId of ["slow", ...created.map(({ threadId }) => threadId)]) {
        expect((await replayed.threads.getState(threadId)).values).toEqual((await front.threads.getState(threadId)).values);
      }
    } finally {
      await fresh.close();
    }
  }, 180_000);
});

/** Waits for a line of `path` matching `pattern` (written by another process). */
async function waitForLine(path: string, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readFile(path, "utf8")).split("\n").find((line) => pattern.test(line));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no line matching ${pattern} in ${path} after ${timeoutMs} ms`);
    await sleep(20);
  }
}
