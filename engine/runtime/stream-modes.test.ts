import { describe, expect, it } from "vitest";
import { Annotation, END, interrupt, MemorySaver, START, StateGraph } from "../index.js";

const State = Annotation.Root({ log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });

describe("graph.stream modes", () => {
  it("values, updates, custom and debug, alone or together ([mode, chunk] tuples)", async () => {
    const graph = new StateGraph(State)
      .addNode("a", (_s, config) => {
        config.writer({ progress: 1 });
        return { log: ["a"] };
      })
      .addNode("ask", () => ({ log: [String(interrupt("ok?"))] }))
      .addEdge(START, "a")
      .addEdge("a", "ask")
      .addEdge("ask", END)
      .compile({ checkpointer: new MemorySaver() });
    const read = async (thread: string, streamMode: never) => {
      const chunks: unknown[] = [];
      for await (const chunk of await graph.stream({}, { configurable: { thread_id: thread }, streamMode })) chunks.push(chunk);
      return chunks;
    };
    // As LangGraph: an input that writes nothing shows no state before the first step.
    expect(await read("v", "values" as never)).toEqual([{ log: ["a"] }, { __interrupt__: [{ id: expect.any(String), value: "ok?" }] }]);
    expect(await read("u", "updates" as never)).toEqual([{ a: { log: ["a"] } }, { __interrupt__: [{ id: expect.any(String), value: "ok?" }] }]);
    expect(await read("c", "custom" as never)).toEqual([{ progress: 1 }]);
    const debug = (await read("d", "debug" as never)) as { type: string; step: number; payload: { name?: string; interrupts?: unknown[] } }[];
    // LangGraph's debug stream: checkpoints (input at step -1, then loop) between the tasks.
    expect(debug.map((chunk) => `${chunk.step}:${chunk.type}:${chunk.payload.name ?? ""}`)).toEqual([
      "-1:checkpoint:",
      "0:checkpoint:",
      "1:task:a",
      "1:task_result:a",
      "1:checkpoint:",
      "2:task:ask",
      "2:task_result:ask",
    ]);
    expect(debug.at(-1)!.payload.interrupts).toEqual([{ id: expect.any(String), value: "ok?" }]);
    const both = (await read("b", ["updates", "custom"] as never)) as [string, unknown][];
    expect(both.map(([mode]) => mode)).toEqual(["custom", "updates", "updates"]);
  });

  it("an aborted signal cancels invoke() with RunCancelledError and keeps the committed steps", async () => {
    const controller = new AbortController();
    const graph = new StateGraph(State)
      .addNode("a", () => ({ log: ["a"] }))
      .addNode("slow", async () => {
        controller.abort();
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return { log: ["never"] };
      })
      .addEdge(START, "a")
      .addEdge("a", "slow")
      .compile({ checkpointer: new MemorySaver() });
    const config = { configurable: { thread_id: "cancel" }, signal: controller.signal };
    await expect(graph.invoke({}, config)).rejects.toMatchObject({ name: "AbortError", code: "RUN_CANCELLED" });
    expect((await graph.getState({ configurable: { thread_id: "cancel" } })).values.log).toEqual(["a"]);
  });
});
