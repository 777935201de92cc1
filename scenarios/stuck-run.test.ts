import { afterAll, describe, expect, it } from "vitest";
import { createEngine } from "replaygraph";
import { sleep } from "./double-texting.js";
import { buildJobGraph, createStuckSwitch } from "./stuck-run.js";
import { stopSharedServers, storeFixtures } from "./testing/store-fixtures.js";

afterAll(stopSharedServers);

describe.each(storeFixtures)("a stuck run (seed 000) on $name", (fixture) => {
  /** An engine on a fresh store with the jobs graph, a new thread, and the stuck node's switch. */
  async function setUp() {
    const under = await fixture.create();
    const stuck = createStuckSwitch();
    const engine = createEngine({ store: under.store, graphs: { jobs: buildJobGraph(under.store, stuck) } });
    const { thread_id: threadId } = await engine.threads.create();
    const cleanup = async () => {
      stuck.release();
      await under.cleanup();
    };
    return { store: under.store, stuck, engine, threadId, cleanup };
  }

  it("is interrupted so a new run proceeds; the stuck node's late write never reaches the stream", async () => {
    const { store, stuck, engine, threadId, cleanup } = await setUp();
    try {
      const hung = await engine.runs.create(threadId, "jobs", { input: { job: "stuck" } });
      await sleep(50);
      expect((await engine.runs.get(threadId, hung.run_id)).status).toBe("running");

      const next = await engine.runs.create(threadId, "jobs", { input: { job: "fresh" }, multitaskStrategy: "interrupt" });
      await engine.runs.join(threadId, next.run_id);
      expect((await engine.runs.get(threadId, hung.run_id)).status).toBe("interrupted");
      expect((await engine.runs.get(threadId, next.run_id)).status).toBe("success");
      expect((await engine.threads.getState(threadId)).values.log).toEqual(["stuck:prepare", "fresh:prepare", "fresh:work"]);

      // The stuck node finally returns: nothing of it may land.
      const revision = (await store.readStream(`thread-${threadId}`)).currentRevision;
      stuck.release();
      await stuck.returned;
      await sleep(20);
      expect((await store.readStream(`thread-${threadId}`)).currentRevision).toBe(revision);
      expect((await engine.threads.getState(threadId)).values.log).not.toContain("stuck:late write");
      expect((await engine.threads.get(threadId)).status).toBe("idle");
    } finally {
      await cleanup();
    }
  });

  it("a run over its timeout ends with status timeout, keeping its committed steps; the thread takes new runs", async () => {
    const { engine, threadId, cleanup } = await setUp();
    try {
      const slow = await engine.runs.create(threadId, "jobs", { input: { job: "stuck" }, timeoutMs: 60 });
      await engine.runs.join(threadId, slow.run_id);
      expect((await engine.runs.get(threadId, slow.run_id)).status).toBe("timeout");
      expect((await engine.threads.getState(threadId)).values.log).toEqual(["stuck:prepare"]);
      expect((await engine.runs.wait(threadId, "jobs", { input: { job: "next" } }))["log"]).toEqual(["stuck:prepare", "next:prepare", "next:work"]);
    } finally {
      await cleanup();
    }
  });

  it("runs.cancel of a stuck run ends it as interrupted, keeping its committed steps", async () => {
    const { store, stuck, engine, threadId, cleanup } = await setUp();
    try {
      const hung = await engine.runs.create(threadId, "jobs", { input: { job: "stuck" } });
      await sleep(50);
      await engine.runs.cancel(threadId, hung.run_id);
      expect((await engine.runs.get(threadId, hung.run_id)).status).toBe("interrupted");
      expect((await engine.threads.getState(threadId)).values.log).toEqual(["stuck:prepare"]);
      await expect(engine.runs.cancel(threadId, hung.run_id)).rejects.toThrow(/neither queued nor running/);
    } finally {
      await cleanup();
    }
  });
});
