import { describe, expect, it } from "vitest";
import { onBothStores } from "../graph/testing/on-both-libraries.js";

// Differential, LangGraph 1.7.3 against replaygraph (memory store and a SQLite file): what the
// streams show, where LangGraph's own tests pin it. The `updates` stream shows a node's return
// value as the node returned it (a message string stays a string, though the state holds a
// message with an id); a graph without a checkpointer reports no checkpoints in `debug` or
// `checkpoints`; a node reached by a waiting edge names the edge's channel in its `triggers`; a
// subgraph a node function invokes (named in `addNode(..., { subgraphs })`) has a history under
// its `checkpoint_ns`, as a subgraph node has.

async function gather(stream: unknown): Promise<any[]> {
  const chunks: any[] = [];
  for await (const chunk of (await stream) as AsyncIterable<unknown>) chunks.push(chunk);
  return chunks;
}

describe("stream shapes, on both libraries", () => {
  for (const store of ["memory", "sqlite"] as const) {
    it(`updates show the node's own return value; messages keep their strings (${store})`, async () => {
      const seen = await onBothStores(store, async (lib, checkpointer) => {
        const { StateGraph, MessagesAnnotation, START } = lib;
        const graph = new StateGraph(MessagesAnnotation)
          .addNode("reply", () => ({ messages: ["hello", { role: "ai", content: "hi" }] }))
          .addEdge(START, "reply")
          .compile({ checkpointer: checkpointer() });
        const updates = await gather(graph.stream({ messages: ["input"] }, { configurable: { thread_id: "t" }, streamMode: "updates" }));
        const state = await graph.getState({ configurable: { thread_id: "t" } });
        return { updates, kinds: state.values.messages.map((message: any) => [message.getType(), message.content, typeof message.id]) };
      });
      expect(seen.replaygraph).toEqual(seen.langgraph);
      expect(seen.replaygraph.updates).toEqual([{ reply: { messages: ["hello", { role: "ai", content: "hi" }] } }]);
    });

    it(`debug without a checkpointer reports tasks only; a waiting edge is the trigger it names (${store})`, async () => {
      const seen = await onBothStores(store, async (lib, checkpointer) => {
        const { StateGraph, Annotation, START, END } = lib;
        const State = Annotation.Root({ log: Annotation({ reducer: (a: string[], b: string[]) => [...a, ...b].sort(), default: () => [] }) });
        const build = () =>
          new StateGraph(State)
            .addNode("a", () => ({ log: ["a"] }))
            .addNode("b", () => ({ log: ["b"] }))
            .addNode("joined", () => ({ log: ["joined"] }), { defer: true })
            .addEdge(START, "a")
            .addEdge(START, "b")
            .addEdge(["a", "b"], "joined")
            .addEdge("joined", END);
        const shape = (chunks: any[]) => chunks.map((chunk) => [chunk.type, chunk.step, chunk.payload.name ?? null, chunk.payload.triggers ?? null]);
        const ephemeral = shape(await gather(build().compile().stream({ log: [] }, { streamMode: "debug" })));
        const checkpoints = await gather(build().compile().stream({ log: [] }, { streamMode: "checkpoints" }));
        const durable = shape(
          await gather(
            build()
              .compile({ checkpointer: checkpointer() })
              .stream({ log: [] }, { configurable: { thread_id: "t" }, streamMode: "debug" }),
          ),
        );
        return { ephemeral, checkpoints, durable };
      });
      expect(seen.replaygraph).toEqual(seen.langgraph);
      expect(seen.replaygraph.ephemeral.map(([type]: string[]) => type)).not.toContain("checkpoint");
      expect(seen.replaygraph.checkpoints).toEqual([]);
      expect(seen.replaygraph.durable).toContainEqual(["task", 2, "joined", ["join:a+b:joined"]]);
    });

    it(`a subgraph invoked by a node function has its history under its checkpoint_ns (${store})`, async () => {
      const seen = await onBothStores(store, async (lib, checkpointer) => {
        const { StateGraph, Annotation, START, END } = lib;
        const State = Annotation.Root({ log: Annotation({ reducer: (a: string[], b: string[]) => [...a, ...b], default: () => [] }) });
        const child = new StateGraph(State)
          .addNode("c_one", () => ({ log: ["c_one"] }))
          .addEdge(START, "c_one")
          .addEdge("c_one", END)
          .compile();
        const graph = new StateGraph(State)
          .addNode("p_one", () => ({ log: ["p_one"] }))
          .addNode("p_two", (state: unknown, config: unknown) => child.invoke(state as never, config as never), { subgraphs: [child] })
          .addEdge(START, "p_one")
          .addEdge("p_one", "p_two")
          .addEdge("p_two", END)
          .compile({ checkpointer: checkpointer() });
        const events = await gather(graph.stream({ log: [] }, { configurable: { thread_id: "t" }, streamMode: "debug", subgraphs: true }));
        const namespaces = [...new Set(events.filter(([, chunk]) => chunk.type === "checkpoint").map(([ns]) => ns.join("|")))] as string[];
        const histories: unknown[] = [];
        for (const ns of namespaces) {
          const history = await gather(graph.getStateHistory({ configurable: { thread_id: "t", checkpoint_ns: ns } }));
          histories.push(history.map((snapshot) => [snapshot.metadata?.step, snapshot.values.log, snapshot.config.configurable.checkpoint_ns === ns]));
        }
        return { depth: namespaces.map((ns) => ns.split("|").filter(Boolean).length), histories };
      });
      expect(seen.replaygraph).toEqual(seen.langgraph);
      expect(seen.replaygraph.depth).toEqual([0, 1]);
      expect((seen.replaygraph.histories as unknown[][])[1]!.length).toBeGreaterThan(0);
    });
  }
});
