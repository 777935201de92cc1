/**
 * Entrypoints are durable threads like any graph: each finished task call is an EffectRecorded
 * event, so a resume (in this process or from a fresh store on the same SQLite file) never runs
 * a finished task again; the cold state equals the live one; `history()` lists every task call;
 * `verify` re-executes a recorded thread and names a task whose code changed; `fuzzGraph` drives
 * an entrypoint.
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteEventStore } from "../../store/sqlite/index.js";
import { describeEntry } from "../cli/describe-entry.js";
import { fuzzGraph } from "../fuzz/index.js";
import { taskCallOfKey } from "./task-key.js";
import { Command, effect, entrypoint, history, interrupt, MemorySaver, task, verify, type EventStore, type HistoryEntry } from "../index.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "replaygraph-func-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const config = { configurable: { thread_id: "approval-1" } };

/** An approval flow: draft (a task) → a human's verdict (interrupt) → send (a task). */
function approvalFlow(store: EventStore, runs: Record<string, number>, wording = "Dear") {
  const draft = task("draft", async (to: string) => {
    runs.draft = (runs.draft ?? 0) + 1;
    return `${wording} ${to}, your order shipped.`;
  });
  const send = task("send", async (text: string) => {
    runs.send = (runs.send ?? 0) + 1;
    return { sent: text.length };
  });
  return entrypoint({ name: "approve", checkpointer: store }, async (to: string) => {
    runs.entry = (runs.entry ?? 0) + 1;
    const text = await draft(to);
    const verdict = interrupt<unknown, { ok: boolean; note?: string }>({ question: "Send this?", text });
    if (!verdict.ok) return { status: "discarded" };
    const receipt = await send(verdict.note ? `${text} ${verdict.note}` : text);
    return { status: "sent", receipt };
  });
}

async function entriesOf(store: EventStore, threadId: string): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  for await (const entry of history({ checkpointer: store }, threadId)) entries.push(entry);
  return entries;
}

const stores: [string, () => EventStore, (store: EventStore) => EventStore][] = [
  ["memory", () => new MemorySaver(), (store) => store],
  [
    "SQLite, resumed from a fresh store on the same file",
    () => new SqliteEventStore(join(dir, `approval-${Math.random()}.db`)),
    (store) => new SqliteEventStore((store as SqliteEventStore).path),
  ],
];

describe.each(stores)("an approval flow on %s", (_name, createStore, reopen) => {
  it("runs each task body once across the pause, and a fresh graph reads the same state", async () => {
    const store = createStore();
    const runs: Record<string, number> = {};
    const first = await approvalFlow(store, runs).invoke("Ada", config);
    expect(first).toEqual({
      __interrupt__: [{ id: expect.stringMatching(/^[0-9a-f]{32}$/), value: { question: "Send this?", text: "Dear Ada, your order shipped." } }],
    });

    // A restart: a new store instance (a new connection to the same file) and a new graph.
    const restarted = reopen(store);
    const graph = approvalFlow(restarted, runs);
    expect((await graph.getState(config)).tasks[0]!.interrupts).toEqual((first as { __interrupt__: unknown }).__interrupt__);
    const done = await graph.invoke(new Command({ resume: { ok: true, note: "Thanks!" } }), config);
    expect(done).toEqual({ status: "sent", receipt: { sent: "Dear Ada, your order shipped. Thanks!".length } });
    expect(runs).toEqual({ entry: 2, draft: 1, send: 1 });

    // Replay equals live: a cold graph on the stream gives the live state and history.
    const live = await graph.getState(config);
    const cold = await approvalFlow(reopen(store), {}).getState(config);
    expect(cold).toEqual(live);
    expect(live.values).toEqual(done);
    const historyOf = async (entry: ReturnType<typeof approvalFlow>) => {
      const all = [];
      for await (const snapshot of entry.getStateHistory(config)) all.push(snapshot);
      return all;
    };
    expect(await historyOf(approvalFlow(reopen(store), {}))).toEqual(await historyOf(graph));

    // The audit shows each task call, with its result, in the order it finished.
    const effects = (await entriesOf(restarted, "approval-1")).filter((entry) => entry.type === "EffectRecorded");
    expect(effects.map((entry) => entry.event)).toEqual([
      expect.objectContaining({ key: "task:0:draft", node: "approve", result: "Dear Ada, your order shipped." }),
      expect.objectContaining({ key: "task:1:send", node: "approve", result: { sent: 37 } }),
    ]);
    expect(effects.map(describeEntry)).toEqual([`task 'draft' (call 0) -> "Dear Ada, your order shipped."`, `task 'send' (call 1) -> {"sent":37}`]);

    // Today's code reproduces the thread; a task whose code changed is named.
    expect(await verify(graph, "approval-1")).toMatchObject({ ok: true });
    const changed = await verify(approvalFlow(restarted, {}, "Hello"), "approval-1");
    expect(changed.ok).toBe(false);
    if (changed.ok) return;
    expect(changed.divergence).toMatchObject({ node: "approve", what: "outcome", expected: "interrupted" });
    expect(JSON.stringify(changed.divergence.produced)).toContain("TaskResultChangedError");
    expect(JSON.stringify(changed.divergence.produced)).toContain("task:0:draft");
  });
});

describe("task journal", () => {
  it("keeps a finished call when a later call fails, so retrying with invoke(null) does not run it again", async () => {
    const store = new MemorySaver();
    let charges = 0;
    let flaky = true;
    const charge = task("charge", async (amount: number) => (charges++, { charged: amount }));
    const ship = task("ship", async () => {
      if (flaky) throw new Error("carrier down");
      return "shipped";
    });
    const order = entrypoint({ name: "order", checkpointer: store }, async (amount: number) => ({ receipt: await charge(amount), shipping: await ship() }));
    await expect(order.invoke(10, config)).rejects.toThrow("carrier down");
    flaky = false;
    expect(await order.invoke(null, config)).toEqual({ receipt: { charged: 10 }, shipping: "shipped" });
    expect(charges).toBe(1);
  });

  it("journals parallel calls by call order, not by the order they finish", async () => {
    const store = new MemorySaver();
    const slow = task("slow", async (ms: number) => (await new Promise((resolve) => setTimeout(resolve, ms)), ms));
    const flow = entrypoint({ name: "fan", checkpointer: store }, async () => {
      const results = await Promise.all([slow(30), slow(1), slow(15)]);
      return { results, answer: interrupt("go on?") };
    });
    await flow.invoke({}, config);
    const keys = (await entriesOf(store, "approval-1"))
      .filter((entry) => entry.type === "EffectRecorded")
      .map((entry) => entry.event as { key: string; result: unknown });
    expect(keys.map((event) => event.key)).toEqual(["task:1:slow", "task:2:slow", "task:0:slow"]);
    expect(Object.fromEntries(keys.map((event) => [event.key, event.result]))).toEqual({ "task:0:slow": 30, "task:1:slow": 1, "task:2:slow": 15 });
    expect(await flow.invoke(new Command({ resume: "yes" }), config)).toEqual({ results: [30, 1, 15], answer: "yes" });
  });

  it("nests the keys of tasks called by tasks, and journals effects inside a task under its key", async () => {
    const store = new MemorySaver();
    const runs = { inner: 0, effect: 0 };
    const inner = task("inner", async (n: number) => (runs.inner++, n * 10));
    const outer = task("outer", async (n: number) => {
      const stamp = await effect("stamp/v1", () => (runs.effect++, `stamp-${n}`));
      return { value: await inner(n), stamp };
    });
    const flow = entrypoint({ name: "nested", checkpointer: store }, async () => {
      const results = await Promise.all([outer(1), outer(2)]);
      return { results, answer: interrupt("ok?") };
    });
    await flow.invoke({}, config);
    expect(await flow.invoke(new Command({ resume: true }), config)).toEqual({
      results: [
        { value: 10, stamp: "stamp-1" },
        { value: 20, stamp: "stamp-2" },
      ],
      answer: true,
    });
    expect(runs).toEqual({ inner: 2, effect: 2 });
    const keys = (await entriesOf(store, "approval-1")).filter((entry) => entry.type === "EffectRecorded").map((entry) => (entry.event as { key: string }).key);
    expect([...keys].sort()).toEqual([
      "task:0:outer",
      "task:0:outer/stamp/v1",
      "task:0:outer/task:0:inner",
      "task:1:outer",
      "task:1:outer/stamp/v1",
      "task:1:outer/task:0:inner",
    ]);
    expect(taskCallOfKey("task:1:outer/task:0:inner")).toEqual({ name: "inner", index: 0, within: ["task:1:outer"] });
    expect(taskCallOfKey("task:0:outer/stamp")).toBeUndefined();
    expect(taskCallOfKey("send-email")).toBeUndefined();
  });

  it("warns when a re-execution finds another task's record at a call's position", async () => {
    const store = new MemorySaver();
    let reorder = false;
    const first = task("first", async () => "one");
    const second = task("second", async () => "two");
    const flow = entrypoint({ name: "moody", checkpointer: store }, async () => {
      const results = reorder ? [await second(), await first()] : [await first(), await second()];
      return { results, answer: interrupt("ok?") };
    });
    await flow.invoke({}, config);
    reorder = true;
    const warnings: string[] = [];
    await flow.invoke(new Command({ resume: true }), { ...config, onWarning: (warning) => warnings.push(warning.kind) });
    expect(warnings).toEqual(["task-sequence-changed", "task-sequence-changed"]);
    const recorded = (await entriesOf(store, "approval-1")).filter((entry) => entry.type === "ReplayWarningRaised").map((entry) => entry.event);
    expect(recorded[0]).toMatchObject({
      kind: "task-sequence-changed",
      node: "moody",
      index: 0,
      detail: expect.stringContaining("task call #0 is 'second', but the journal has 'first'"),
    });
  });

  it("warns when a task re-executed for a resume does I/O before its answered interrupt", async () => {
    const store = new MemorySaver();
    const careless = task("careless", async () => {
      await stat(dir); // I/O before the question: it runs again on resume
      return interrupt<string, string>("name?");
    });
    const flow = entrypoint({ name: "io", checkpointer: store }, async () => ({ name: await careless() }));
    await flow.invoke({}, config);
    const warnings: { kind: string; node: string }[] = [];
    expect(await flow.invoke(new Command({ resume: "Ada" }), { ...config, onWarning: (warning) => warnings.push(warning) })).toEqual({ name: "Ada" });
    expect(warnings).toMatchObject([{ kind: "io-before-interrupt", node: "careless", detail: expect.stringContaining("a file system call") }]);
  });

  it("refuses a task called outside an entrypoint", async () => {
    const lonely = task("lonely", () => 1);
    await expect(lonely()).rejects.toMatchObject({ name: "TaskOutsideEntrypointError", code: "TASK_OUTSIDE_ENTRYPOINT" });
  });
});

describe("fuzzGraph on an entrypoint", () => {
  it("finds no broken rule in an approval flow, with restarts", async () => {
    const report = await fuzzGraph(approvalFlow(new MemorySaver(), {}), {
      numRuns: 15,
      seed: 7,
      input: fc.record({ input: fc.string({ maxLength: 5 }) }),
      answer: fc.record({ ok: fc.boolean() }),
    });
    expect(report).toMatchObject({ ok: true });
  });

  it("finds a side effect the entrypoint repeats outside a task", async () => {
    const sent: string[] = [];
    const careless = entrypoint({ name: "careless", checkpointer: new MemorySaver() }, async (to: string) => {
      sent.push(`hello ${to}`); // not in a task: runs again on every resume
      return interrupt("and now?");
    });
    const report = await fuzzGraph(careless, {
      numRuns: 10,
      seed: 3,
      input: fc.record({ input: fc.string({ maxLength: 3 }) }),
      observeSideEffects: () => sent.length,
      restarts: false,
    });
    expect(report.ok).toBe(false);
    expect(report.violations.map((violation) => violation.rule)).toContain("side-effect-repeated");
  });
});
