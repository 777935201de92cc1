import { writeFile, mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Annotation,
  Command,
  DuplicateEffectKeyError,
  effect,
  EffectOutsideNodeError,
  END,
  interrupt,
  InterruptInsideEffectError,
  MemorySaver,
  ReplayWarningError,
  START,
  StateGraph,
  type ReplayWarning,
  type ThreadEvent,
} from "../index.js";
import { upcastThreadEvent } from "../thread/upcast-thread-event.js";

const State = Annotation.Root({
  approved: Annotation<boolean>(),
  record: Annotation<string>(),
  items: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});
const config = (thread: string) => ({ configurable: { thread_id: thread } });

async function eventsOf(store: MemorySaver, thread: string): Promise<ThreadEvent[]> {
  const { events } = await store.readStream(`thread-${thread}`);
  return events.map((event) => upcastThreadEvent(event));
}

let server: Server;
let url: string;
let dir: string;
beforeAll(async () => {
  server = createServer((_request, response) => response.end("ok")).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
  dir = await mkdtemp(join(tmpdir(), "replaygraph-rule15-"));
});
afterAll(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

describe("side effects (rule 15)", () => {
  it("rule 15: effect() runs its body once per task, however many resumes; re-executions get the recorded result", async () => {
    const store = new MemorySaver();
    let created = 0;
    const graph = new StateGraph(State)
      .addNode("approve", async () => {
        const record = await effect("create-record", () => `record-${++created}`);
        const first = interrupt<unknown, boolean>("first?");
        const second = interrupt<unknown, boolean>("second?");
        return { record, approved: first && second };
      })
      .addEdge(START, "approve")
      .addEdge("approve", END)
      .compile({ checkpointer: store });
    await graph.invoke({}, config("e1"));
    await graph.invoke(new Command({ resume: true }), config("e1"));
    const done = await graph.invoke(new Command({ resume: true }), config("e1"));
    expect(created).toBe(1);
    expect(done).toMatchObject({ record: "record-1", approved: true });
    expect(done.__warnings__).toBeUndefined();
    const recorded = (await eventsOf(store, "e1")).filter((event) => event.type === "EffectRecorded");
    expect(recorded).toEqual([expect.objectContaining({ type: "EffectRecorded", node: "approve", key: "create-record", result: "record-1" })]);
    // A cold process (a new graph on the same store) also returns the record without running the body.
    const cold = new StateGraph(State)
      .addNode("approve", async () => ({ record: await effect("create-record", () => `record-${++created}`) }))
      .addEdge(START, "approve")
      .compile({ checkpointer: store });
    expect((await cold.getState(config("e1"))).values.record).toBe("record-1");
  });

  it("rule 15: effect results survive the superjson round trip and undefined is a result", async () => {
    let runs = 0;
    const graph = new StateGraph(State)
      .addNode("n", async () => {
        const at = await effect("when", () => (runs++, new Date(0)));
        const nothing = await effect("void", () => undefined);
        interrupt("ok?");
        return { record: `${at instanceof Date}:${at.getTime()}:${String(nothing)}` };
      })
      .addEdge(START, "n")
      .compile({ checkpointer: new MemorySaver() });
    await graph.invoke({}, config("e2"));
    const done = await graph.invoke(new Command({ resume: 1 }), config("e2"));
    expect(runs).toBe(1);
    expect(done.record).toBe("true:0:undefined");
  });

  it("rule 15: a duplicate key in one execution, an effect outside a node and interrupt() inside an effect are refused", async () => {
    const duplicate = new StateGraph(State)
      .addNode("n", async () => {
        await effect("k", () => 1);
        await effect("k", () => 2);
        return {};
      })
      .addEdge(START, "n")
      .compile({ checkpointer: new MemorySaver() });
    await expect(duplicate.invoke({}, config("e3"))).rejects.toThrow(DuplicateEffectKeyError);
    await expect(effect("k", () => 1)).rejects.toThrow(EffectOutsideNodeError);
    const inside = new StateGraph(State)
      .addNode("n", async () => ({ record: await effect("k", () => interrupt<unknown, string>("inside?")) }))
      .addEdge(START, "n")
      .compile({ checkpointer: new MemorySaver() });
    await expect(inside.invoke({}, config("e4"))).rejects.toThrow(InterruptInsideEffectError);
  });

  it("rule 15: effect() in a subgraph runs once while the parent node and the subgraph node both re-run", async () => {
    let sent = 0;
    const child = new StateGraph(State)
      .addNode("inner", async () => {
        const id = await effect("send", () => `mail-${++sent}`);
        const ok = interrupt<unknown, boolean>("send it?");
        return { record: id, approved: ok };
      })
      .addEdge(START, "inner")
      .compile();
    const store = new MemorySaver();
    const parent = new StateGraph(State)
      .addNode("outer", async (state, nodeConfig) => await child.invoke(state, nodeConfig))
      .addEdge(START, "outer")
      .compile({ checkpointer: store });
    const paused = await parent.invoke({}, config("e5"));
    expect(paused.__interrupt__).toHaveLength(1);
    const done = await parent.invoke(new Command({ resume: true }), config("e5"));
    expect(done).toMatchObject({ record: "mail-1", approved: true });
    expect(sent).toBe(1);
  });

  it("rule 15: I/O outside effect() before the answered interrupt raises an io-before-interrupt warning naming node, index and what was seen", async () => {
    const seen: ReplayWarning[] = [];
    const store = new MemorySaver();
    const graph = new StateGraph(State)
      .addNode("createThenAsk", async () => {
        await fetch(url).then((response) => response.text()); // BAD: runs again on every resume
        const approved = interrupt<unknown, boolean>("Approve this change?");
        return { approved };
      })
      .addEdge(START, "createThenAsk")
      .compile({ checkpointer: store });
    const first = await graph.invoke({}, config("io1"));
    expect(first.__warnings__).toBeUndefined(); // the first execution is not a repeat
    const done = await graph.invoke(new Command({ resume: true }), { ...config("io1"), onWarning: (warning) => seen.push(warning) });
    expect(done.approved).toBe(true);
    expect(seen).toEqual([expect.objectContaining({ kind: "io-before-interrupt", node: "createThenAsk", index: 0 })]);
    expect(seen[0]!.detail).toMatch(/fetch\(\) request|TCP/);
    expect(done.__warnings__).toEqual(seen);
    const warnings = (await eventsOf(store, "io1")).filter((event) => event.type === "ReplayWarningRaised");
    expect(warnings).toEqual([expect.objectContaining({ kind: "io-before-interrupt", node: "createThenAsk", index: 0 })]);
  });

  it("rule 15: file writes are seen too; the same I/O inside effect(), or after the interrupt, raises nothing", async () => {
    const bad = new StateGraph(State)
      .addNode("n", async () => {
        await writeFile(join(dir, "log.txt"), "again");
        return { approved: interrupt<unknown, boolean>("ok?") };
      })
      .addEdge(START, "n")
      .compile({ checkpointer: new MemorySaver() });
    await bad.invoke({}, config("io2"));
    const warned = await bad.invoke(new Command({ resume: true }), config("io2"));
    expect(warned.__warnings__).toEqual([expect.objectContaining({ kind: "io-before-interrupt", detail: expect.stringContaining("file") })]);

    const good = new StateGraph(State)
      .addNode("n", async () => {
        await effect("log", () => writeFile(join(dir, "log2.txt"), "once"));
        const approved = interrupt<unknown, boolean>("ok?");
        await fetch(url).then((response) => response.text()); // after the interrupt: runs once
        return { approved };
      })
      .addEdge(START, "n")
      .compile({ checkpointer: new MemorySaver() });
    await good.invoke({}, config("io3"));
    const clean = await good.invoke(new Command({ resume: true }), config("io3"));
    expect(clean.__warnings__).toBeUndefined();
  });

  it("rule 15: observeSideEffects sees a repeated in-memory insert (seed 004's BAD example) and not an idempotent upsert (GOOD)", async () => {
    const db = new Map<string, number>();
    let inserts = 0;
    const build = (upsert: boolean) =>
      new StateGraph(State)
        .addNode("nodeA", () => {
          if (upsert) db.set("user-1", 1);
          else db.set(`audit-${++inserts}`, 1);
          return { approved: interrupt<unknown, boolean>("Approve this change?") };
        })
        .addEdge(START, "nodeA")
        .compile({ checkpointer: new MemorySaver() });
    const observe = { observeSideEffects: () => [...db.keys()].sort() };
    for (const [upsert, thread] of [
      [false, "bad"],
      [true, "good"],
    ] as const) {
      const graph = build(upsert);
      await graph.invoke({}, { ...config(thread), ...observe });
      const done = await graph.invoke(new Command({ resume: true }), { ...config(thread), ...observe });
      if (upsert) expect(done.__warnings__).toBeUndefined();
      else expect(done.__warnings__).toEqual([expect.objectContaining({ kind: "side-effect-repeated", node: "nodeA", index: 0 })]);
    }
  });

  it("rule 15: a node that mutates its input state in place gets a state-mutated warning, and the live state stays the replayed one", async () => {
    const store = new MemorySaver();
    const graph = new StateGraph(State)
      .addNode("seed", () => ({ items: ["a"] }))
      .addNode("mutate", (state) => {
        state.items.push("sneaky"); // BAD: not recorded
        return { record: "done" };
      })
      .addEdge(START, "seed")
      .addEdge("seed", "mutate")
      .compile({ checkpointer: store });
    const done = await graph.invoke({}, config("m1"));
    expect(done.__warnings__).toEqual([expect.objectContaining({ kind: "state-mutated", node: "mutate" })]);
    expect(done.items).toEqual(["a"]);
    const cold = new StateGraph(State)
      .addNode("seed", () => ({}))
      .addEdge(START, "seed")
      .compile({ checkpointer: store });
    expect((await cold.getState(config("m1"))).values.items).toEqual(["a"]);
  });
});

describe("warnings (rule 16)", () => {
  it("rule 16: warningsAsErrors (per graph or per run) fails the task with ReplayWarningError; the warning is still recorded", async () => {
    const store = new MemorySaver();
    const build = (warningsAsErrors?: boolean) =>
      new StateGraph(State)
        .addNode("n", (state) => {
          state.items.push("x");
          return {};
        })
        .addEdge(START, "n")
        .compile({ checkpointer: store, ...(warningsAsErrors !== undefined ? { warningsAsErrors } : {}) });
    await expect(build(true).invoke({}, config("w1"))).rejects.toThrow(ReplayWarningError);
    await expect(build().invoke({}, { ...config("w2"), warningsAsErrors: true })).rejects.toThrow(/state-mutated/);
    const events = await eventsOf(store, "w1");
    expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(["ReplayWarningRaised", "TaskFailed", "RunFailed"]));
    const fine = await build().invoke({}, config("w3"));
    expect(fine.__warnings__).toHaveLength(1);
  });
});
