import { describe, expect, it } from "vitest";
import { Annotation, Command, END, interrupt, MemorySaver, RevisionOutOfRangeError, START, StateGraph, stateAt, UnknownThreadError } from "../index.js";
import { revisionOfCheckpointId } from "../thread/ids.js";

const State = Annotation.Root({ log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });
const config = { configurable: { thread_id: "t" } };

async function thread() {
  const graph = new StateGraph(State)
    .addNode("a", () => ({ log: ["a"] }))
    .addNode("ask", () => ({ log: [`answer:${interrupt<unknown, string>("why?")}`] }))
    .addEdge(START, "a")
    .addEdge("a", "ask")
    .addEdge("ask", END)
    .compile({ checkpointer: new MemorySaver() });
  await graph.invoke({ log: ["input"] }, config);
  const paused = await graph.getState(config);
  await graph.invoke(new Command({ resume: "because" }), config);
  return { graph, paused };
}

describe("stateAt", () => {
  it("rebuilds every checkpoint of getStateHistory, and the current state at the last revision", async () => {
    const { graph } = await thread();
    for await (const checkpoint of graph.getStateHistory(config)) {
      // LangGraph's input checkpoint (the state before a run's input) has no event of its own.
      if (checkpoint.metadata!.source === "input") continue;
      const rebuilt = await stateAt(graph, "t", revisionOfCheckpointId("t", checkpoint.config.configurable.checkpoint_id!)!);
      expect(rebuilt.values).toEqual(checkpoint.values);
      expect(rebuilt.config).toEqual(checkpoint.config);
    }
    const now = await stateAt(graph, "t");
    expect(now).toMatchObject({ values: (await graph.getState(config)).values, status: "idle", next: [] });
    expect(now.revision).toBe(now.lastRevision);
  });

  it("shows a pending interrupt as getState showed it while the thread waited", async () => {
    const { graph, paused } = await thread();
    const pausedRevision = revisionOfCheckpointId("t", paused.config.configurable.checkpoint_id!)!;
    let found = false;
    for (let revision = pausedRevision; revision <= (await stateAt(graph, "t")).lastRevision && !found; revision++) {
      const state = await stateAt(graph, "t", revision);
      if (state.status === "interrupted") {
        expect(state.tasks.flatMap((task) => task.interrupts.map((pending) => pending.value))).toEqual(["why?"]);
        expect(state.next).toEqual(paused.next);
        found = true;
      }
    }
    expect(found).toBe(true);
  });

  it("reports progress up to the revision asked for", async () => {
    const { graph } = await thread();
    const seen: [number, number][] = [];
    await stateAt(graph, "t", 3, { onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.at(-1)).toEqual([4, 4]);
  });

  it("refuses a revision past the end, a negative one, and an unknown thread, with named errors", async () => {
    const { graph } = await thread();
    const last = (await stateAt(graph, "t")).lastRevision;
    await expect(stateAt(graph, "t", last + 1)).rejects.toThrow(RevisionOutOfRangeError);
    await expect(stateAt(graph, "t", last + 1)).rejects.toThrow(`from 0 to ${last}`);
    await expect(stateAt(graph, "t", -1)).rejects.toThrow(RevisionOutOfRangeError);
    await expect(stateAt(graph, "nobody", 0)).rejects.toThrow(UnknownThreadError);
  });
});
