import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteEventStore } from "replaygraph/sqlite";
import { spawnTypeScriptWorker } from "../store/testing/spawn-typescript-worker.js";
import { buildPlanRevisionGraph, initialPlan, runPlanRevision, type PlanAnswer, type PlanQuestion } from "./plan-revision.js";
import { expectReplayMatchesLive } from "./testing/expect-replay-matches-live.js";
import { stopSharedServers, storeFixtures } from "./testing/store-fixtures.js";

const answers: PlanAnswer[] = [{ approve: false, feedback: "Add a budget" }, { approve: false, feedback: "Shorten the timeline" }, { approve: true }];
const latestPlans = [initialPlan, `${initialPlan}  3. Add a budget`, `${initialPlan}  3. Add a budget  4. Shorten the timeline`];

afterAll(stopSharedServers);

describe.each(storeFixtures)("plan revision (seed 001) on $name", (fixture) => {
  it("every interrupt surfaces the latest plan, with a new interrupt id each round, until approved", async () => {
    const { store, reopen, cleanup } = await fixture.create();
    try {
      const graph = buildPlanRevisionGraph(store);
      const { exchanges, final } = await runPlanRevision(graph, "plan-1", answers);
      expect(exchanges.map((e) => e.question.plan)).toEqual(latestPlans);
      expect(exchanges.map((e) => e.question.revision)).toEqual([0, 1, 2]);
      expect(new Set(exchanges.map((e) => e.interruptId)).size).toBe(3);
      expect(final).toMatchObject({ approved: true, revision: 2, plan: latestPlans[2], feedback: ["Add a budget", "Shorten the timeline"] });
      expect(final["__interrupt__"]).toBeUndefined();
      await expectReplayMatchesLive(graph, buildPlanRevisionGraph, await reopen(), "plan-1");
    } finally {
      await cleanup();
    }
  });
});

describe("plan revision on SQLite across process restarts", () => {
  it("a thread paused in one process resumes correctly in new processes, each showing the latest plan", async () => {
    const dir = await mkdtemp(join(tmpdir(), "replaygraph-plan-"));
    const path = join(dir, "threads.db");
    try {
      const first = await runWorker(path, []);
      expect(first.exchanges).toEqual([]);
      expect(first.pending.map((p) => p.value.plan)).toEqual([latestPlans[0]]);

      const second = await runWorker(path, [answers[0]!]);
      expect(second.exchanges.map((e) => e.question.plan)).toEqual([latestPlans[0]]);
      expect(second.exchanges[0]!.interruptId).toBe(first.pending[0]!.id);
      expect(second.pending.map((p) => p.value.plan)).toEqual([latestPlans[1]]);

      const store = new SqliteEventStore(path);
      try {
        const graph = buildPlanRevisionGraph(store);
        const third = await runPlanRevision(graph, "plan-restarts", answers.slice(1));
        expect(third.exchanges.map((e) => e.question.plan)).toEqual(latestPlans.slice(1));
        expect(third.final).toMatchObject({ approved: true, plan: latestPlans[2] });
      } finally {
        await store.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

interface WorkerOutput {
  exchanges: { interruptId: string; question: PlanQuestion }[];
  pending: { id: string; value: PlanQuestion }[];
}

async function runWorker(path: string, workerAnswers: readonly PlanAnswer[]): Promise<WorkerOutput> {
  const child = spawnTypeScriptWorker(new URL("./testing/plan-revision-worker.ts", import.meta.url), [path, "plan-restarts", JSON.stringify(workerAnswers)]);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`plan-revision worker exited with ${code}: ${stderr}`);
  return JSON.parse(stdout.trim()) as WorkerOutput;
}
