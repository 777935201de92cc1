/**
 * LangGraph's StateSchema (Standard Schema fields, ReducedValue, MessagesValue), differential: the
 * same programs on LangGraph JS 1.7.3 and replaygraph, on memory and SQLite, compared by output,
 * getState, history, refusals (LangGraph's `Validation failed for field "key": [...]`) and JSON schemas.
 */
import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import * as langgraphZodSchema from "@langchain/langgraph/zod/schema";
import * as replaygraphZodSchema from "replaygraph/zod/schema";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { observeBoth, parityStores, type LibrarySide } from "../../scenarios/testing/langgraph-sides.js";

const config = (threadId: string) => ({ configurable: { thread_id: threadId } });

async function refusal(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
    return "accepted";
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
}

async function historyOf(graph: any, threadId: string): Promise<unknown[]> {
  const all: unknown[] = [];
  for await (const snapshot of graph.getStateHistory(config(threadId)))
    all.push({ values: snapshot.values, next: snapshot.next, step: snapshot.metadata?.step });
  return all;
}

function schemaModuleOf(side: LibrarySide): any {
  return side.name === "langgraph" ? langgraphZodSchema : replaygraphZodSchema;
}

function buildGraph(side: LibrarySide) {
  const { StateGraph, StateSchema, ReducedValue, MessagesValue, START } = side.lib;
  const State = new StateSchema({
    messages: MessagesValue,
    topic: z.string().min(3).describe("What to write about"),
    log: new ReducedValue(
      z.array(z.string()).default(() => []),
      { inputSchema: z.string(), reducer: (log: string[], line: string) => [...log, line] },
    ),
    mood: z.enum(["calm", "busy"]).default("calm"),
  });
  return new StateGraph(State)
    .addNode("agent", (state: any) => ({
      messages: [new AIMessage({ content: `on ${state.topic}`, id: `ai-${state.messages.length}` })],
      log: `agent saw ${state.messages.length}`,
    }))
    .addNode("judge", (state: any) => ({ mood: state.log.length > 1 ? "busy" : "calm", log: "judge" }))
    .addEdge(START, "agent")
    .addEdge("agent", "judge")
    .compile({ checkpointer: side.checkpointer });
}

describe.each(parityStores)("StateSchema on $store, LangGraph 1.7.3 and replaygraph side by side", (store) => {
  it("runs with ReducedValue, MessagesValue and schema defaults; refuses bad inputs and writes field by field", async () => {
    const observed = await observeBoth(store, async (side) => {
      const graph = buildGraph(side);
      const output = await graph.invoke({ topic: "state", messages: [new HumanMessage({ content: "hi", id: "h-1" })] }, config("s"));
      const shape = (messages: BaseMessage[]) => messages.map((m) => [m.getType(), m.content, m.id]);
      const badInput = await refusal(() => graph.invoke({ topic: "no" }, config("bad")));
      const badLog = await refusal(() => graph.invoke({ topic: "fine", log: 5 }, config("bad")));
      const badEdit = await refusal(() => graph.updateState(config("s"), { mood: "angry" }));
      const { StateGraph, StateSchema, START } = side.lib;
      const broken = new StateGraph(new StateSchema({ n: z.number() }))
        .addNode("w", () => ({ n: "one" }))
        .addEdge(START, "w")
        .compile({ checkpointer: side.checkpointer });
      const badWrite = await refusal(() => broken.invoke({ n: 1 }, config("w")));
      return {
        output: { ...output, messages: shape(output.messages) },
        badInput,
        badLog,
        badEdit,
        badWrite,
        refusedThread: await historyOf(graph, "bad"),
        history: (await historyOf(graph, "s")).map((h: any) => ({ ...h, values: { ...h.values, messages: shape(h.values.messages ?? []) } })),
      };
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
    expect((observed.replaygraph as any).output).toEqual({
      messages: [
        ["human", "hi", "h-1"],
        ["ai", "on state", "ai-1"],
      ],
      topic: "state",
      log: ["agent saw 1", "judge"],
      mood: "calm",
    });
    expect((observed.replaygraph as any).badInput).toMatchObject({ name: "Error", message: expect.stringContaining('Validation failed for field "topic"') });
  });
});

describe("StateSchema's JSON schemas", () => {
  it("are LangGraph's: state, update, input and output", async () => {
    const observed = await observeBoth(parityStores[0]!, async (side) => {
      const graph = buildGraph(side);
      const { getStateTypeSchema, getUpdateTypeSchema, getInputTypeSchema, getOutputTypeSchema } = schemaModuleOf(side);
      return { state: getStateTypeSchema(graph), update: getUpdateTypeSchema(graph), input: getInputTypeSchema(graph), output: getOutputTypeSchema(graph) };
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
    expect((observed.replaygraph as any).state).toMatchObject({
      properties: { messages: { langgraph_type: "messages" }, topic: { type: "string", description: "What to write about" } },
      required: ["topic"],
    });
  });
});
