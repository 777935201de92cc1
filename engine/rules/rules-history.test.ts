import { describe, expect, it } from "vitest";
import { Annotation, Command, END, INTERRUPT, interrupt, MemorySaver, START, StateGraph, type StateSnapshot } from "../index.js";

const State = Annotation.Root({
  topic: Annotation<string>(),
  log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});
const config = (thread: string) => ({ configurable: { thread_id: thread } });

function build(store: MemorySaver) {
  return new StateGraph(State)
    .addNode("a", (s) => ({ log: [`a:${s.topic}`] }))
    .addNode("h", () => ({ log: [`h:${interrupt("question")}`] }))
    .addNode("c", () => ({ log: ["c"] }))
    .addEdge(START, "a")
    .addEdge("a", "h")
    .addEdge("h", "c")
    .addEdge("c", END)
    .compile({ checkpointer: store });
}

async function history(graph: ReturnType<typeof build>, thread: string): Promise<StateSnapshot[]> {
  const all: StateSnapshot[] = [];
  for await (const snapshot of graph.getStateHistory(config(thread))) all.push(snapshot);
  return all;
}

describe("history", () => {
  it("rule 26: replaying the stream from scratch gives exactly the live state, at every checkpoint", async () => {
    const store = new MemorySaver();
    const live = build(store);
    const snapshotsSeenLive: StateSnapshot[] = [];
    await live.invoke({ topic: "t" }, config("r26"));
    snapshotsSeenLive.push(await live.getState(config("r26")));
    await live.invoke(new Command({ resume: "yes" }), config("r26"));
    snapshotsSeenLive.push(await live.getState(config("r26")));

    const cold = build(store);
    expect(await cold.getState(config("r26"))).toEqual(snapshotsSeenLive[1]);
    const replayed = await history(cold, "r26");
    // LangGraph's shape: the input checkpoint (step -1, next __start__, the values before the
    // input), then a loop checkpoint per step from step 0.
    expect(replayed.map((s) => [s.metadata?.source, s.metadata?.step, s.next, s.values.log])).toEqual([
      ["loop", 3, [], ["a:t", "h:yes", "c"]],
      ["loop", 2, ["c"], ["a:t", "h:yes"]],
      ["loop", 1, ["h"], ["a:t"]],
      ["loop", 0, ["a"], []],
      ["input", -1, ["__start__"], []],
    ]);
    // Each past checkpoint read by id is what history says it is.
    for (const snapshot of replayed) expect(await cold.getState(snapshot.config)).toEqual(snapshot);
    expect(replayed[0]!.parentConfig).toEqual(replayed[1]!.config);
  });

  it("rule 27: time travel and updateState fork by appending; nothing in the stream is changed", async () => {
    const store = new MemorySaver();
    const graph = build(store);
    await graph.invoke({ topic: "t" }, config("r27"));
    const firstAnswer = await graph.invoke(new Command({ resume: "first" }), config("r27"));
    expect(firstAnswer.log).toEqual(["a:t", "h:first", "c"]);
    const before = (await store.readStream("thread-r27")).events;

    const paused = (await history(graph, "r27")).find((s) => s.next.includes("h"))!;
    const replay = await graph.invoke(null, paused.config);
    expect(replay[INTERRUPT]?.map((i) => i.value)).toEqual(["question"]);
    const again = await graph.invoke(new Command({ resume: "second" }), config("r27"));
    expect(again.log).toEqual(["a:t", "h:second", "c"]);

    const after = (await store.readStream("thread-r27")).events;
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.map((e) => e.type)).toContain("ThreadForked");

    const fork = await graph.updateState(paused.config, { topic: "edited" });
    expect((await graph.getState(fork)).values).toEqual({ topic: "edited", log: ["a:t"] });
    expect((await graph.getState(config("r27"))).next).toEqual(["h"]);
  });

  it("updateState as the paused node answers on its behalf; as END clears what was pending", async () => {
    const graph = build(new MemorySaver());
    await graph.invoke({ topic: "t" }, config("u1"));
    await graph.updateState(config("u1"), { log: ["human wrote this"] }, "h");
    expect((await graph.getState(config("u1"))).next).toEqual(["c"]);
    expect((await graph.invoke(null, config("u1"))).log).toEqual(["a:t", "human wrote this", "c"]);

    await graph.invoke({ topic: "t2" }, config("u2"));
    await graph.updateState(config("u2"), null, END);
    const cleared = await graph.getState(config("u2"));
    expect(cleared.next).toEqual([]);
    expect(cleared.tasks).toEqual([]);
    expect(cleared.metadata?.source).toBe("update");
  });
});
