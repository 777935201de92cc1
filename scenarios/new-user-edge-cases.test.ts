import { describe, expect, it } from "vitest";
import { observeBoth, outcomeOf, parityStores, type LibrarySide } from "./testing/langgraph-sides.js";

// What a new user tries first, run on LangGraph and on replaygraph in the same test: each program
// is written once against LangGraph's names and compared by what a user observes.

/** a → b → END, with `n` (a default of 7) and a log. */
function chain(side: LibrarySide, counts: Record<string, number>, compile: Record<string, unknown> = {}) {
  const { StateGraph, Annotation, START, END } = side.lib;
  const State = Annotation.Root({
    n: Annotation({ reducer: (_: number, b: number) => b, default: () => 7 }),
    log: Annotation({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }),
  });
  const count = (node: string) => (counts[node] = (counts[node] ?? 0) + 1);
  return new StateGraph(State)
    .addNode("a", () => (count("a"), { log: ["a"] }))
    .addNode("b", (state: { n: number }) => (count("b"), { log: [`b:${state.n}`] }))
    .addEdge(START, "a")
    .addEdge("a", "b")
    .addEdge("b", END)
    .compile({ checkpointer: side.checkpointer, ...compile });
}

describe.each(parityStores)("a new user's first calls, LangGraph vs replaygraph, on $store", (store) => {
  it("getState of a thread that does not exist: no values (not the defaults), nothing next, the caller's config back", async () => {
    const observed = await observeBoth(store, async (side) => {
      const snapshot = await chain(side, {}).getState({ configurable: { thread_id: "nobody", user: "u1" } });
      return { ...snapshot };
    });
    expect(observed.langgraph).toEqual({ values: {}, next: [], tasks: [], config: { configurable: { thread_id: "nobody", user: "u1" } } });
    expect(observed.replaygraph).toEqual(observed.langgraph);
    // Absent as in LangGraph: no metadata, creation time or parent for a thread with no checkpoint.
    expect([observed.replaygraph.metadata, observed.replaygraph.createdAt, observed.replaygraph.parentConfig]).toEqual([undefined, undefined, undefined]);
  });

  it("invoke(null) and stream(null) on a thread that does not exist: EmptyInputError, and the thread stays empty", async () => {
    const observed = await observeBoth(store, async (side) => {
      const counts: Record<string, number> = {};
      const graph = chain(side, counts);
      const config = { configurable: { thread_id: "never-started" } };
      const invoked = await outcomeOf(() => graph.invoke(null, config));
      const isEmptyInputError = await graph.invoke(undefined, config).catch((error: unknown) => error instanceof side.lib.EmptyInputError);
      const streamed = await outcomeOf(async () => {
        const chunks: unknown[] = [];
        for await (const chunk of await graph.stream(null, config)) chunks.push(chunk);
        return chunks;
      });
      const after = await graph.getState(config);
      return { invoked, isEmptyInputError, streamed, values: after.values, next: after.next, counts };
    });
    expect(observed.langgraph).toMatchObject({
      invoked: { threw: "EmptyInputError" },
      isEmptyInputError: true,
      streamed: { threw: "EmptyInputError" },
      values: {},
      counts: {},
    });
    const lead = 'Received no input writes for "__start__"';
    for (const side of [observed.langgraph, observed.replaygraph]) {
      expect((side.invoked as { message: string }).message.startsWith(lead)).toBe(true);
      expect((side.streamed as { message: string }).message.startsWith(lead)).toBe(true);
    }
    const withoutMessages = ({ invoked, streamed, ...rest }: typeof observed.langgraph) => ({
      ...rest,
      invoked: { threw: (invoked as { threw: string }).threw },
      streamed: { threw: (streamed as { threw: string }).threw },
    });
    expect(withoutMessages(observed.replaygraph)).toEqual(withoutMessages(observed.langgraph));
  });

  it.each([
    ["no asNode", undefined],
    ["asNode a (the node before the breakpoint)", "a"],
    ["asNode b (the paused node: skipped)", "b"],
  ])(
    "updateState at an interruptBefore breakpoint (%s), then invoke(null): as LangGraph, the paused node runs unless the update was made as it",
    async (_label, asNode) => {
      const observed = await observeBoth(store, async (side) => {
        const counts: Record<string, number> = {};
        const graph = chain(side, counts, { interruptBefore: ["b"] });
        const config = { configurable: { thread_id: "breakpoint" } };
        const first = await graph.invoke({ n: 1 }, config);
        await graph.updateState(config, { n: 42 }, asNode);
        const updated = await graph.getState(config);
        const continued = await graph.invoke(null, config);
        const after = await graph.getState(config);
        return { first, nextAfterUpdate: updated.next, continued, nextAtEnd: after.next, counts };
      });
      expect(observed.langgraph.first).toEqual({ n: 1, log: ["a"], __interrupt__: [] });
      expect(observed.replaygraph).toEqual(observed.langgraph);
    },
  );

  it("invoke(null) at a breakpoint after updateState stops again at a later interruptBefore node", async () => {
    const observed = await observeBoth(store, async (side) => {
      const { StateGraph, Annotation, START, END } = side.lib;
      const State = Annotation.Root({ log: Annotation({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }) });
      const graph = new StateGraph(State)
        .addNode("a", () => ({ log: ["a"] }))
        .addNode("b", () => ({ log: ["b"] }))
        .addNode("c", () => ({ log: ["c"] }))
        .addEdge(START, "a")
        .addEdge("a", "b")
        .addEdge("b", "c")
        .addEdge("c", END)
        .compile({ checkpointer: side.checkpointer, interruptBefore: ["b", "c"] });
      const config = { configurable: { thread_id: "two-breakpoints" } };
      await graph.invoke({}, config);
      await graph.updateState(config, { log: ["edited"] });
      const second = await graph.invoke(null, config);
      const third = await graph.invoke(null, config);
      return { second, third, next: (await graph.getState(config)).next };
    });
    expect(observed.langgraph.second).toEqual({ log: ["a", "edited", "b"], __interrupt__: [] });
    expect(observed.replaygraph).toEqual(observed.langgraph);
  });

  it("a resumed interrupt still stops at the interruptBefore breakpoint of the step after it", async () => {
    const observed = await observeBoth(store, async (side) => {
      const { StateGraph, Annotation, START, END, Command, interrupt } = side.lib;
      const State = Annotation.Root({ log: Annotation({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }) });
      const graph = new StateGraph(State)
        .addNode("ask", () => ({ log: [`ask:${interrupt("ok?")}`] }))
        .addNode("c", () => ({ log: ["c"] }))
        .addEdge(START, "ask")
        .addEdge("ask", "c")
        .addEdge("c", END)
        .compile({ checkpointer: side.checkpointer, interruptBefore: ["c"] });
      const config = { configurable: { thread_id: "resume-then-breakpoint" } };
      await graph.invoke({}, config);
      const resumed = await graph.invoke(new Command({ resume: "yes" }), config);
      return { resumed, next: (await graph.getState(config)).next, end: await graph.invoke(null, config) };
    });
    expect(observed.langgraph.resumed).toEqual({ log: ["ask:yes"], __interrupt__: [] });
    expect(observed.replaygraph).toEqual(observed.langgraph);
  });

  it("getState().next of a node paused at its second interrupt() after one answer: a listed departure", async () => {
    const observed = await observeBoth(store, async (side) => {
      const { StateGraph, Annotation, START, Command, interrupt } = side.lib;
      const State = Annotation.Root({ log: Annotation({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }) });
      const graph = new StateGraph(State)
        .addNode("ask", () => ({ log: [`${interrupt("q1")}+${interrupt("q2")}`] }))
        .addEdge(START, "ask")
        .compile({ checkpointer: side.checkpointer });
      const config = { configurable: { thread_id: "two-questions" } };
      await graph.invoke({}, config);
      const firstNext = (await graph.getState(config)).next;
      const paused = await graph.invoke(new Command({ resume: "A" }), config);
      const snapshot = await graph.getState(config);
      return {
        firstNext,
        question: paused.__interrupt__.map((i: { value: unknown }) => i.value),
        next: snapshot.next,
        tasks: snapshot.tasks.map((task: { name: string; interrupts: { value: unknown }[] }) => ({
          name: task.name,
          interrupts: task.interrupts.map((i) => i.value),
        })),
      };
    });
    const common = { firstNext: ["ask"], question: ["q2"], tasks: [{ name: "ask", interrupts: ["q2"] }] };
    // LangGraph drops a task from `next` once it has a pending resume write, though it waits again;
    // replaygraph names the paused node in `next` at every interrupt (SEMANTICS rule 1).
    expect(observed.langgraph).toEqual({ ...common, next: [] });
    expect(observed.replaygraph).toEqual({ ...common, next: ["ask"] });
  });
});
