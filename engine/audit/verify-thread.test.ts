import { describe, expect, it } from "vitest";
import { Annotation, Command, effect, END, interrupt, MemorySaver, Send, START, StateGraph, UnknownThreadError, verify, type EventStore } from "../index.js";

const State = Annotation.Root({
  topic: Annotation<string>(),
  draft: Annotation<string>(),
  approved: Annotation<boolean>(),
  notes: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});
const config = { configurable: { thread_id: "audit-1" } };

interface Variant {
  draft?: (topic: string) => string;
  route?: (approved: boolean) => string;
  question?: string;
  effectKey?: string;
}

/** write → review (effect, then interrupt) → publish | write (loop), with a fan-out of notes. */
function buildGraph(store: EventStore, variant: Variant = {}) {
  return new StateGraph(State)
    .addNode("write", (state) => ({ draft: (variant.draft ?? ((topic: string) => `draft about ${topic}`))(state.topic) }))
    .addNode("review", async (state) => {
      const ticket = await effect(variant.effectKey ?? "open-ticket", () => `ticket-${Math.random()}`);
      const approved = interrupt<unknown, boolean>({ question: variant.question ?? "Publish this draft?", draft: state.draft, ticket });
      return { approved };
    })
    .addNode("note", (args) => ({ notes: [`note ${(args as unknown as { n: number }).n}`] }))
    .addNode("publish", () => ({ notes: ["published"] }))
    .addEdge(START, "write")
    .addEdge("write", "review")
    .addConditionalEdges("review", (state) => (variant.route ?? ((approved: boolean) => (approved ? "fanout" : "write")))(state.approved), {
      fanout: "publish",
      write: "write",
    })
    .addConditionalEdges("publish", () => [new Send("note", { n: 1 }), new Send("note", { n: 2 })])
    .addEdge("note", END)
    .compile({ checkpointer: store });
}

async function recordHistory(): Promise<MemorySaver> {
  const store = new MemorySaver();
  const graph = buildGraph(store);
  await graph.invoke({ topic: "bees" }, config);
  await graph.invoke(new Command({ resume: false }), config);
  await graph.invoke(new Command({ resume: true }), config);
  return store;
}

describe("verify (audit)", () => {
  it("passes when today's code reproduces every recorded outcome; effect bodies never run", async () => {
    const store = await recordHistory();
    let progress = 0;
    const result = await verify(buildGraph(store), "audit-1", { onProgress: (done) => (progress = done) });
    expect(result).toMatchObject({ ok: true, threads: 1 });
    expect(result.steps).toBeGreaterThanOrEqual(6);
    expect(progress).toBe(result.events);
  });

  it("names the first divergence in writes, with revision, node and a structural diff", async () => {
    const store = await recordHistory();
    const result = await verify(buildGraph(store, { draft: (topic) => `DRAFT on ${topic}` }), "audit-1");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const { events } = await store.readStream("thread-audit-1");
    const firstWrite = events.find(
      (event) => event.type === "TaskSucceeded" && (event.data as { writes: object }).writes && "draft" in (event.data as { writes: object }).writes,
    )!;
    expect(result.divergence).toMatchObject({ revision: firstWrite.revision, node: "write", what: "writes" });
    expect(result.divergence.diff).toEqual([{ path: "writes.draft", expected: "draft about bees", produced: "DRAFT on bees" }]);
  });

  it("reports changed routing, a changed interrupt payload, and an effect the history has no record of", async () => {
    const store = await recordHistory();
    const routed = await verify(buildGraph(store, { route: () => "write" }), "audit-1");
    expect(routed).toMatchObject({ ok: false, divergence: { node: "review", what: "routes" } });

    const asked = await verify(buildGraph(store, { question: "Ship it?" }), "audit-1");
    expect(asked).toMatchObject({ ok: false, divergence: { node: "review", what: "interrupts" } });
    if (!asked.ok) expect(asked.divergence.diff).toEqual([{ path: "interrupts[0].value.question", expected: "Publish this draft?", produced: "Ship it?" }]);

    const renamed = await verify(buildGraph(store, { effectKey: "create-ticket" }), "audit-1");
    expect(renamed).toMatchObject({ ok: false, divergence: { node: "review", what: "outcome", expected: "interrupted" } });
    if (!renamed.ok) expect(JSON.stringify(renamed.divergence.produced)).toContain("UnrecordedEffectError");
  });

  it("verifies subgraph threads too, and refuses an unknown thread with a named error", async () => {
    const child = new StateGraph(State)
      .addNode("ask", (state) => ({ approved: interrupt<unknown, boolean>(`ok for ${state.topic}?`) }))
      .addEdge(START, "ask")
      .compile();
    const store = new MemorySaver();
    const parentOf = (inner: typeof child) =>
      new StateGraph(State)
        .addNode("delegate", async (state, nodeConfig) => {
          const result = await inner.invoke({ topic: state.topic }, nodeConfig);
          return { approved: result.approved, notes: [`child said ${result.approved}`] };
        })
        .addEdge(START, "delegate")
        .compile({ checkpointer: store });
    const parent = parentOf(child);
    await parent.invoke({ topic: "wasps" }, config);
    await parent.invoke(new Command({ resume: true }), config);
    expect(await verify(parent, "audit-1")).toMatchObject({ ok: true, threads: 2 });

    const changedChild = new StateGraph(State)
      .addNode("ask", (state) => ({ approved: interrupt<unknown, boolean>(`really ok for ${state.topic}?`) }))
      .addEdge(START, "ask")
      .compile();
    const result = await verify(parentOf(changedChild), "audit-1");
    expect(result).toMatchObject({ ok: false, divergence: { node: "ask", what: "interrupts" } });
    if (!result.ok) expect(result.divergence.threadId).not.toBe("audit-1");

    await expect(verify(parent, "nobody")).rejects.toThrow(UnknownThreadError);
  });
});
