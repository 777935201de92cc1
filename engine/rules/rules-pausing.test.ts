import { describe, expect, it } from "vitest";
import {
  Annotation,
  Command,
  END,
  INTERRUPT,
  interrupt,
  MemorySaver,
  MissingCheckpointerError,
  NotSerializableError,
  START,
  StateGraph,
  WARNINGS,
} from "../index.js";

const State = Annotation.Root({
  topic: Annotation<string>(),
  log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});

function askGraph(ask: (state: typeof State.State) => unknown, checkpointer = new MemorySaver()) {
  return new StateGraph(State)
    .addNode("prepare", () => ({ log: ["prepare"] }))
    .addNode("ask", ask as never)
    .addEdge(START, "prepare")
    .addEdge("prepare", "ask")
    .addEdge("ask", END)
    .compile({ checkpointer });
}

describe("pausing", () => {
  it("rule 1: the payload surfaces in invoke, in values and updates chunks, and in getState tasks and next", async () => {
    const graph = askGraph((s) => ({ log: [`answer:${interrupt({ question: "ok?", topic: s.topic })}`] }));
    const config = { configurable: { thread_id: "r1" } };
    const result = await graph.invoke({ topic: "cats" }, config);
    expect(result[INTERRUPT]).toEqual([{ id: expect.stringMatching(/^[0-9a-f]{32}$/), value: { question: "ok?", topic: "cats" } }]);
    expect(result.log).toEqual(["prepare"]);
    const state = await graph.getState(config);
    expect(state.next).toEqual(["ask"]);
    expect(state.tasks.map((t) => [t.name, t.interrupts])).toEqual([["ask", result[INTERRUPT]]]);

    const chunks: unknown[] = [];
    for await (const chunk of await graph.stream({ topic: "dogs" }, { configurable: { thread_id: "r1-stream" }, streamMode: ["values", "updates"] }))
      chunks.push(chunk);
    const interruptChunks = chunks.filter((c) => (c as [string, Record<string, unknown>])[1][INTERRUPT] !== undefined);
    expect(interruptChunks.map((c) => (c as [string])[0]).sort()).toEqual(["updates", "values"]);
    expect((interruptChunks[0] as [string, Record<string, { value: unknown }[]>])[1][INTERRUPT]![0]!.value).toEqual({ question: "ok?", topic: "dogs" });
  });

  it("rule 2: interrupt ids are 32 hex, the same on re-execution and across identical threads, different per call and per thread", async () => {
    const twoQuestions = () => ({ log: [String(interrupt("first")), String(interrupt("second"))] });
    const storeA = new MemorySaver();
    const graphA = askGraph(twoQuestions, storeA);
    const graphB = askGraph(twoQuestions, new MemorySaver());
    const config = { configurable: { thread_id: "r2" } };
    const first = (await graphA.invoke({ topic: "x" }, config))[INTERRUPT]![0]!;
    expect(first.id).toMatch(/^[0-9a-f]{32}$/);
    expect((await graphA.invoke(null, config))[INTERRUPT]![0]!.id).toBe(first.id);
    expect((await graphB.invoke({ topic: "x" }, config))[INTERRUPT]![0]!.id).toBe(first.id);
    expect((await graphB.invoke({ topic: "x" }, { configurable: { thread_id: "other" } }))[INTERRUPT]![0]!.id).not.toBe(first.id);
    const second = (await graphA.invoke(new Command({ resume: "A1" }), config))[INTERRUPT]![0]!;
    expect(second.value).toBe("second");
    expect(second.id).toMatch(/^[0-9a-f]{32}$/);
    expect(second.id).not.toBe(first.id);
    // A cold load (a new compiled graph on the same store) sees the same pending id.
    expect((await askGraph(twoQuestions, storeA).getState(config)).tasks[0]!.interrupts[0]!.id).toBe(second.id);
  });

  it("rule 3: unserializable payloads, answers, inputs and writes are refused with NotSerializableError naming where", async () => {
    const graph = askGraph(() => ({ log: [String(interrupt({ draft: { onSend: () => "sent" } }))] }));
    const config = { configurable: { thread_id: "r3" } };
    const error = await graph.invoke({ topic: "x" }, config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotSerializableError);
    expect((error as Error).message).toContain("interrupt payload of node 'ask' .draft.onSend is a function");

    const ok = askGraph((s) => ({ log: [String(interrupt(s.topic))] }));
    await ok.invoke({ topic: "x" }, config);
    const before = await ok.getState(config);
    await expect(ok.invoke(new Command({ resume: { when: Symbol("now") } }), config)).rejects.toThrow(/resume value \.when is a symbol/);
    expect(await ok.getState(config)).toEqual(before);

    class Draft {
      text = "hi";
    }
    await expect(ok.invoke({ topic: new Draft() as unknown as string }, { configurable: { thread_id: "r3b" } })).rejects.toThrow(
      /input \.topic is an instance of class Draft/,
    );
    const writesFunction = new StateGraph(State)
      .addNode("n", () => ({ topic: (() => "x") as unknown as string }))
      .addEdge(START, "n")
      .compile({ checkpointer: new MemorySaver() });
    await expect(writesFunction.invoke({}, { configurable: { thread_id: "r3c" } })).rejects.toThrow(/the update of node 'n' \.topic is a function/);
  });

  it("rule 4: a swallowed interrupt is still recorded, its writes discarded, with a warning", async () => {
    const graph = askGraph(() => {
      try {
        interrupt("may I?");
      } catch {
        // the mistake the rule is about
      }
      return { log: ["wrote anyway"] };
    });
    const config = { configurable: { thread_id: "r4" } };
    const result = await graph.invoke({ topic: "x" }, config);
    expect(result.log).toEqual(["prepare"]);
    expect(result[INTERRUPT]?.map((i) => i.value)).toEqual(["may I?"]);
    expect(result[WARNINGS]?.[0]).toMatchObject({ kind: "interrupt-swallowed", node: "ask" });
    expect(result[WARNINGS]?.[0]?.detail).toContain("interrupt() was caught by node ask; don't wrap interrupt() in try/catch");
    expect((await graph.getState(config)).next).toEqual(["ask"]);
  });

  it("rule 5: without a checkpointer interrupt() fails and says how to add one", async () => {
    const graph = new StateGraph(State)
      .addNode("ask", () => ({ log: [String(interrupt("q"))] }))
      .addEdge(START, "ask")
      .compile();
    const error = await graph.invoke({ topic: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingCheckpointerError);
    expect((error as Error).message).toContain("compile({ checkpointer: new MemorySaver() })");
    await expect(graph.getState({ configurable: { thread_id: "t" } })).rejects.toBeInstanceOf(MissingCheckpointerError);
  });
});
