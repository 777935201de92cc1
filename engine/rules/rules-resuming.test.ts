import { describe, expect, it } from "vitest";
import {
  AmbiguousResumeError,
  Annotation,
  Command,
  END,
  INTERRUPT,
  interrupt,
  InvalidResumeError,
  MemorySaver,
  NoPendingInterruptError,
  START,
  StateGraph,
  ThreadNotFoundError,
  UnknownInterruptError,
  UpdateWhileInterruptedError,
  type EventStore,
} from "../index.js";

const State = Annotation.Root({
  note: Annotation<string>(),
  log: Annotation<unknown[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});

function single(store: EventStore = new MemorySaver()) {
  return new StateGraph(State)
    .addNode("ask", (s) => ({ log: [{ note: s.note, answer: interrupt("q") }] }))
    .addNode("after", () => ({ log: ["after"] }))
    .addNode("elsewhere", () => ({ log: ["elsewhere"] }))
    .addEdge(START, "ask")
    .addEdge("ask", "after")
    .addEdge("after", END)
    .addEdge("elsewhere", END)
    .addConditionalEdges(START, () => [], ["elsewhere"])
    .compile({ checkpointer: store });
}

function parallel() {
  return new StateGraph(State)
    .addNode("b", () => ({ log: [`b:${interrupt("QB")}`] }))
    .addNode("c", () => ({ log: [`c:${interrupt("QC")}`] }))
    .addEdge(START, "b")
    .addEdge(START, "c")
    .compile({ checkpointer: new MemorySaver() });
}

async function revisionOf(store: MemorySaver, thread: string) {
  return (await store.readStream(`thread-${thread}`)).currentRevision;
}

describe("resuming", () => {
  it("rule 6: a bare value with several pending interrupts is refused; answers by id work", async () => {
    const graph = parallel();
    const config = { configurable: { thread_id: "r6" } };
    const paused = await graph.invoke({}, config);
    const [qb, qc] = paused[INTERRUPT]!;
    const error = await graph.invoke(new Command({ resume: "same" }), config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousResumeError);
    expect((error as AmbiguousResumeError).pending.map((p) => p.id).sort()).toEqual([qb!.id, qc!.id].sort());
    const done = await graph.invoke(new Command({ resume: { [qb!.id]: "one", [qc!.id]: "two" } }), config);
    expect(done.log).toEqual(["b:one", "c:two"]);
    expect(done[INTERRUPT]).toBeUndefined();
  });

  it("rule 7: unknown or stale ids, and resumes with nothing pending, are refused and write nothing", async () => {
    const store = new MemorySaver();
    const graph = single(store);
    const config = { configurable: { thread_id: "r7" } };
    const [pending] = (await graph.invoke({ note: "n" }, config))[INTERRUPT]!;
    const before = await revisionOf(store, "r7");
    const unknown = await graph.invoke(new Command({ resume: { ["f".repeat(32)]: 1 } }), config).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(UnknownInterruptError);
    expect((unknown as UnknownInterruptError).reason).toBe("unknown");
    expect(await revisionOf(store, "r7")).toBe(before);

    await graph.invoke(new Command({ resume: { [pending!.id]: "yes" } }), config);
    const after = await revisionOf(store, "r7");
    const stale = await graph.invoke(new Command({ resume: { [pending!.id]: "again" } }), config).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(UnknownInterruptError);
    expect((stale as UnknownInterruptError).reason).toBe("already_answered");
    const nothing = await graph.invoke(new Command({ resume: "again" }), config).catch((e: unknown) => e);
    expect(nothing).toBeInstanceOf(NoPendingInterruptError);
    expect(await revisionOf(store, "r7")).toBe(after);
  });

  it("rule 8: false, 0, empty string and null are answers; undefined is refused", async () => {
    for (const answer of [false, 0, "", null, [], {}]) {
      const graph = single();
      const config = { configurable: { thread_id: "r8" } };
      await graph.invoke({ note: "n" }, config);
      const done = await graph.invoke(new Command({ resume: answer }), config);
      expect(done.log[0]).toEqual({ note: "n", answer });
    }
    const graph = single();
    const config = { configurable: { thread_id: "r8u" } };
    await graph.invoke({ note: "n" }, config);
    await expect(graph.invoke(new Command({ resume: undefined }), config)).rejects.toBeInstanceOf(InvalidResumeError);
    expect((await graph.getState(config)).next).toEqual(["ask"]);
  });

  it("rule 9: two concurrent resumes of one interrupt: one wins, the other is refused, the answer applies once", async () => {
    const store = new MemorySaver();
    const config = { configurable: { thread_id: "r9" } };
    const [pending] = (await single(store).invoke({ note: "n" }, config))[INTERRUPT]!;
    // Two engine instances (two actors, as two processes would have) race on one store.
    const [a, b] = await Promise.allSettled([
      single(store).invoke(new Command({ resume: { [pending!.id]: "from A" } }), config),
      single(store).invoke(new Command({ resume: { [pending!.id]: "from B" } }), config),
    ]);
    const outcomes = [a, b].map((r) => r.status);
    expect(outcomes.sort()).toEqual(["fulfilled", "rejected"]);
    const refused = [a, b].find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(UnknownInterruptError);
    const final = await single(store).getState(config);
    expect(final.values.log.filter((entry) => typeof entry === "object")).toHaveLength(1);
    expect(final.values.log).toContain("after");
  });

  it("rule 10: a resume must use the thread's id; a new thread_id is a new, empty thread", async () => {
    const graph = single();
    await graph.invoke({ note: "n" }, { configurable: { thread_id: "r10" } });
    const error = await graph.invoke(new Command({ resume: "x" }), { configurable: { thread_id: "r10-typo" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThreadNotFoundError);
    expect((error as Error).message).toContain("a new thread_id starts a new, empty thread");
    // A thread that does not exist has no values, not its channels' defaults (as in LangGraph).
    expect((await graph.getState({ configurable: { thread_id: "r10-new" } })).values).toEqual({});
  });

  it("rule 11: Command({update}) alone does not answer; with resume it applies the update first; with goto it routes", async () => {
    const graph = single();
    const config = { configurable: { thread_id: "r11" } };
    await graph.invoke({ note: "original" }, config);
    const error = await graph.invoke(new Command({ update: { note: "edited" } }), config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpdateWhileInterruptedError);
    expect((error as Error).message).toMatch(/Command\(\{ resume: value \}\).*updateState\(config, values\)/s);
    const done = await graph.invoke(new Command({ resume: "yes", update: { note: "edited" } }), config);
    expect(done.log).toEqual([{ note: "edited", answer: "yes" }, "after"]);

    const routed = single();
    const config2 = { configurable: { thread_id: "r11-goto" } };
    await routed.invoke({ note: "n" }, config2);
    const viaGoto = await routed.invoke(new Command({ resume: "ok", goto: "elsewhere" }), config2);
    expect(viaGoto.log).toEqual([{ note: "n", answer: "ok" }, "after", "elsewhere"]);
  });
});
