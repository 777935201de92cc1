import { describe, expect, it } from "vitest";
import { Annotation, Command, END, INTERRUPT, interrupt, MemorySaver, NonDeterminismError, START, StateGraph, WARNINGS } from "../index.js";

const State = Annotation.Root({
  age: Annotation<number>(),
  log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});
const config = (thread: string) => ({ configurable: { thread_id: thread } });

describe("re-execution", () => {
  it("rule 12: a resumed node runs again from its first line; earlier interrupts return their recorded answers", async () => {
    const counts = { before: 0, between: 0, after: 0 };
    const graph = new StateGraph(State)
      .addNode("ask", () => {
        counts.before++;
        const first = interrupt("first?");
        counts.between++;
        const second = interrupt("second?");
        counts.after++;
        return { log: [`${first}+${second}`] };
      })
      .addEdge(START, "ask")
      .compile({ checkpointer: new MemorySaver() });
    await graph.invoke({}, config("r12"));
    await graph.invoke(new Command({ resume: "A1" }), config("r12"));
    const done = await graph.invoke(new Command({ resume: "A2" }), config("r12"));
    expect(done.log).toEqual(["A1+A2"]);
    expect(counts).toEqual({ before: 3, between: 2, after: 1 });
  });

  it("rule 13: answers match interrupt() calls by position: a validate-and-ask-again loop inside one node", async () => {
    const prompts: string[] = [];
    const graph = new StateGraph(State)
      .addNode("getAge", () => {
        let prompt = "What is your age?";
        for (;;) {
          const answer = interrupt<unknown, unknown>(prompt);
          if (typeof answer === "number" && answer > 0) return { age: answer };
          prompt = `'${String(answer)}' is not a valid age. Please enter a positive number.`;
        }
      })
      .addEdge(START, "getAge")
      .compile({ checkpointer: new MemorySaver() });
    for (const answer of [undefined, "thirty", -5, 30]) {
      const result = answer === undefined ? await graph.invoke({}, config("r13")) : await graph.invoke(new Command({ resume: answer }), config("r13"));
      if (result[INTERRUPT]) prompts.push(String(result[INTERRUPT][0]!.value));
      else expect(result.age).toBe(30);
    }
    expect(prompts).toEqual([
      "What is your age?",
      "'thirty' is not a valid age. Please enter a positive number.",
      "'-5' is not a valid age. Please enter a positive number.",
    ]);
  });

  it("rule 14: a changed interrupt sequence raises a warning naming node and call index; strict fails the task without delivering", async () => {
    let variant = "original";
    const build = (strict: boolean) =>
      new StateGraph(State)
        .addNode("ask", () => {
          const first = interrupt(variant === "original" ? "name?" : "email?");
          const second = interrupt("age?");
          return { log: [`${String(first)}/${String(second)}`] };
        })
        .addEdge(START, "ask")
        .compile({ checkpointer: new MemorySaver(), strict });

    const lenient = build(false);
    variant = "original";
    await lenient.invoke({}, config("r14"));
    await lenient.invoke(new Command({ resume: "Ada" }), config("r14"));
    variant = "reordered";
    const warned = await lenient.invoke(new Command({ resume: 36 }), config("r14"));
    expect(warned[WARNINGS]).toEqual([expect.objectContaining({ kind: "interrupt-sequence-changed", node: "ask", index: 0 })]);

    const strict = build(true);
    variant = "original";
    await strict.invoke({}, config("r14s"));
    await strict.invoke(new Command({ resume: "Ada" }), config("r14s"));
    variant = "reordered";
    const error = await strict.invoke(new Command({ resume: 36 }), config("r14s")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NonDeterminismError);
    expect((error as NonDeterminismError).node).toBe("ask");
    expect((error as NonDeterminismError).index).toBe(0);
    expect((await strict.getState(config("r14s"))).values.log).toEqual([]);

    // A skipped call is caught too: the node returns having made fewer calls than were answered.
    let skip = false;
    const skipping = new StateGraph(State)
      .addNode("ask", () => {
        const first = skip ? "skipped" : interrupt("name?");
        const second = interrupt("age?");
        return { log: [`${String(first)}/${String(second)}`] };
      })
      .addEdge(START, "ask")
      .compile({ checkpointer: new MemorySaver() });
    await skipping.invoke({}, config("r14k"));
    await skipping.invoke(new Command({ resume: "Ada" }), config("r14k"));
    skip = true;
    const result = await skipping.invoke(new Command({ resume: 36 }), config("r14k"));
    expect(result[WARNINGS]?.map((w) => w.kind)).toContain("interrupt-sequence-changed");
  });
});

describe("supersteps and parallel branches", () => {
  const delays = { a: 30, b: 0 };
  function fanOut(counts: Record<string, number>, interrupting: readonly string[] = []) {
    const node = (name: "a" | "b" | "c") => async () => {
      counts[name] = (counts[name] ?? 0) + 1;
      await new Promise((resolve) => setTimeout(resolve, delays[name as "a" | "b"] ?? 0));
      const answer = interrupting.includes(name) ? interrupt(`Q${name}`) : "";
      return { log: [`${name}${answer ? `:${answer}` : ""}`] };
    };
    return new StateGraph(State)
      .addNode("a", node("a"))
      .addNode("b", node("b"))
      .addNode("c", node("c"))
      .addNode("join", () => ({ log: ["join"] }))
      .addEdge(START, "a")
      .addEdge(START, "b")
      .addEdge(START, "c")
      .addEdge(["a", "b", "c"], "join")
      .addEdge("join", END)
      .compile({ checkpointer: new MemorySaver() });
  }

  it("rule 17: a step commits only when all tasks succeeded; writes apply in task path order, not completion order", async () => {
    const counts: Record<string, number> = {};
    const done = await fanOut(counts).invoke({}, config("r17"));
    // b finishes first (no delay), a last; the log still follows path order a, b, c.
    expect(done.log).toEqual(["a", "b", "c", "join"]);
  });

  it("rule 18: siblings keep their writes and never re-run; only answered tasks re-run", async () => {
    const counts: Record<string, number> = {};
    const graph = fanOut(counts, ["a", "b"]);
    const paused = await graph.invoke({}, config("r18"));
    expect(paused.log).toEqual(["c"]);
    const [qa, qb] = paused[INTERRUPT]!;
    const partial = await graph.invoke(new Command({ resume: { [qa!.id]: "A" } }), config("r18"));
    expect(partial[INTERRUPT]).toEqual([qb]);
    expect(counts).toEqual({ a: 2, b: 1, c: 1 });
    const done = await graph.invoke(new Command({ resume: { [qb!.id]: "B" } }), config("r18"));
    expect(done.log).toEqual(["a:A", "b:B", "c", "join"]);
    expect(counts).toEqual({ a: 2, b: 2, c: 1 });
  });

  it("rule 19: each visit through a loop is a new task with a new id, and surfaces the latest payload", async () => {
    const LoopState = Annotation.Root({ plan: Annotation<string>(), version: Annotation<number>(), approved: Annotation<boolean>() });
    const graph = new StateGraph(LoopState)
      .addNode("suggest", (s) => ({ approved: interrupt<unknown, boolean>({ plan: s.plan, version: s.version }) }))
      .addNode("revise", (s) => ({ plan: `${s.plan}+`, version: s.version + 1 }))
      .addEdge(START, "suggest")
      .addConditionalEdges("suggest", (s) => (s.approved ? END : "revise"), ["revise", END])
      .addEdge("revise", "suggest")
      .compile({ checkpointer: new MemorySaver() });
    const seen: { id: string; value: unknown }[] = [];
    let result = await graph.invoke({ plan: "p", version: 1 }, config("r19"));
    for (let round = 0; round < 3; round++) {
      seen.push(result[INTERRUPT]![0]!);
      result = await graph.invoke(new Command({ resume: false }), config("r19"));
    }
    expect(seen.map((s) => s.value)).toEqual([
      { plan: "p", version: 1 },
      { plan: "p+", version: 2 },
      { plan: "p++", version: 3 },
    ]);
    expect(new Set(seen.map((s) => s.id)).size).toBe(3);
  });
});
