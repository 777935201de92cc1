import { afterAll, describe, expect, test } from "vitest";
import { createEngine, MemorySaver } from "../index.js";
import { agent, hitl } from "../../scenarios/serve-demo-graphs.js";
import { createCreatedRuns } from "./created-runs.js";

// serve() remembers the runs it created so that its shutdown can wait for them or cancel them;
// it must not remember every run it ever created.

describe("the runs a server created", () => {
  const engine = createEngine({ store: new MemorySaver(), graphs: { agent, hitl } });
  afterAll(() => engine.close());

  test("ended runs are forgotten: 400 runs leave about as many remembered as are in flight", async () => {
    const created = createCreatedRuns(engine);
    const thread = await engine.threads.create({ graphId: "agent" });
    let most = 0;
    for (let index = 0; index < 400; index++) {
      const run = await engine.runs.create(thread.thread_id, "agent", { input: { label: `r${index}` } });
      created.add(thread.thread_id, run.run_id);
      await engine.runs.join(thread.thread_id, run.run_id);
      most = Math.max(most, created.size);
    }
    expect(most).toBeLessThanOrEqual(2 * 64);
    expect(await created.inFlight()).toEqual([]);
    expect(created.size).toBe(0);
  });

  test("a run still in flight is kept, and forgotten once it ends", async () => {
    const created = createCreatedRuns(engine);
    const thread = await engine.threads.create({ graphId: "hitl" });
    const paused = await engine.runs.create(thread.thread_id, "hitl", { input: { label: "p" } });
    await engine.runs.join(thread.thread_id, paused.run_id);
    const other = await engine.threads.create({ graphId: "agent" });
    const slow = await engine.runs.create(other.thread_id, "agent", { input: { label: "s" }, config: { configurable: { sleep_ms: 100 } } });
    created.add(thread.thread_id, paused.run_id);
    created.add(other.thread_id, slow.run_id);
    expect(await created.inFlight()).toEqual([{ threadId: other.thread_id, runId: slow.run_id }]);
    expect(created.size).toBe(1);
    await engine.runs.join(other.thread_id, slow.run_id);
    expect(await created.inFlight()).toEqual([]);
  });
});
