import { describe, expect, it } from "vitest";
import { onBothStores } from "../graph/testing/on-both-libraries.js";

// Differential, LangGraph 1.7.3 against replaygraph (memory store and a SQLite file):
// cancelling a stream. `stream.cancel()`, and leaving a `for await` early, abort the run: a
// running node sees its signal abort, the next node never starts, the thread keeps its last
// checkpoint. A signal aborted by the caller ends the stream with the signal's reason (what
// LangChain's streamEvents expects of a cancel it asked for). A task that fails aborts its
// siblings' signals, and the run fails with that task's error. `graph.stepTimeout` aborts a
// step's tasks' signals when the step outlasts it.

function abortable(ms: number, signal: AbortSignal, seen: { started: boolean; aborted: boolean }): Promise<Record<string, never>> {
  seen.started = true;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve({}), ms);
    const abort = () => (clearTimeout(timer), (seen.aborted = true), reject(new Error("AbortError")));
    if (signal.aborted) abort();
    else signal.addEventListener("abort", abort, { once: true });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function build(lib: any, checkpointer: unknown, slow: { started: boolean; aborted: boolean }, next: { started: boolean; aborted: boolean }) {
  const { StateGraph, Annotation, START } = lib;
  const State = Annotation.Root({ value: Annotation({ reducer: (a: number, b: number) => a + b, default: () => 0 }) });
  return new StateGraph(State)
    .addNode("quick", () => ({ value: 2 }))
    .addNode("slow", (_state: unknown, config: { signal: AbortSignal }) => abortable(3000, config.signal, slow))
    .addNode("after", (_state: unknown, config: { signal: AbortSignal }) => abortable(10, config.signal, next))
    .addEdge(START, "quick")
    .addEdge("quick", "slow")
    .addEdge("slow", "after")
    .compile({ checkpointer });
}

describe("cancelling a stream, on both libraries", () => {
  for (const store of ["memory", "sqlite"] as const) {
    for (const how of ["cancel()", "break"] as const) {
      it(`${how} aborts the run; the thread keeps its last checkpoint (${store})`, async () => {
        const seen = await onBothStores(store, async (lib, checkpointer) => {
          const slow = { started: false, aborted: false };
          const after = { started: false, aborted: false };
          const graph = build(lib, checkpointer(), slow, after);
          const config = { configurable: { thread_id: "t" } };
          const stream = await graph.stream({ value: 1 }, config);
          let first: unknown;
          if (how === "cancel()") {
            first = (await stream.next()).value;
            await sleep(50);
            await stream.cancel();
          } else {
            for await (const chunk of stream) {
              first = chunk;
              await sleep(50);
              break;
            }
          }
          await sleep(100);
          const state = await build(lib, checkpointer(), slow, after).getState(config);
          return { first, slow, after, values: state.values, next: state.next, step: state.metadata?.step };
        });
        expect(seen.replaygraph).toEqual(seen.langgraph);
        expect(seen.replaygraph).toMatchObject({
          first: { quick: { value: 2 } },
          slow: { started: true, aborted: true },
          after: { started: false },
          next: ["slow"],
        });
      });
    }

    it(`a caller's abort ends the stream with the signal's reason (${store})`, async () => {
      const seen = await onBothStores(store, async (lib, checkpointer) => {
        const slow = { started: false, aborted: false };
        const graph = build(lib, checkpointer(), slow, { started: false, aborted: false });
        const controller = new AbortController();
        const reason = new Error("the user left");
        const chunks: unknown[] = [];
        let thrown: unknown;
        try {
          for await (const chunk of await graph.stream({ value: 1 }, { configurable: { thread_id: "t" }, signal: controller.signal })) {
            chunks.push(chunk);
            controller.abort(reason);
          }
        } catch (error) {
          thrown = error;
        }
        return { chunks, same: thrown === reason };
      });
      expect(seen.replaygraph).toEqual(seen.langgraph);
      expect(seen.replaygraph.same).toBe(true);
    });

    it(`a failing task aborts its siblings' signals; the run fails with its error (${store})`, async () => {
      const seen = await onBothStores(store, async (lib, checkpointer) => {
        const { StateGraph, Annotation, START } = lib;
        const sibling = { started: false, aborted: false };
        const graph = new StateGraph(Annotation.Root({ value: Annotation() }))
          .addNode("agent", (_state: unknown, config: { signal: AbortSignal }) => abortable(3000, config.signal, sibling))
          .addNode("bad", async () => {
            await sleep(10);
            throw new Error("I am bad");
          })
          .addConditionalEdges(START, () => ["agent", "bad"])
          .compile({ checkpointer: checkpointer() });
        const started = Date.now();
        const message = await graph.invoke({}, { configurable: { thread_id: "t" } }).then(
          () => "no error",
          (error: Error) => error.message,
        );
        return { message, sibling, quick: Date.now() - started < 2500 };
      });
      expect(seen.replaygraph).toEqual(seen.langgraph);
      expect(seen.replaygraph).toEqual({ message: "I am bad", sibling: { started: true, aborted: true }, quick: true });
    });

    it(`graph.stepTimeout aborts a slow step's tasks; the run fails (${store})`, async () => {
      const seen = await onBothStores(store, async (lib, checkpointer) => {
        const { StateGraph, Annotation, START } = lib;
        const slow = { started: false, aborted: false };
        const graph: any = new StateGraph(Annotation.Root({ value: Annotation() }))
          .addNode("slow", (_state: unknown, config: { signal: AbortSignal }) => abortable(3000, config.signal, slow))
          .addNode("quick", () => ({ value: 1 }))
          .addConditionalEdges(START, () => ["slow", "quick"])
          .compile({ checkpointer: checkpointer() });
        graph.stepTimeout = 20;
        const updates: unknown[] = [];
        const message = await (async () => {
          for await (const chunk of await graph.stream({ value: 0 }, { configurable: { thread_id: "t" } })) updates.push(chunk);
        })().then(
          () => "no error",
          (error: Error) => error.message,
        );
        return { message, slow, updates };
      });
      expect(seen.replaygraph).toEqual(seen.langgraph);
      expect(seen.replaygraph).toMatchObject({ message: "The operation was aborted due to timeout", slow: { started: true, aborted: true } });
    });
  }
});
