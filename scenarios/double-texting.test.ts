import { afterAll, describe, expect, it } from "vitest";
import { createEngine, ThreadBusyError } from "replaygraph";
import { buildChatGraph, sleep, stepMs } from "./double-texting.js";
import { expectReplayMatchesLive } from "./testing/expect-replay-matches-live.js";
import { stopSharedServers, storeFixtures } from "./testing/store-fixtures.js";

afterAll(stopSharedServers);

describe.each(storeFixtures)("double texting (seed 002) on $name", (fixture) => {
  async function setUp() {
    const under = await fixture.create();
    const graph = buildChatGraph(under.store);
    const engine = createEngine({ store: under.store, graphs: { agent: graph } });
    const thread = await engine.threads.create();
    // The first run is in its second step when the second message arrives.
    const first = await engine.runs.create(thread.thread_id, "agent", { input: { question: "sf" } });
    await sleep(stepMs * 1.5);
    return { ...under, graph, engine, threadId: thread.thread_id, first };
  }

  it("interrupt: the first run ends interrupted, the thread holds its partial data plus the second run's", async () => {
    const { engine, threadId, first, graph, reopen, cleanup } = await setUp();
    try {
      const second = await engine.runs.create(threadId, "agent", { input: { question: "nyc" }, multitaskStrategy: "interrupt" });
      await engine.runs.join(threadId, second.run_id);
      expect((await engine.threads.getState(threadId)).values.messages).toEqual(["sf:think", "nyc:think", "nyc:search", "nyc:answer"]);
      expect((await engine.runs.get(threadId, first.run_id)).status).toBe("interrupted");
      expect((await engine.runs.get(threadId, second.run_id)).status).toBe("success");
      expect((await engine.threads.get(threadId)).status).toBe("idle");
      await expectReplayMatchesLive(graph, buildChatGraph, await reopen(), threadId);
    } finally {
      await cleanup();
    }
  });

  it("rollback: the first run's committed steps are dropped from the state, its events stay in the history", async () => {
    const { engine, threadId, first, store, cleanup } = await setUp();
    try {
      const second = await engine.runs.create(threadId, "agent", { input: { question: "nyc" }, multitaskStrategy: "rollback" });
      await engine.runs.join(threadId, second.run_id);
      expect((await engine.threads.getState(threadId)).values.messages).toEqual(["nyc:think", "nyc:search", "nyc:answer"]);
      expect((await engine.runs.get(threadId, first.run_id)).status).toBe("interrupted");
      const types = (await store.readStream(`thread-${threadId}`)).events.map((e) => e.type);
      expect(types).toContain("RunRolledBack");
      expect(types.filter((t) => t === "TaskSucceeded").length).toBe(4);
    } finally {
      await cleanup();
    }
  });

  it("enqueue: the second run waits its turn and both complete, in order", async () => {
    const { engine, threadId, first, cleanup } = await setUp();
    try {
      const second = await engine.runs.create(threadId, "agent", { input: { question: "nyc" }, multitaskStrategy: "enqueue" });
      expect(second.status).toBe("pending");
      await engine.runs.join(threadId, second.run_id);
      expect((await engine.threads.getState(threadId)).values.messages).toEqual([
        "sf:think",
        "sf:search",
        "sf:answer",
        "nyc:think",
        "nyc:search",
        "nyc:answer",
      ]);
      expect([(await engine.runs.get(threadId, first.run_id)).status, (await engine.runs.get(threadId, second.run_id)).status]).toEqual(["success", "success"]);
    } finally {
      await cleanup();
    }
  });

  it("reject: the second run is refused with ThreadBusyError and nothing is written; the first completes", async () => {
    const { engine, threadId, first, store, cleanup } = await setUp();
    try {
      const before = (await store.readStream(`thread-${threadId}`)).currentRevision;
      await expect(engine.runs.create(threadId, "agent", { input: { question: "nyc" }, multitaskStrategy: "reject" })).rejects.toBeInstanceOf(ThreadBusyError);
      expect((await engine.runs.list(threadId)).map((run) => run.run_id)).toEqual([first.run_id]);
      await engine.runs.join(threadId, first.run_id);
      expect((await engine.threads.getState(threadId)).values.messages).toEqual(["sf:think", "sf:search", "sf:answer"]);
      expect((await store.readStream(`thread-${threadId}`)).currentRevision).toBeGreaterThan(before);
    } finally {
      await cleanup();
    }
  });
});
