import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNode, snapshotBuiltCli, type BuiltCli } from "./testing/built-cli.js";

// A functional-API approval flow as a user's module; the "changed" copy drafts differently, so
// today's code no longer reproduces the recorded thread. Each run counts its task bodies in a file.
const approvalModule = (greeting: string) => `
import { appendFileSync } from "node:fs";
import { entrypoint, interrupt, task } from "replaygraph";
const ran = (what) => process.env.RUNS_FILE && appendFileSync(process.env.RUNS_FILE, what + "\\n");
const draft = task("draft", async (to) => (ran("draft"), "${greeting} " + to));
const send = task("send", async (text) => (ran("send"), { sent: text.length }));
export const approve = entrypoint({ name: "approve" }, async (to) => {
  const text = await draft(to);
  const ok = interrupt({ question: "Send this?", text });
  return ok ? { status: "sent", receipt: await send(text) } : { status: "discarded" };
});
`;
// One step of the flow per process: "start" pauses on the question, "resume" answers it.
const step = `
import { Command } from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { approve } from "./approve.mjs";
const [file, threadId, what] = process.argv.slice(2);
const store = new SqliteEventStore(file);
const graph = approve.withCheckpointer(store);
const config = { configurable: { thread_id: threadId } };
const output = what === "start" ? await graph.invoke("Ada", config) : await graph.invoke(new Command({ resume: true }), config);
console.log(JSON.stringify(output));
await store.close();
`;

let cli: BuiltCli;
let graphs: string;
const store = "--store=sqlite:./entrypoints.db";

beforeAll(async () => {
  cli = await snapshotBuiltCli();
  graphs = join(cli.root, "entrypoint-graphs");
  await mkdir(graphs, { recursive: true });
  await writeFile(join(graphs, "approve.mjs"), approvalModule("Dear"));
  await writeFile(join(graphs, "approve-changed.mjs"), approvalModule("Hello"));
  await writeFile(join(graphs, "step.mjs"), step);
}, 180_000);
afterAll(() => cli?.cleanup());

describe("an entrypoint thread across processes, audited by the built CLI", () => {
  it("a second process resumes from the SQLite file without running the finished task again; history, verify and state see each task", async () => {
    const db = join(cli.root, "entrypoints.db");
    const runsFile = join(cli.root, "entrypoint-runs.txt");
    const env = { RUNS_FILE: runsFile };
    const first = await runNode([join(graphs, "step.mjs"), db, "approval-1", "start"], cli.root, env);
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(first.stdout)).toMatchObject({ __interrupt__: [{ value: { question: "Send this?", text: "Dear Ada" } }] });
    const second = await runNode([join(graphs, "step.mjs"), db, "approval-1", "resume"], cli.root, env);
    expect(second).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(second.stdout)).toEqual({ status: "sent", receipt: { sent: 8 } });
    expect((await readFile(runsFile, "utf8")).trim().split("\n")).toEqual(["draft", "send"]);

    const history = await cli.run(["history", "approval-1", store, "--type", "EffectRecorded"]);
    expect(history.code).toBe(0);
    const rows = history.stdout.trim().split("\n").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/EffectRecorded .* approve +task 'draft' \(call 0\) -> "Dear Ada"/);
    expect(rows[1]).toMatch(/EffectRecorded .* approve +task 'send' \(call 1\) -> \{"sent":8\}/);

    const verified = await cli.run(["verify", `${join(graphs, "approve.mjs")}:approve`, "approval-1", store]);
    expect(verified).toMatchObject({ code: 0, stderr: "" });
    const changed = await cli.run(["verify", `${join(graphs, "approve-changed.mjs")}:approve`, "approval-1", store]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain("TaskResultChangedError");
    expect(changed.stdout).toContain("task 'draft'");

    const state = await cli.run(["state", "approval-1", store, "--graph", `${join(graphs, "approve.mjs")}:approve`, "--json"]);
    expect(state.code).toBe(0);
    expect(JSON.parse(state.stdout)).toMatchObject({ values: { output: { status: "sent", receipt: { sent: 8 } } } });
  });
});
