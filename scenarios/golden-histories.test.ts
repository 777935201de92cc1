import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { text } from "node:stream/consumers";
import { afterAll, describe, expect, it } from "vitest";
import { MemoryEventStore, stateAt } from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { goldenHistories, goldenHistoryFile, loadGoldenHistory } from "./golden-histories.js";
import { recordGoldenHistory } from "./record-golden-history.js";

const dir = await mkdtemp(join(tmpdir(), "replaygraph-golden-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.each(goldenHistories)("golden history $name", (golden) => {
  it("imports into a fresh memory store and replays to the final state written in the scenario", async () => {
    const { graph, threadId } = await loadGoldenHistory(golden.name);
    const state = await graph.getState({ configurable: { thread_id: threadId } });
    expect(state.values).toEqual(golden.finalValues);
    expect(state.next).toEqual([]);
    expect((await stateAt(graph, threadId)).status).toBe("idle");
  });

  it("imports into a fresh SQLite file with every event, revision and id of the file", async () => {
    const store = new SqliteEventStore(join(dir, `${golden.name}.db`));
    const { threadId, graph } = await loadGoldenHistory(golden.name, store);
    const lines = (await readFile(goldenHistoryFile(golden.name), "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const [header, ...events] = lines;
    expect(header).toMatchObject({ format: "replaygraph-history", version: 1, threadId });
    for (const thread of (header as { threads: { threadId: string; events: number }[] }).threads) {
      const stored = (await store.readStream(`thread-${thread.threadId}`)).events;
      const recorded = events.filter((event) => event["thread"] === thread.threadId);
      expect(stored.map((event) => [event.revision, event.type, event.id])).toEqual(recorded.map((event) => [event["revision"], event["type"], event["id"]]));
    }
    expect((await graph.getState({ configurable: { thread_id: threadId } })).values).toEqual(golden.finalValues);
    await store.close();
  });
});

describe("recording golden histories", () => {
  it("is deterministic: two recordings of a scenario are the same bytes", async () => {
    for (const golden of goldenHistories.filter((candidate) => ["plan-revision", "subgraph-as-node"].includes(candidate.name))) {
      const [first, second] = await Promise.all([recording(golden), recording(golden)]);
      expect(first).toBe(second);
      expect(first.split("\n")[0]).toContain(`"threadId":"${golden.threadId}"`);
    }
  });

  it("loadGoldenHistory refuses an unknown name, listing the known ones", async () => {
    await expect(loadGoldenHistory("no-such-scenario", new MemoryEventStore())).rejects.toThrow(/plan-revision/);
  });
});

async function recording(golden: (typeof goldenHistories)[number]): Promise<string> {
  const output = new PassThrough();
  const collected = text(output);
  await recordGoldenHistory(golden, output);
  output.end();
  return collected;
}
