import { describe, expect, it } from "vitest";
import { MemoryEventStore } from "../../store/memory/memory-event-store.js";
import { FailingAppendEventStore } from "../../store/testing/failing-append-event-store.js";
import { RecordingEventStore } from "../../store/testing/recording-event-store.js";
import { Annotation } from "../graph/annotation.js";
import { Command } from "../graph/command.js";
import { END, START } from "../graph/constants.js";
import type { EventStore } from "../../store/event-store.js";
import { effect } from "./effect.js";
import { interrupt } from "./interrupt.js";
import { StateGraph } from "./state-graph.js";

const State = Annotation.Root({
  items: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  profile: Annotation<{ tags: string[] }>(),
});
const config = { configurable: { thread_id: "t" } };

async function typesOf(store: EventStore): Promise<string[]> {
  return (await store.readStream("thread-t")).events.map((event) => event.type);
}

describe("a run without a lease stores its start with its first step", () => {
  it("an interrupt and its resume take one append each, and the stream holds every event an eager start would", async () => {
    const store = new RecordingEventStore(new MemoryEventStore());
    const graph = new StateGraph(State)
      .addNode("ask", () => ({ items: [String(interrupt("approve?"))] }))
      .addEdge(START, "ask")
      .addEdge("ask", END)
      .compile({ checkpointer: store });
    await graph.invoke({ items: [] }, config);
    expect(store.acknowledged.map((ack) => ack.events.map((event) => event.type))).toEqual([
      ["ThreadCreated", "RunStarted", "StepStarted", "TaskInterrupted", "RunSucceeded"],
    ]);
    expect(await graph.invoke(new Command({ resume: "yes" }), config)).toEqual({ items: ["yes"] });
    expect(store.acknowledged).toHaveLength(2);
    expect(store.acknowledged[1]!.events.map((event) => event.type)).toEqual([
      "RunStarted",
      "InterruptResumed",
      "TaskSucceeded",
      "StepCommitted",
      "RunSucceeded",
    ]);
  });

  it("a node that changes its input in place does not change the run's stored input", async () => {
    const store = new MemoryEventStore();
    const graph = new StateGraph(State)
      .addNode("tag", (state) => {
        state.profile.tags.push("changed in place");
        return { items: ["tagged"] };
      })
      .addEdge(START, "tag")
      .addEdge("tag", END)
      .compile({ checkpointer: store });
    const output = await graph.invoke({ profile: { tags: ["a"] } }, config);
    expect(output["__warnings__"]).toEqual([expect.objectContaining({ kind: "state-mutated", node: "tag" })]);
    const started = (await store.readStream("thread-t")).events.find((event) => event.type === "RunStarted")!;
    expect(started.data).toMatchObject({ input: { values: { profile: { tags: ["a"] } } } });
    expect((await graph.getState(config)).values).toEqual({ items: ["tagged"], profile: { tags: ["a"] } });
  });

  it("another writer appending before the first step is stored: nothing of the first attempt lands, and the run starts again on the new state", async () => {
    const store = new MemoryEventStore();
    const other = new StateGraph(State)
      .addNode("noop", () => ({}))
      .addEdge(START, "noop")
      .compile({ checkpointer: store });
    await other.invoke({ items: ["seed"] }, config);
    let executions = 0;
    const graph = new StateGraph(State)
      .addNode("work", async (state) => {
        executions++;
        // Another process edits the thread while this run's first step executes.
        if (executions === 1) await other.updateState(config, { items: ["edited elsewhere"] });
        return { items: [`saw ${state.items.length}`] };
      })
      .addEdge(START, "work")
      .addEdge("work", END)
      .compile({ checkpointer: store });
    expect(await graph.invoke({ items: ["mine"] }, config)).toEqual({ items: ["seed", "edited elsewhere", "mine", "saw 3"] });
    expect(executions).toBe(2);
    const types = await typesOf(store);
    expect(types.filter((type) => type === "RunStarted")).toHaveLength(2);
    expect(types.slice(-6)).toEqual(["StateUpdated", "RunStarted", "StepStarted", "TaskSucceeded", "StepCommitted", "RunSucceeded"]);
  });

  it("a crash before the first step is stored leaves no trace of the run (no abandoned run to recover)", async () => {
    const inner = new MemoryEventStore();
    const dying = new FailingAppendEventStore(inner, { failOn: 1, when: "before", then: "crash" });
    const graph = (store: EventStore) =>
      new StateGraph(State)
        .addNode("work", () => ({ items: ["done"] }))
        .addEdge(START, "work")
        .addEdge("work", END)
        .compile({ checkpointer: store });
    await expect(graph(dying).invoke({ items: [] }, config)).rejects.toThrow();
    expect((await inner.readStream("thread-t")).streamExists).toBe(false);
    expect(await graph(inner).invoke({ items: [] }, config)).toEqual({ items: ["done"] });
  });

  it("an effect stores the start before its body runs; if that start is lost, the body has not run and the run starts again", async () => {
    const store = new RecordingEventStore(new MemoryEventStore());
    const other = new StateGraph(State)
      .addNode("noop", () => ({}))
      .addEdge(START, "noop")
      .compile({ checkpointer: store });
    await other.invoke({ items: [] }, config);
    let attempts = 0;
    let bodies = 0;
    const graph = new StateGraph(State)
      .addNode("charge", async () => {
        attempts++;
        if (attempts === 1) await other.updateState(config, { items: ["edited elsewhere"] });
        const receipt = await effect("charge", () => `receipt ${++bodies}`);
        return { items: [receipt] };
      })
      .addEdge(START, "charge")
      .addEdge("charge", END)
      .compile({ checkpointer: store });
    expect(await graph.invoke({ items: [] }, config)).toEqual({ items: ["edited elsewhere", "receipt 1"] });
    expect({ attempts, bodies }).toEqual({ attempts: 2, bodies: 1 });
    const started = store.acknowledged.findLastIndex((ack) => ack.events.some((event) => event.type === "RunStarted"));
    const recorded = store.acknowledged.findIndex((ack) => ack.events.some((event) => event.type === "EffectRecorded"));
    expect(store.acknowledged[started]!.events.map((event) => event.type)).toEqual(["RunStarted"]);
    expect(recorded).toBe(started + 1);
  });
});
