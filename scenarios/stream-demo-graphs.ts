import { AIMessage } from "@langchain/core/messages";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { Annotation, END, MessagesAnnotation, START, StateGraph } from "replaygraph";

// The graphs the HTTP stream tests run on both servers: a chat node that returns a message (what
// `messages` and `messages-tuple` stream without an LLM), a node that calls a streaming chat model
// (their tokens), and a parent with a subgraph node (what
// `stream_subgraphs` namespaces). engine/server/testing/langgraph-stream-graphs.ts is this file
// with LangGraph's import.

/** One node that answers the last message with `echo: <content>`. */
export const chat = new StateGraph(MessagesAnnotation)
  .addNode("reply", (state: typeof MessagesAnnotation.State) => {
    const last = state.messages.at(-1);
    return { messages: [new AIMessage({ id: `reply-${state.messages.length}`, content: `echo: ${String(last?.content ?? "")}` })] };
  })
  .addEdge(START, "reply")
  .addEdge("reply", END)
  .compile();

const Inner = Annotation.Root({ items: Annotation<string[]>({ reducer: (all, more) => all.concat(more), default: () => [] }) });

const inner = new StateGraph(Inner)
  .addNode("x", () => ({ items: ["x"] }))
  .addNode("y", () => ({ items: ["y"] }))
  .addEdge(START, "x")
  .addEdge("x", "y")
  .addEdge("y", END)
  .compile();

/** `before` → `sub` (a two-node subgraph) → `after`, all appending to `items`. */
export const nested = new StateGraph(Inner)
  .addNode("before", () => ({ items: ["before"] }))
  .addNode("sub", inner)
  .addNode("after", () => ({ items: ["after"] }))
  .addEdge(START, "before")
  .addEdge("before", "sub")
  .addEdge("sub", "after")
  .addEdge("after", END)
  .compile();

/** One node that calls a chat model streaming `hi you` token by token (a character each). */
export const tokens = new StateGraph(MessagesAnnotation)
  .addNode("agent", async (state: typeof MessagesAnnotation.State, config) => ({
    messages: [await new FakeListChatModel({ responses: ["hi you"] }).invoke(state.messages, config as never)],
  }))
  .addEdge(START, "agent")
  .addEdge("agent", END)
  .compile();
