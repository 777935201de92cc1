import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { MemoryEventStore } from "../../store/memory/memory-event-store.js";
import { END, START } from "../graph/constants.js";
import { MessagesAnnotation } from "../messages/messages-annotation.js";
import { StateGraph } from "../runtime/state-graph.js";
import { readThreadSnapshot } from "./snapshot-store.js";

describe("snapshots of a messages thread", () => {
  it("decode to the same message classes and ids as the live state (a snapshot that did not decode would be ignored silently)", async () => {
    const store = new MemoryEventStore();
    const graph = new StateGraph(MessagesAnnotation)
      .addNode("agent", (state) => ({
        messages: [new AIMessage({ content: `seen ${state.messages.length}`, tool_calls: [{ name: "f", args: {}, id: "c1" }] })],
      }))
      .addEdge(START, "agent")
      .addEdge("agent", END)
      .compile({ checkpointer: store, snapshotEvery: 2 });
    const config = { configurable: { thread_id: "s" } };
    await graph.invoke({ messages: [new HumanMessage("hi")] }, config);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const read = await readThreadSnapshot(store, graph.graphSpec, "s");
    expect(read?.snapshot).toBeDefined();
    const snapshotted = read!.snapshot!.state.values["messages"] as BaseMessage[];
    const live = (await graph.getState(config)).values.messages;
    expect(snapshotted.map((message) => [message.constructor, message.id, message.content])).toEqual(
      live.slice(0, snapshotted.length).map((message) => [message.constructor, message.id, message.content]),
    );
    expect(snapshotted.length).toBeGreaterThan(0);
  });
});
