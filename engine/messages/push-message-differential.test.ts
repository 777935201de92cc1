import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { onBothLibraries, type Library } from "../graph/testing/on-both-libraries.js";
import { observedChunks } from "../streaming/testing/observed-chunks.js";

const thread = (name: string) => ({ configurable: { thread_id: name } });

async function gather(stream: AsyncIterable<unknown>): Promise<unknown[]> {
  const chunks: unknown[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** What a user sees of a thread's state: its values, as the stream compares them. */
async function stateOf(graph: { getState(config: unknown): Promise<{ values: unknown; next: unknown }> }, name: string): Promise<unknown> {
  const snapshot = await graph.getState(thread(name));
  return observedChunks([{ values: snapshot.values, next: snapshot.next }]);
}

describe("pushMessage (a node sends a message to the messages stream before it returns, and to state)", () => {
  it("streams the pushed message with the node's metadata, then writes it before the node's update", async () => {
    const seen = await onBothLibraries(async (lib: Library, checkpointer) => {
      const { StateGraph, MessagesAnnotation, START, pushMessage } = lib;
      const graph = new StateGraph(MessagesAnnotation)
        .addNode("agent", async (_state, config) => {
          pushMessage(new AIMessage({ id: "progress", content: "looking it up" }), config as never);
          return { messages: [new AIMessage({ id: "answer", content: "42" })] };
        })
        .addEdge(START, "agent")
        .compile({ checkpointer: checkpointer as never });
      const chunks = await gather(
        await graph.stream(
          { messages: [new HumanMessage({ id: "h", content: "question" })] },
          { ...thread("push"), streamMode: ["messages", "updates", "values"] },
        ),
      );
      return { chunks: observedChunks(chunks), state: await stateOf(graph as never, "push") };
    });
    expect("result" in seen.langgraph, JSON.stringify(seen.langgraph)).toBe(true);
    expect(seen.memory).toEqual(seen.langgraph);
    expect(seen.sqlite).toEqual(seen.langgraph);
  });

  it("with stateKey null, streams only; with another key, writes there; without a config, finds the running node's", async () => {
    const seen = await onBothLibraries(async (lib: Library, checkpointer) => {
      const { StateGraph, Annotation, MessagesAnnotation, START, pushMessage, messagesStateReducer } = lib;
      const State = Annotation.Root({
        ...MessagesAnnotation.spec,
        log: Annotation<BaseMessage[]>({ reducer: messagesStateReducer as never, default: () => [] }),
      });
      const graph = new StateGraph(State)
        .addNode("agent", async (_state, config) => {
          pushMessage(new AIMessage({ id: "ephemeral", content: "typing" }), { ...(config as object), stateKey: null });
          pushMessage(new AIMessage({ id: "logged", content: "noted" }), { ...(config as object), stateKey: "log" });
          pushMessage({ role: "assistant", content: "from a message-like", id: "like" });
          return {};
        })
        .addEdge(START, "agent")
        .compile({ checkpointer: checkpointer as never });
      const chunks = await gather(
        await graph.stream({ messages: [new HumanMessage({ id: "h", content: "go" })] }, { ...thread("keys"), streamMode: ["messages", "updates"] }),
      );
      return { chunks: observedChunks(chunks), state: await stateOf(graph as never, "keys") };
    });
    expect("result" in seen.langgraph, JSON.stringify(seen.langgraph)).toBe(true);
    expect(seen.memory).toEqual(seen.langgraph);
    expect(seen.sqlite).toEqual(seen.langgraph);
  });

  it("refuses a message without an id, as LangGraph does, and without a messages stream still writes to state", async () => {
    const seen = await onBothLibraries(async (lib: Library, checkpointer) => {
      const { StateGraph, MessagesAnnotation, START, pushMessage } = lib;
      const graph = new StateGraph(MessagesAnnotation)
        .addNode("agent", async (state, config) => {
          if (state.messages.length === 1) {
            try {
              pushMessage(new AIMessage({ content: "no id" }), config as never);
            } catch (error) {
              return { messages: [new AIMessage({ id: "err", content: (error as Error).message })] };
            }
          }
          pushMessage(new AIMessage({ id: "pushed", content: "quiet" }), config as never);
          return {};
        })
        .addEdge(START, "agent")
        .compile({ checkpointer: checkpointer as never });
      const first = await graph.invoke({ messages: [new HumanMessage({ id: "h", content: "go" })] }, thread("no-id"));
      const second = await graph.invoke({ messages: [new HumanMessage({ id: "h2", content: "again" })] }, thread("no-id"));
      return observedChunks([first, second]);
    });
    expect("result" in seen.langgraph, JSON.stringify(seen.langgraph)).toBe(true);
    expect(seen.memory).toEqual(seen.langgraph);
    expect(seen.sqlite).toEqual(seen.langgraph);
  });
});

describe("pushMessage across an interrupt and a resume", () => {
  it("writes the pushed message once; the resume does not stream it again (a listed departure: LangGraph does)", async () => {
    const seen = await onBothLibraries(async (lib: Library, checkpointer) => {
      const { StateGraph, MessagesAnnotation, START, pushMessage, interrupt, Command } = lib;
      const graph = new StateGraph(MessagesAnnotation)
        .addNode("agent", async (_state, config) => {
          pushMessage(new AIMessage({ id: "asking", content: "may I?" }), config as never);
          const verdict = interrupt("approve?");
          return { messages: [new AIMessage({ id: "done", content: `verdict: ${String(verdict)}` })] };
        })
        .addEdge(START, "agent")
        .compile({ checkpointer: checkpointer as never });
      const streamConfig = { ...thread("resume"), streamMode: ["messages"] as const };
      const paused = observedChunks(await gather(await graph.stream({ messages: [new HumanMessage({ id: "h", content: "go" })] }, streamConfig as never)));
      const resumed = observedChunks(await gather(await graph.stream(new Command({ resume: "yes" }) as never, streamConfig as never)));
      const ids = (chunks: unknown[]) => chunks.map((chunk) => ((chunk as [unknown, [{ id: string }]])[1] ?? (chunk as [{ id: string }]))[0]?.id);
      return { paused: ids(paused), resumed: ids(resumed), state: await stateOf(graph as never, "resume") };
    });
    expect("result" in seen.langgraph, JSON.stringify(seen.langgraph)).toBe(true);
    const langgraph = (seen.langgraph as { result: { paused: unknown; resumed: string[]; state: unknown } }).result;
    for (const ours of [seen.memory, seen.sqlite]) {
      const { paused, resumed, state } = (ours as { result: typeof langgraph }).result;
      expect(paused).toEqual(langgraph.paused);
      expect(state).toEqual(langgraph.state);
      // LangGraph streams the pushed message again when the node re-executes; replaygraph does not.
      expect(resumed).toEqual(langgraph.resumed.filter((id) => id !== "asking"));
      expect(langgraph.resumed).toContain("asking");
    }
  });
});
