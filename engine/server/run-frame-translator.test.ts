import { AIMessage, AIMessageChunk, HumanMessage } from "@langchain/core/messages";
import { describe, expect, test } from "vitest";
import type { RunChunk } from "../service/run-broadcaster.js";
import { createFrameTranslator, engineModesFor } from "./run-frame-translator.js";

// The translation rules of the server's stream modes, given engine chunks, then the SSE events.
// (Compared with LangGraph's server end to end in serve-streams-side-by-side.test.ts.)

const run = { runId: "run-1", threadId: "thread-1", graphId: "chat", assistantId: "assistant-1", input: { messages: [] } };
const events = (frames: readonly { event: string }[]) => frames.map((frame) => frame.event);
const task = (step: number, type: "task" | "task_result", payload: Record<string, unknown>): RunChunk => ({
  event: "debug",
  data: { step, type, timestamp: "", payload },
});

describe("createFrameTranslator", () => {
  test("given messages-tuple or messages, the engine reports its messages chunks (and values for messages); given events, debug", () => {
    expect(engineModesFor(["messages-tuple"])).toEqual(["messages"]);
    expect(engineModesFor(["events", "updates"]).sort()).toEqual(["debug", "updates"]);
    expect(engineModesFor(["messages"]).sort()).toEqual(["messages", "values"]);
  });

  test("given token chunks of one message, then messages sends its metadata once, then each partial as the message so far; messages-tuple sends each chunk", () => {
    const metadata = { tags: ["t"], name: "model", langgraph_node: "agent", ls_provider: "fake" };
    const tokens: RunChunk[] = ["hi", " you"].map((content) => ({ event: "messages", data: [new AIMessageChunk({ id: "run-1", content }), metadata] }));
    const legacy = createFrameTranslator(["messages"], run);
    const frames = tokens.flatMap((chunk) => legacy.translate(chunk));
    expect(events(frames)).toEqual(["messages/metadata", "messages/partial", "messages/partial"]);
    expect(frames[0]!.data).toEqual({
      "run-1": {
        metadata: {
          graph_id: "chat",
          assistant_id: "assistant-1",
          run_attempt: 1,
          thread_id: "thread-1",
          run_id: "run-1",
          langgraph_node: "agent",
          ls_provider: "fake",
        },
      },
    });
    expect((frames[2]!.data as AIMessageChunk[])[0]!.content).toBe("hi you");
    const tuples = createFrameTranslator(["messages-tuple"], run);
    expect(tokens.flatMap((chunk) => tuples.translate(chunk))).toEqual(
      tokens.map(({ data }) => ({
        event: "messages",
        data: [
          (data as unknown[])[0],
          { graph_id: "chat", assistant_id: "assistant-1", run_attempt: 1, thread_id: "thread-1", run_id: "run-1", ...((data as unknown[])[1] as object) },
        ],
      })),
    );
  });

  test("given a whole message a node returned, then messages sends no partial for it (it comes as messages/complete from the state)", () => {
    const translator = createFrameTranslator(["messages"], run);
    expect(translator.translate({ event: "messages", data: [new AIMessage({ id: "m1", content: "hi" }), { langgraph_node: "reply" }] })).toEqual([]);
  });

  test("given values with messages, then messages sends each new message once as messages/complete, and no values unless asked", () => {
    const translator = createFrameTranslator(["messages"], run);
    const hi = new HumanMessage({ id: "h1", content: "hi" });
    const answer = new AIMessage({ id: "a1", content: "yo" });
    const frames = [{ messages: [hi] }, { messages: [hi, answer] }].flatMap((values) => translator.translate({ event: "values", data: values }));
    expect(frames).toEqual([
      { event: "messages/complete", data: [hi] },
      { event: "messages/complete", data: [answer] },
    ]);
  });

  test("given events, then the graph and each node that finished get start and end events; a paused node gets no end", () => {
    const translator = createFrameTranslator(["events"], run);
    const frames = [
      { event: "metadata", data: { run_id: "run-1", attempt: 1 } } as RunChunk,
      task(1, "task", { id: "t1", name: "a", input: { n: 0 } }),
      task(1, "task_result", { id: "t1", name: "a", result: { n: 1 }, interrupts: [], error: null }),
      { event: "values", data: { n: 1 } } as RunChunk,
      task(2, "task", { id: "t2", name: "ask", input: { n: 1 } }),
      task(2, "task_result", { id: "t2", name: "ask", result: {}, interrupts: [{ id: "i", value: "?" }], error: null }),
    ].flatMap((chunk) => translator.translate(chunk));
    const closing = translator.end();
    expect(
      [...frames, ...closing].map((frame) =>
        frame.event === "events" ? `${(frame.data as { event: string }).event}:${(frame.data as { name: string }).name}` : frame.event,
      ),
    ).toEqual(["metadata", "on_chain_start:LangGraph", "on_chain_start:a", "on_chain_end:a", "on_chain_start:ask", "on_chain_end:LangGraph"]);
    expect(closing[0]!.data).toMatchObject({ data: { output: { n: 1 } } });
  });

  test("given a chunk from inside a subgraph, then stream_subgraphs names its namespace, and without it the chunk is dropped", () => {
    const inner = { event: "updates", data: { x: { items: ["x"] } }, namespace: ["sub:t9"] } as RunChunk;
    expect(createFrameTranslator(["updates"], run, true).translate(inner)).toEqual([{ event: "updates|sub:t9", data: { x: { items: ["x"] } } }]);
    expect(createFrameTranslator(["updates"], run, false).translate(inner)).toEqual([]);
    expect(events(createFrameTranslator(["values"], run, true).translate(inner))).toEqual([]);
  });
});
