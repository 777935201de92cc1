import { afterAll, describe, expect, it } from "vitest";
import { Annotation, createEngine, END, interrupt, START, StateGraph, type EventStore, type RunChunk } from "replaygraph";
import { stopSharedServers, storeFixtures } from "./testing/store-fixtures.js";

afterAll(stopSharedServers);

const State = Annotation.Root({ log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });
function build(store: EventStore) {
  return new StateGraph(State)
    .addNode("a", (_s, config) => {
      config.writer({ progress: "half" });
      return { log: ["a"] };
    })
    .addNode("ask", () => ({ log: [`ask:${interrupt("go on?")}`] }))
    .addEdge(START, "a")
    .addEdge("a", "ask")
    .addEdge("ask", END)
    .compile({ checkpointer: store });
}

async function collect(stream: AsyncIterableIterator<RunChunk>): Promise<RunChunk[]> {
  const chunks: RunChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe.each(storeFixtures)("run streams on $name", (fixture) => {
  it("runs.stream sends metadata first, then the asked modes; interrupts arrive in values and updates; every joiner gets every chunk", async () => {
    const { store, cleanup } = await fixture.create();
    try {
      const engine = createEngine({ store, graphs: { g: build(store) } });
      const { thread_id: threadId } = await engine.threads.create();
      const stream = await engine.runs.stream(threadId, "g", { input: {}, streamMode: ["values", "updates", "custom"] });
      const runId = (await stream.next()).value.data.run_id as string;
      const joiners = await Promise.all([
        engine.runs.joinStream(threadId, runId, { streamMode: ["values", "updates", "custom"] }),
        engine.runs.joinStream(threadId, runId, { streamMode: "updates" }),
      ]);
      const [rest, all, updatesOnly] = await Promise.all([collect(stream), collect(joiners[0]), collect(joiners[1])]);
      expect(all[0]).toEqual({ event: "metadata", data: { run_id: runId, attempt: 1 } });
      expect(all.slice(1)).toEqual(rest);
      // As LangGraph: an input that writes nothing ({}) sends no state before the first step.
      expect(rest.map((c) => c.event)).toEqual(["custom", "updates", "values", "updates", "values"]);
      expect(rest.find((c) => c.event === "custom")?.data).toEqual({ progress: "half" });
      expect(rest.filter((c) => (c.data as Record<string, unknown>)["__interrupt__"]).map((c) => c.event)).toEqual(["updates", "values"]);
      expect(updatesOnly.map((c) => c.event)).toEqual(["metadata", "updates", "updates"]);

      // join of a finished run returns the thread's final state.
      expect(await engine.runs.join(threadId, runId)).toMatchObject({ log: ["a"], __interrupt__: [{ value: "go on?" }] });
      expect((await engine.threads.get(threadId)).status).toBe("interrupted");
      const done = await engine.runs.wait(threadId, "g", { command: { resume: "yes" } });
      expect(done).toEqual({ log: ["a", "ask:yes"] });
      expect((await engine.runs.list(threadId)).map((run) => run.status)).toEqual(["success", "success"]);
    } finally {
      await cleanup();
    }
  });

  it("a run that continues a finished thread (null input, nothing to run) succeeds with its state, streams it once, and adds no checkpoint, as LangGraph's invoke(null)", async () => {
    const { store, cleanup } = await fixture.create();
    try {
      const engine = createEngine({ store, graphs: { g: build(store) } });
      const { thread_id: threadId } = await engine.threads.create();
      await engine.runs.wait(threadId, "g", { input: {} });
      await engine.runs.wait(threadId, "g", { command: { resume: "yes" } });
      const checkpoints = (await engine.threads.getHistory(threadId)).length;
      expect(await engine.runs.wait(threadId, "g", { input: null })).toEqual({ log: ["a", "ask:yes"] });
      const chunks = await collect(await engine.runs.stream(threadId, "g", { input: null, streamMode: ["values", "updates"] }));
      expect(chunks.map((c) => c.event)).toEqual(["metadata", "values"]);
      expect(chunks[1]!.data).toEqual({ log: ["a", "ask:yes"] });
      expect((await engine.runs.list(threadId)).map((run) => run.status)).toEqual(["success", "success", "success", "success"]);
      expect((await engine.threads.getHistory(threadId)).length).toBe(checkpoints);
      expect((await engine.threads.get(threadId)).status).toBe("idle");
    } finally {
      await cleanup();
    }
  });
});
