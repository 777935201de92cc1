import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNode, snapshotBuiltCli, type BuiltCli } from "./testing/built-cli.js";

// A review graph as a user's module: draft, a human edit through interrupt(), publish. The
// "changed" copy publishes differently: today's code no longer reproduces old threads.
const reviewGraph = (publish: string) => `
import { Annotation, END, START, StateGraph, interrupt } from "replaygraph";
const State = Annotation.Root({ topic: Annotation(), draft: Annotation(), published: Annotation() });
export const review = new StateGraph(State)
  .addNode("write", (state, config) => ({ draft: "About " + state.topic + " by " + (config.configurable?.author ?? "nobody") }))
  .addNode("edit", (state) => ({ draft: interrupt({ instruction: "Edit the draft", draft: state.draft }) }))
  .addNode("publish", (state) => ({ published: ${publish} }))
  .addEdge(START, "write").addEdge("write", "edit").addEdge("edit", "publish").addEdge("publish", END)
  .compile({ name: "review" });
export const notAGraph = 42;
`;
const recordReview = `
import { Command } from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { review } from "./review.mjs";
const store = new SqliteEventStore(process.argv[2]);
const graph = review.withCheckpointer(store);
const config = { configurable: { thread_id: process.argv[3], author: "ada" } };
await graph.invoke({ topic: "audits" }, config);
await graph.invoke(new Command({ resume: "Audits, edited by a human" }), config);
await store.close();
`;

let cli: BuiltCli;
let graphs: string;
const planGraph = () => join(cli.root, "dist/scenarios/plan-revision.js:buildPlanRevisionGraph");
const store = "--store=sqlite:./audit.db";

beforeAll(async () => {
  cli = await snapshotBuiltCli();
  graphs = join(cli.root, "graphs");
  await mkdir(graphs, { recursive: true });
  await writeFile(join(graphs, "review.mjs"), reviewGraph(`state.draft`));
  await writeFile(join(graphs, "review-changed.mjs"), reviewGraph(`state.draft.toUpperCase()`));
  await writeFile(join(graphs, "two-graphs.mjs"), `export { review } from "./review.mjs"; export { review as again } from "./review.mjs";`);
  await writeFile(join(graphs, "record-review.mjs"), recordReview);
  const recorded = await runNode([join(graphs, "record-review.mjs"), join(cli.root, "audit.db"), "review-1"], cli.root);
  expect(recorded).toMatchObject({ code: 0, stderr: "" });
}, 180_000);
afterAll(() => cli?.cleanup());

async function jsonLines(args: string[]): Promise<Record<string, any>[]> {
  const { code, stdout, stderr } = await cli.run(args);
  expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
  return stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, any>);
}

describe("the built replaygraph CLI on a SQLite file", () => {
  it("demo runs the plan-revision scenario, shows every question with the latest plan, and keeps an existing demo thread", async () => {
    const first = await cli.run(["demo", store]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("thread 'demo-plan'");
    expect(first.stdout.match(/^question {3}plan v\d: /gm)).toEqual(["question   plan v0: ", "question   plan v1: ", "question   plan v2: "]);
    expect(first.stdout).toContain("3. Add a budget  4. Shorten the timeline to two weeks");
    expect(first.stdout).toContain(`replaygraph history demo-plan --store sqlite:./audit.db`);
    const second = await cli.run(["demo", store]);
    expect(second.stdout).toContain("thread 'demo-plan-2'");
  });

  it("threads lists each thread with its graph, event count and last event", async () => {
    const rows = await jsonLines(["threads", store, "--json"]);
    expect(rows.find((row) => row["threadId"] === "demo-plan")).toMatchObject({ graph: "plan-revision", events: 30, lastEvent: "RunSucceeded" });
    expect(rows.find((row) => row["threadId"] === "review-1")).toMatchObject({ graph: "review", lastEvent: "RunSucceeded" });
    const viaEnvironment = await cli.run(["threads", "--json"], { env: { REPLAYGRAPH_STORE: "sqlite:./audit.db" } });
    expect(
      viaEnvironment.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line)),
    ).toEqual(rows);
    const table = await cli.run(["threads", store, "--limit", "1"]);
    expect(table.stdout.trim().split("\n")).toHaveLength(2);
    expect(table.stdout).toMatch(/^thread +graph +events +last event +updated/);
  });

  it("history shows who asked what and which answer came back, by revision, time, run, step and node", async () => {
    const table = await cli.run(["history", "demo-plan", store, "--type", "TaskInterrupted,InterruptResumed"]);
    expect(table.code).toBe(0);
    const rows = table.stdout.trim().split("\n").slice(1);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toMatch(
      /^ +3 {2}\d{4}-\d\d-\d\dT[\d:.]+Z {2}TaskInterrupted +\S{8} +0 {2}suggest_plan +asked \{"plan":"1. Collect the data {2}2. Summarize it"/,
    );
    expect(rows[1]).toMatch(/InterruptResumed .* suggest_plan +answered \{"approve":false,"feedback":"Add a budget"\}/);
    const all = await jsonLines(["history", "demo-plan", store, "--json"]);
    expect(all.map((entry) => entry["revision"])).toEqual([...Array(30).keys()]);
    expect(all[0]).toMatchObject({ type: "ThreadCreated", event: { graph: "plan-revision" } });
    const window = await jsonLines(["history", "demo-plan", store, "--json", "--from", "10", "--to", "12"]);
    expect(window.map((entry) => [entry["revision"], entry["step"]])).toEqual([
      [10, 1],
      [11, 1],
      [12, 2],
    ]);
    const unknown = await cli.run(["history", "nobody", store]);
    expect([unknown.code, unknown.stdout]).toEqual([3, ""]);
    expect(unknown.stderr).toMatch(/UnknownThreadError \[UNKNOWN_THREAD\]: Thread 'nobody' has no events/);
  });

  it("state rebuilds the state now and at any revision, through the graph module", async () => {
    const now = await cli.run(["state", "demo-plan", store, "--graph", planGraph()]);
    expect(now.code).toBe(0);
    expect(now.stdout).toMatch(/thread {6}demo-plan {2}\(revision 29 of 29, status idle\)/);
    expect(now.stdout).toContain(`"approved": true`);
    const waiting = await cli.run(["state", "demo-plan", store, "--graph", planGraph(), "--at", "14"]);
    expect(waiting.stdout).toContain("status interrupted");
    expect(waiting.stdout).toMatch(/interrupt {3}suggest_plan asks \{"plan":"1. Collect the data {2}2. Summarize it {2}3. Add a budget"/);
    const json = JSON.parse((await cli.run(["state", "demo-plan", store, "--graph", planGraph(), "--at", "11", "--json"])).stdout) as Record<string, any>;
    expect(json).toMatchObject({ revision: 11, next: ["suggest_plan"], values: { revision: 1, feedback: ["Add a budget"] } });
  });

  it("state finds the graph through ./langgraph.json, and says how to give it when it cannot", async () => {
    const missing = await cli.run(["state", "review-1", store]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/GraphRequiredError \[GRAPH_REQUIRED\]: .*\('review'\): pass --graph <file>\[:<export>\]/);
    await writeFile(join(cli.root, "langgraph.json"), JSON.stringify({ graphs: { review: "./graphs/review.mjs:review" } }));
    const found = await cli.run(["state", "review-1", store, "--json"]);
    expect(JSON.parse(found.stdout)).toMatchObject({ values: { published: "Audits, edited by a human" } });
    const pastEnd = await cli.run(["state", "review-1", store, "--at", "999"]);
    expect(pastEnd.code).toBe(3);
    expect(pastEnd.stderr).toContain("RevisionOutOfRangeError [REVISION_OUT_OF_RANGE]");
  });

  it("verify exits 0 when today's code reproduces the history, and 1 naming the first divergence as a structural diff", async () => {
    const planOk = await cli.run(["verify", planGraph(), "demo-plan", store]);
    expect([planOk.code, planOk.stdout]).toEqual([0, expect.stringContaining("verified thread 'demo-plan': today's code reproduces its 30 events")]);
    const author = ["--configurable", '{"author":"ada"}'];
    expect((await cli.run(["verify", "graphs/review.mjs", "review-1", store, ...author])).code).toBe(0);
    // The node read config.configurable, which invoke() does not record: without it, "write" differs.
    const unconfigured = await cli.run(["verify", "graphs/review.mjs", "review-1", store]);
    expect([unconfigured.code, unconfigured.stdout]).toEqual([
      1,
      expect.stringMatching(/node 'write'[\s\S]*draft: recorded "About audits by ada", produced "About audits by nobody"/),
    ]);

    const history = await jsonLines(["history", "review-1", store, "--json", "--type", "TaskSucceeded"]);
    const published = history.find((entry) => entry["node"] === "publish")!;
    const diverged = await cli.run(["verify", "graphs/review-changed.mjs:review", "review-1", store, ...author]);
    expect(diverged.code).toBe(1);
    expect(diverged.stdout).toContain(`DIVERGED at revision ${published["revision"]} of thread 'review-1': step ${published["step"]}, node 'publish'`);
    expect(diverged.stdout).toMatch(/published: recorded "Audits, edited by a human", produced "AUDITS, EDITED BY A HUMAN"/);
    const json = JSON.parse((await cli.run(["verify", "graphs/review-changed.mjs", "review-1", store, "--json", ...author])).stdout) as Record<string, any>;
    expect(json).toMatchObject({
      ok: false,
      divergence: { revision: published["revision"], node: "publish", diff: [{ path: expect.stringContaining("published") }] },
    });
  });

  it("verify refuses graph modules it cannot use, with GraphModuleError (exit 3)", async () => {
    const cases: [string, RegExp][] = [
      ["graphs/none.mjs", /there is no file at/],
      ["graphs/review.mjs:notAGraph", /its export 'notAGraph' is not a compiled graph/],
      ["graphs/review.mjs:nope", /it has no export 'nope' \(its exports: notAGraph, review\)/],
      ["graphs/two-graphs.mjs", /it exports 2 compiled graphs \(again, review\); pick one/],
    ];
    for (const [module, message] of cases) {
      const { code, stderr } = await cli.run(["verify", module, "review-1", store, "--configurable", '{"author":"ada"}']);
      expect({ module, code }).toEqual({ module, code: 3 });
      expect(stderr).toMatch(/GraphModuleError \[GRAPH_MODULE\]/);
      expect(stderr).toMatch(message);
    }
  });

  it("export and import carry a thread to another store, where it reads and verifies the same", async () => {
    const exported = await cli.run(["export", "demo-plan", store, "--out", "demo-plan.jsonl"]);
    expect([exported.code, exported.stdout.trim()]).toEqual([0, "exported 30 events of thread 'demo-plan' (1 thread(s)) to demo-plan.jsonl"]);
    const toStdout = await cli.run(["export", "demo-plan", store]);
    expect(toStdout.stdout).toBe(await readFile(join(cli.root, "demo-plan.jsonl"), "utf8"));

    const imported = await cli.run(["import", "demo-plan.jsonl", "--store", "sqlite:./laptop.db", "--progress"]);
    expect(imported.code).toBe(0);
    expect(imported.stdout.trim()).toBe("imported 30 events of thread 'demo-plan' (1 thread(s)) into sqlite:./laptop.db");
    expect(imported.stderr).toMatch(/check +\[#{30}\] 100% {2}30\/30 events/);
    expect(imported.stderr).toMatch(/import +\[#{30}\] 100% {2}30\/30 events/);
    const strip = (entries: Record<string, any>[]) => entries.map(({ recordedAt: _recordedAt, ...rest }) => rest);
    expect(strip(await jsonLines(["history", "demo-plan", "--store", "sqlite:./laptop.db", "--json"]))).toEqual(
      strip(await jsonLines(["history", "demo-plan", store, "--json"])),
    );
    expect((await cli.run(["verify", planGraph(), "demo-plan", "--store", "sqlite:./laptop.db"])).code).toBe(0);
    const again = await cli.run(["import", "demo-plan.jsonl", "--store", "sqlite:./laptop.db"]);
    expect([again.code, again.stdout]).toEqual([0, expect.stringContaining("imported 0 events")]);
  });

  it("import refuses a truncated file (exit 4) and a thread with another history (exit 5), writing nothing", async () => {
    const whole = await readFile(join(cli.root, "demo-plan.jsonl"), "utf8");
    await writeFile(join(cli.root, "cut.jsonl"), whole.slice(0, Math.floor(whole.length / 2)));
    const truncated = await cli.run(["import", "cut.jsonl", "--store", "sqlite:./cut.db"]);
    expect(truncated.code).toBe(4);
    expect(truncated.stderr).toMatch(/TruncatedExportError \[TRUNCATED_EXPORT\]: .*cut.jsonl ends after \d+ of the 30 events/);
    // A failed import leaves no store file behind (issue 21): the store is not there to read.
    expect(existsSync(join(cli.root, "cut.db"))).toBe(false);
    expect((await cli.run(["history", "demo-plan", "--store", "sqlite:./cut.db"])).code).toBe(2);

    await cli.run(["demo", "--store", "sqlite:./other.db"]);
    const conflict = await cli.run(["import", "demo-plan.jsonl", "--store", "sqlite:./other.db"]);
    expect(conflict.code).toBe(5);
    expect(conflict.stderr).toMatch(/ImportTargetExistsError \[IMPORT_TARGET_EXISTS\]: Thread 'demo-plan' already exists/);
  });

  it("imports a golden history with its subgraph's thread; threads --all lists both; the CLI verifies it", async () => {
    const golden = join(cli.root, "..", "..", "scenarios", "histories", "plan-revision.jsonl");
    expect((await cli.run(["import", golden, "--store", "sqlite:./golden.db"])).code).toBe(0);
    expect((await cli.run(["verify", planGraph(), "golden-plan-revision", "--store", "sqlite:./golden.db"])).code).toBe(0);
    const subgraphs = join(cli.root, "..", "..", "scenarios", "histories", "subgraph-as-node.jsonl");
    expect((await cli.run(["import", subgraphs, "--store", "sqlite:./golden.db"])).code).toBe(0);
    const shown = (await jsonLines(["threads", "--store", "sqlite:./golden.db", "--json"])).map((row) => row["threadId"]);
    const all = (await jsonLines(["threads", "--store", "sqlite:./golden.db", "--json", "--all"])).map((row) => row["threadId"]);
    expect(shown).toEqual(["golden-plan-revision", "golden-subgraph-as-node"]);
    expect(all).toEqual([...shown, expect.stringMatching(/^golden-subgraph-as-node\/sub\./)]);
  });
});
