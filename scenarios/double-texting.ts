import { Annotation, END, START, StateGraph, type CompiledStateGraph, type EventStore, type NodeConfig } from "replaygraph";

/**
 * Seed 002 (LangGraph Platform's double-texting guide): a second message arrives while the first
 * run is still working. The graph is the guide's agent in miniature: three slow steps that each
 * append a message tagged with the run's input.
 */
export const ChatState = Annotation.Root({
  messages: Annotation<string[]>({ reducer: (all, more) => all.concat(more), default: () => [] }),
  question: Annotation<string>(),
});

/** How long each step takes, in ms. */
export const stepMs = 80;

/** Builds the three-step chat graph; every step honours its AbortSignal. */
export function buildChatGraph(store: EventStore): CompiledStateGraph<typeof ChatState.spec> {
  const step = (name: string) => async (state: typeof ChatState.State, config: NodeConfig) => {
    await sleep(stepMs, config.signal);
    return { messages: [`${state.question}:${name}`] };
  };
  return new StateGraph(ChatState)
    .addNode("think", step("think"))
    .addNode("search", step("search"))
    .addNode("answer", step("answer"))
    .addEdge(START, "think")
    .addEdge("think", "search")
    .addEdge("search", "answer")
    .addEdge("answer", END)
    .compile({ checkpointer: store, name: "agent" });
}

/** Waits `ms`, or until the signal fires (then rejects, as well-behaved work should). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(new Error("aborted"));
      },
      { once: true },
    );
  });
}
