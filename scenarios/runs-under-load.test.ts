import { afterAll, describe, expect, it } from "vitest";
import { createEngine, type MultitaskStrategy } from "replaygraph";
import { buildChatGraph } from "./double-texting.js";
import { expectReplayMatchesLive } from "./testing/expect-replay-matches-live.js";
import { stopSharedServers, storeFixtures } from "./testing/store-fixtures.js";

afterAll(stopSharedServers);

const terminal = ["success", "error", "interrupted", "timeout"];

describe.each(storeFixtures.filter((fixture) => fixture.name !== "eventstoredb"))("runs under load on $name", (fixture) => {
  it(
    "100 concurrent runs on 100 threads and 20 double texts on one thread all end, lose no committed step, and replay to their live state",
    { timeout: 60_000 },
    async () => {
      const { store, reopen, cleanup } = await fixture.create();
      try {
        const graph = buildChatGraph(store);
        const engine = createEngine({ store, graphs: { agent: graph } });
        const threads = await Promise.all(Array.from({ length: 100 }, () => engine.threads.create()));
        const runs = await Promise.all(threads.map((thread, i) => engine.runs.create(thread.thread_id, "agent", { input: { question: `q${i}` } })));

        const busy = await engine.threads.create();
        const strategies: MultitaskStrategy[] = ["enqueue", "interrupt", "rollback", "enqueue", "reject"];
        const texts = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) =>
            engine.runs.create(busy.thread_id, "agent", { input: { question: `t${i}` }, multitaskStrategy: strategies[i % strategies.length]! }),
          ),
        );
        const accepted = texts.flatMap((text) => (text.status === "fulfilled" ? [text.value] : []));
        for (const text of texts) if (text.status === "rejected") expect((text.reason as Error).name).toBe("ThreadBusyError");

        await Promise.all([...runs, ...accepted].map((run) => engine.runs.join(run.thread_id, run.run_id)));
        for (const run of [...runs, ...accepted]) expect(terminal).toContain((await engine.runs.get(run.thread_id, run.run_id)).status);
        for (const [i, thread] of threads.entries()) {
          expect((await engine.threads.getState(thread.thread_id)).values.messages).toEqual([`q${i}:think`, `q${i}:search`, `q${i}:answer`]);
        }
        const reopened = await reopen();
        for (const thread of [...threads.slice(0, 10), busy]) await expectReplayMatchesLive(graph, buildChatGraph, reopened, thread.thread_id);
        expect((await engine.threads.get(busy.thread_id)).status).toBe("idle");
      } finally {
        await cleanup();
      }
    },
  );
});
