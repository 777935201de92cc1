import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createEngine } from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { spawnTypeScriptWorker } from "../store/testing/spawn-typescript-worker.js";
import { buildSlowChainGraph } from "./crashed-run.js";
import { sleep } from "./double-texting.js";

/** Starts a run in a child process, waits until its first step is stored, and kill -9s it mid-step. */
async function crashMidRun(path: string, threadId: string): Promise<void> {
  const child = spawnTypeScriptWorker(new URL("./testing/crash-run-worker.ts", import.meta.url), [path, threadId]);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("committed") && resolve());
    child.on("exit", (code) => reject(new Error(`worker exited early (${code}): ${stderr}`)));
  });
  child.kill("SIGKILL");
  await new Promise((resolve) => child.on("exit", resolve));
}

describe("a run whose process was killed mid-step (SQLite, real kill -9)", () => {
  for (const policy of ["error", "requeue"] as const) {
    it(`is found through its expired lease and ${policy === "error" ? "ends as error" : "is re-queued and finishes"}; the thread is not blocked`, async () => {
      const dir = await mkdtemp(join(tmpdir(), "replaygraph-crash-"));
      const path = join(dir, "threads.db");
      try {
        await crashMidRun(path, "crashed");
        const store = new SqliteEventStore(path);
        try {
          const engine = createEngine({ store, graphs: { chain: buildSlowChainGraph(store, 5) }, leaseMs: 300, crashedRuns: policy });
          const [run] = await engine.runs.list("crashed");
          expect(run?.status).toBe("running"); // its lease has not expired yet
          await sleep(350);
          if (policy === "error") {
            expect((await engine.runs.get("crashed", run!.run_id)).status).toBe("error");
            expect((await engine.runs.get("crashed", run!.run_id)).error?.message).toMatch(/lease expired/);
            expect((await engine.threads.get("crashed")).status).toBe("error");
            expect((await engine.threads.getState("crashed")).values.log).toEqual(["crash:first"]);
          } else {
            await engine.runs.join("crashed", run!.run_id);
            expect((await engine.runs.get("crashed", run!.run_id)).status).toBe("success");
            expect((await engine.threads.getState("crashed")).values.log).toEqual(["crash:first", "crash:second", "crash:third"]);
          }
          const next = await engine.runs.wait("crashed", "chain", { input: { topic: "after" }, multitaskStrategy: "reject" });
          expect(next["log"]).toContain("after:third");
        } finally {
          await store.close();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});
