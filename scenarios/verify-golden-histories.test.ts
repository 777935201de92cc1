import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { importHistory, MemoryEventStore, verify } from "replaygraph";
import { goldenHistories, goldenHistory, goldenHistoryFile, loadGoldenHistory } from "./golden-histories.js";

const dir = await mkdtemp(join(tmpdir(), "replaygraph-verify-golden-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.each(goldenHistories)("verify: golden history $name", (golden) => {
  it("today's code reproduces every recorded outcome", async () => {
    const { graph, threadId } = await loadGoldenHistory(golden.name);
    const result = await verify(graph, threadId);
    expect(result.ok ? "ok" : result.divergence).toBe("ok");
    expect(result.events).toBeGreaterThan(5);
  });
});

/** A line of a history file, parsed. */
interface Line {
  thread?: string;
  revision?: number;
  type?: string;
  data?: { json?: Record<string, unknown> };
}

describe("verify: a planted divergence", () => {
  it("an edited golden history (a node's recorded write changed) is reported at that revision, with the diff", async () => {
    const name = "plan-revision";
    const lines = (await readFile(goldenHistoryFile(name), "utf8")).trim().split("\n");
    const parsed = lines.map((line) => JSON.parse(line) as Line);
    // The second recorded write of the plan (the first revision after feedback).
    const planted = parsed.filter((line) => line.type === "TaskSucceeded" && line.data?.json?.["writes"] && "plan" in (line.data.json["writes"] as object))[1]!;
    const writes = planted.data!.json!["writes"] as Record<string, unknown>;
    const original = writes["plan"];
    writes["plan"] = "a plan nobody wrote";
    const file = join(dir, `${name}-edited.jsonl`);
    await writeFile(file, parsed.map((line) => JSON.stringify(line)).join("\n") + "\n");

    const store = new MemoryEventStore();
    await importHistory(store, file);
    const result = await verify(goldenHistory(name).buildGraph(store), goldenHistory(name).threadId);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.divergence).toMatchObject({ revision: planted.revision, what: "writes" });
    expect(result.divergence.diff).toEqual([{ path: "writes.plan", expected: "a plan nobody wrote", produced: original }]);
  });
});
