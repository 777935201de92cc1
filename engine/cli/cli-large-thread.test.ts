import { mkdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNode, snapshotBuiltCli, type BuiltCli } from "./testing/built-cli.js";

// A loop graph as a user's module: one node that counts, with a 700-character note, until it has
// run `steps` times. Three events a step: 33,334 steps make a thread of 100,005 events (~55 MB as
// a history file).
const counterGraph = `
import { Annotation, END, START, StateGraph } from "replaygraph";
const State = Annotation.Root({ n: Annotation(), note: Annotation() });
const steps = 33_334;
export default new StateGraph(State)
  .addNode("tick", (state) => ({ n: state.n + 1, note: ("tick " + (state.n + 1)).padEnd(700, "~") }))
  .addEdge(START, "tick")
  .addConditionalEdges("tick", (state) => (state.n >= steps ? END : "tick"), ["tick", END])
  .compile({ name: "counter" });
`;
const runCounter = `
import { SqliteEventStore } from "replaygraph/sqlite";
import graph from "./counter.mjs";
const store = new SqliteEventStore(process.argv[2]);
await graph.withCheckpointer(store).invoke({ n: 0 }, { configurable: { thread_id: "big" }, recursionLimit: 100_000 });
await store.close();
`;
// Holding the file in memory, as a naive import would: must not fit in the heap the CLI gets.
const naiveImport = `
const lines = require("node:fs").readFileSync(process.argv[1], "utf8").split("\\n").filter(Boolean).map((line) => JSON.parse(line));
console.log(lines.length);
`;

/** The V8 heap each CLI run gets: far less than the thread's data. */
const heapFlag = "--max-old-space-size=32";
const events = 100_005;

let cli: BuiltCli;
beforeAll(async () => {
  cli = await snapshotBuiltCli();
  await mkdir(join(cli.root, "graphs"), { recursive: true });
  await writeFile(join(cli.root, "graphs", "counter.mjs"), counterGraph);
  await writeFile(join(cli.root, "graphs", "run-counter.mjs"), runCounter);
  const ran = await runNode([join(cli.root, "graphs", "run-counter.mjs"), join(cli.root, "big.db")], cli.root);
  expect(ran).toMatchObject({ code: 0, stderr: "" });
}, 180_000);
afterAll(() => cli?.cleanup());

/** Runs the CLI with a small heap, progress bars forced on and the peak RSS reported. */
async function bounded(args: string[]) {
  const result = await cli.run([...args, "--progress"], { nodeFlags: [heapFlag], env: { REPLAYGRAPH_DEBUG: "memory" } });
  const peak = /peak rss (\d+) MiB/.exec(result.stderr);
  expect(peak, result.stderr).not.toBeNull();
  return { ...result, peakMiB: Number(peak![1]) };
}

describe("a 100,000-event thread through the built CLI", () => {
  it("exports, imports and verifies with progress bars, within a 32 MB heap", { timeout: 120_000 }, async () => {
    const exported = await bounded(["export", "big", "--store", "sqlite:./big.db", "--out", "big.jsonl"]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain(`exported ${events} events of thread 'big'`);
    expect(exported.stderr).toMatch(/export +\[#{30}\] 100% {2}100,005\/100,005 events/);
    expect(exported.stderr).toMatch(/export +\[#+\.+\] +\d+% {2}[\d,]+\/100,005 events/);
    const fileBytes = (await stat(join(cli.root, "big.jsonl"))).size;
    expect(fileBytes).toBeGreaterThan(50 * 1024 * 1024);

    const imported = await bounded(["import", "big.jsonl", "--store", "sqlite:./copy.db"]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`imported ${events} events of thread 'big'`);
    expect(imported.stderr).toMatch(/check +\[#{30}\] 100% {2}100,005\/100,005 events/);
    expect(imported.stderr).toMatch(/import +\[#{30}\] 100% {2}100,005\/100,005 events/);

    const verified = await bounded(["verify", "graphs/counter.mjs", "big", "--store", "sqlite:./copy.db"]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toContain(`reproduces its ${events} events (33334 steps`);
    expect(verified.stderr).toMatch(/verify +\[#{30}\] 100% {2}100,005\/100,005 events/);

    const state = await bounded(["state", "big", "--store", "sqlite:./copy.db", "--graph", "graphs/counter.mjs", "--json"]);
    expect(JSON.parse(state.stdout)).toMatchObject({ revision: events - 1, values: { n: 33_334 } });

    // The control: the same data held in memory does not fit in that heap.
    const naive = await runNode([heapFlag, "-e", naiveImport, join(cli.root, "big.jsonl")], cli.root);
    expect(naive.code).not.toBe(0);
    expect(naive.stderr).toMatch(/heap out of memory/i);

    const peaks = { export: exported.peakMiB, import: imported.peakMiB, verify: verified.peakMiB, state: state.peakMiB };
    console.log(`100,005 events, ${(fileBytes / 2 ** 20).toFixed(0)} MiB as a file; peak RSS (MiB) with a 32 MB heap:`, peaks);
    for (const peak of Object.values(peaks)) expect(peak).toBeLessThan(200);
  });
});
