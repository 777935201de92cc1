import { describe, expect, it } from "vitest";
import {
  Annotation,
  Command,
  effect,
  NonDeterminismError,
  type CompiledStateGraph,
  END,
  interrupt,
  MemorySaver,
  Send,
  START,
  StateGraph,
  upcastThreadEvent,
  WARNINGS,
  type ReplayWarning,
  type ThreadEvent,
} from "replaygraph";
import { liveStateOf } from "../engine/fuzz/live-state-of.js";
import { LiveStateCheckingStore } from "../engine/fuzz/live-state-checking-store.js";

// Engine bugs the replay properties found, each pinned by the smallest test that shows it. The
// first four are fixed; the `it.fails` ones are open (see property-tests/README.md): each passes
// while the bug is there and fails once it is fixed, so the fix comes with flipping it to `it`.

const State = Annotation.Root({ log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });
const config = (thread: string) => ({ configurable: { thread_id: thread } });

async function eventsOf(store: MemorySaver, thread: string): Promise<ThreadEvent[]> {
  return (await store.readStream(`thread-${thread}`)).events.map((event) => upcastThreadEvent(event));
}

describe("found by the replay properties", () => {
  it("rules 4, 13: after a swallowed pause, a later interrupt() call re-raises that pause, so its answer reaches it by position", async () => {
    // Was: the later call's pause (call #1) was recorded, the answer was stored at position 0, the
    // task was never runnable (call #1 still unanswered), and the same id could be answered again.
    const graph = new StateGraph(State)
      .addNode("ask", () => {
        let first: unknown = "none";
        try {
          first = interrupt("first?");
        } catch {} // BAD, but the engine must still route answers right
        const second = interrupt<unknown, string>("second?");
        return { log: [`${String(first)}/${second}`] };
      })
      .addEdge(START, "ask")
      .compile({ checkpointer: new MemorySaver() });
    const paused = await graph.invoke({}, config("a"));
    expect(paused.__interrupt__?.map((i) => i.value)).toEqual(["first?"]);
    const next = await graph.invoke(new Command({ resume: "A" }), config("a"));
    expect(next.__interrupt__?.map((i) => i.value)).toEqual(["second?"]);
    const done = await graph.invoke(new Command({ resume: "B" }), config("a"));
    expect(done.log).toEqual(["A/B"]);
  });

  it("rules 15, 26: a Send task that changes its args in place cannot rewrite what history says it was given", async () => {
    // Was: StepStarted is appended after the step ran, with the same args object the node changed,
    // so history recorded {item: 99}, and the re-execution got the changed args (and no warning).
    const store = new MemorySaver();
    const seen: unknown[] = [];
    const graph = new StateGraph(State)
      .addNode("plan", () => ({}))
      .addNode("work", (args: any) => {
        seen.push({ ...args });
        args.item = 99; // BAD: changes its input in place
        return { log: [String(interrupt("ok?"))] };
      })
      .addEdge(START, "plan")
      .addConditionalEdges("plan", () => [new Send("work", { item: 1 })], ["work"])
      .addEdge("work", END)
      .compile({ checkpointer: store });
    const first = await graph.invoke({}, config("b"));
    const done = await graph.invoke(new Command({ resume: "yes" }), config("b"));
    expect(seen).toEqual([{ item: 1 }, { item: 1 }]);
    const started = (await eventsOf(store, "b")).filter((event) => event.type === "StepStarted").at(-1) as Extract<ThreadEvent, { type: "StepStarted" }>;
    expect(started.tasks[0]!.args).toEqual({ item: 1 });
    expect(first[WARNINGS]?.map((w) => w.kind)).toEqual(["state-mutated"]);
    expect(done[WARNINGS]?.map((w) => w.kind)).toEqual(["state-mutated"]);
  });

  it("rule 26: a journaled effect is stored with the time its decision was folded with, so live and replay agree", async () => {
    // Was: the RecordEffect decision read the clock once and the append read it again, so the live
    // state's updatedAt differed from the replay's (seen with an injected clock that ticks per read).
    let tick = 0;
    let graph: CompiledStateGraph<typeof State.spec> | undefined;
    // Checks, before every append, that the live state equals the replay of the stream so far.
    const store: LiveStateCheckingStore = new LiveStateCheckingStore(new MemorySaver(), (thread) => liveStateOf(graph!, store, thread));
    graph = new StateGraph(State)
      .addNode("n", async () => ({ log: [await effect("once", () => "done"), String(interrupt("ok?"))] }))
      .addEdge(START, "n")
      .compile({ checkpointer: store, clock: () => ++tick * 1000 });
    await graph.invoke({}, config("c"));
    expect(store.divergences).toEqual([]);
  });

  it("rule 14: in strict mode a NonDeterminismError the node swallowed still fails the task, even if it then pauses", async () => {
    // Was: the node caught the error, paused at its next interrupt() call, and the task was recorded
    // as interrupted: the changed call got the old answer and strict mode did not stop it.
    let question = "first?";
    const graph = new StateGraph(State)
      .addNode("ask", () => {
        let first: unknown;
        try {
          first = interrupt(question);
        } catch {} // BAD: swallows whatever interrupt() throws
        return { log: [`${String(first)}/${String(interrupt("next?"))}`] };
      })
      .addEdge(START, "ask")
      .compile({ checkpointer: new MemorySaver(), strict: true });
    await graph.invoke({}, config("f"));
    question = "changed?";
    await expect(graph.invoke(new Command({ resume: "A" }), config("f"))).rejects.toThrow(NonDeterminismError);
  });

  it("rule 16: warnings raised inside a subgraph are returned to the caller (onWarning, __warnings__)", async () => {
    // Recorded in the subgraph's thread, and reported to the caller (runNested dropped them).
    const child = new StateGraph(State)
      .addNode("inner", (state) => {
        state.log.push("sneaky"); // BAD: a state-mutated warning in the subgraph
        return {};
      })
      .addEdge(START, "inner")
      .compile();
    const returned: ReplayWarning[] = [];
    const graph = new StateGraph(State).addNode("outer", child).addEdge(START, "outer").compile({ checkpointer: new MemorySaver() });
    const done = await graph.invoke({}, { ...config("d"), onWarning: (warning) => returned.push(warning) });
    expect(returned.map((w) => w.kind)).toEqual(["state-mutated"]);
    expect(done[WARNINGS]?.map((w) => w.kind)).toEqual(["state-mutated"]);
  });

  it("rule 15: a state-mutated warning names only the node that changed its input, not a sibling running beside it", async () => {
    // Parallel tasks shared one input object, so a task's before/after check straddled a sibling's
    // change; now each task of a parallel step gets its own copy.
    const graph = new StateGraph(State)
      .addNode("mutates", async (state) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        state.log.push("sneaky");
        return {};
      })
      .addNode("innocent", async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return {};
      })
      .addEdge(START, "mutates")
      .addEdge(START, "innocent")
      .compile({ checkpointer: new MemorySaver() });
    const done = await graph.invoke({}, config("e"));
    expect(done[WARNINGS]?.map((w) => w.node)).toEqual(["mutates"]);
  });
});
