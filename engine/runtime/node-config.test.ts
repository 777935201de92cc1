import { describe, expect, it } from "vitest";
import { Annotation, END, MemorySaver, START, StateGraph } from "../index.js";

const State = Annotation.Root({ seen: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });

describe("a node's config.signal", () => {
  it("aborts when the caller's signal aborts, with its reason, so the node sees it abort (as LangGraph's, it is not the caller's object itself)", async () => {
    const controller = new AbortController();
    let seen: { aborted: boolean; reason: unknown } | undefined;
    const graph = new StateGraph(State)
      .addNode("a", (_state, config) => {
        return new Promise<{ seen: string[] }>((resolve) => {
          config.signal.addEventListener("abort", () => ((seen = { aborted: config.signal.aborted, reason: config.signal.reason }), resolve({ seen: ["a"] })), {
            once: true,
          });
          controller.abort("stop");
        });
      })
      .addEdge(START, "a")
      .addEdge("a", END)
      .compile({ checkpointer: new MemorySaver() });
    await expect(graph.invoke({ seen: [] }, { configurable: { thread_id: "t1" }, signal: controller.signal })).rejects.toThrow();
    expect(seen).toEqual({ aborted: true, reason: "stop" });
  });

  it("without one, is a signal that is not aborted, stable within a task, and survives a spread of the config", async () => {
    const observed: { aborted: boolean; same: boolean; spread: boolean }[] = [];
    const graph = new StateGraph(State)
      .addNode("a", (_state, config) => {
        const first = config.signal;
        observed.push({ aborted: first.aborted, same: config.signal === first, spread: { ...config }.signal === first });
        return { seen: ["a"] };
      })
      .addEdge(START, "a")
      .addEdge("a", END)
      .compile({ checkpointer: new MemorySaver() });
    await graph.invoke({ seen: [] }, { configurable: { thread_id: "t2" } });
    expect(observed).toEqual([{ aborted: false, same: true, spread: true }]);
  });
});
