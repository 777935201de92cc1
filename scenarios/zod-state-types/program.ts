// A zod-state program written against LangGraph's names: tsc --strict must accept it against
// @langchain/langgraph and against replaygraph (imports mapped), with the node input and update
// types LangGraph infers. Each `@ts-expect-error` line must be an error on both libraries.
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import { END, MessagesZodMeta, MessagesZodState, START, StateGraph } from "@langchain/langgraph";
import { registry, withLangGraph } from "@langchain/langgraph/zod";
import { z } from "zod/v4";
import { z as z3 } from "zod/v3";

/** True when A and B are the same type (not merely assignable). */
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(_proof?: T): void {}

// zod 4 with LangGraph's registry: a reducer key, a last-value key, a key with a default.
const State = z.object({
  messages: z.custom<BaseMessage[]>().register(registry, MessagesZodMeta),
  topic: z.string(),
  count: z.number().register(registry, { reducer: { fn: (a: number, b: number) => a + b }, default: () => 0 }),
  tags: z.array(z.string()).default([]),
});

export const graph = new StateGraph(State)
  .addNode("draft", (state) => {
    assertType<Equals<typeof state.topic, string>>();
    assertType<Equals<typeof state.count, number>>();
    assertType<Equals<typeof state.messages, BaseMessage[]>>();
    assertType<Equals<typeof state.tags, string[]>>();
    // @ts-expect-error -- not a key of the state
    void state.nope;
    return { messages: [new AIMessage(`about ${state.topic}`)], count: 1 };
  })
  .addNode("retitle", (state) => ({ topic: state.topic.toUpperCase() }))
  .addEdge(START, "draft")
  .addEdge("draft", "retitle")
  .addEdge("retitle", END)
  .compile();

// MessagesZodState (zod 3), extended with a key of its own.
const Chat = MessagesZodState.extend({ turns: z3.number() });
export const chat = new StateGraph(Chat)
  .addNode("agent", (state) => {
    assertType<Equals<typeof state.messages, BaseMessage[]>>();
    assertType<Equals<typeof state.turns, number>>();
    return { turns: state.turns + 1, messages: [new AIMessage("hi")] };
  })
  .addEdge(START, "agent")
  .compile();

// withLangGraph (zod 3): the reducer's update type.
const Counter = z3.object({
  total: withLangGraph(z3.number(), { reducer: { fn: (a: number, b: number) => a + b, schema: z3.number() }, default: () => 0 }),
  label: z3.string(),
});
export const counter = new StateGraph(Counter)
  .addNode("add", (state) => {
    assertType<Equals<typeof state.total, number>>();
    assertType<Equals<typeof state.label, string>>();
    return { total: 2 };
  })
  .addEdge(START, "add")
  .compile();

export async function run(): Promise<void> {
  const result = await graph.invoke({ topic: "zod", messages: [] });
  assertType<Equals<typeof result.topic, string>>();
  assertType<Equals<typeof result.count, number>>();
}

// Updates a node may not return: each line must be an error.
// @ts-expect-error -- topic is a string
new StateGraph(State).addNode("bad", () => ({ topic: 3 }));
// @ts-expect-error -- count's reducer takes numbers
new StateGraph(State).addNode("bad", () => ({ count: "one" }));
// @ts-expect-error -- turns is a number
new StateGraph(Chat).addNode("bad", () => ({ turns: "one" }));
// @ts-expect-error -- total's reducer takes numbers
new StateGraph(Counter).addNode("bad", () => ({ total: "two" }));

// A reducer key takes what its reducer takes: one message, or message-likes, for a messages key.
new StateGraph(State).addNode("one", () => ({ messages: new AIMessage("one") }));
new StateGraph(Chat).addNode("like", () => ({ messages: [{ role: "assistant", content: "hi" }] }));
new StateGraph(Chat).addNode("single", () => ({ messages: new AIMessage("one") }));
// @ts-expect-error -- a number is not a message
new StateGraph(Chat).addNode("bad", () => ({ messages: 3 }));
// @ts-expect-error -- a number is not a message
new StateGraph(State).addNode("bad", () => ({ messages: 3 }));
