// A small program written against LangGraph JS 1.7.3 with the names its users import. The test
// beside it type-checks it with `tsc --strict` twice: against @langchain/langgraph, and with that
// import mapped to replaygraph (what a user who ports the program by changing imports gets).
import {
  Annotation,
  Command,
  END,
  EmptyInputError,
  GraphValueError,
  INTERRUPT,
  MemorySaver,
  NodeInterrupt,
  START,
  StateGraph,
  getConfig,
  getCurrentTaskInput,
  getWriter,
  interrupt,
  isInterrupted,
  type Interrupt,
  type LangGraphRunnableConfig,
  type StateSnapshot,
} from "@langchain/langgraph";

const State = Annotation.Root({
  draft: Annotation<string>(),
  approved: Annotation<boolean>({ reducer: (_current, update) => update, default: () => false }),
  log: Annotation<string[]>({ reducer: (current, update) => current.concat(update), default: () => [] }),
});

interface Review {
  question: string;
  draft: string;
}

async function review(state: typeof State.State, config: LangGraphRunnableConfig): Promise<typeof State.Update> {
  const user: unknown = config.configurable?.["user_id"];
  getWriter()?.({ reviewing: state.draft, user });
  // LangGraph's order: the payload's type, then the answer's.
  const approved = interrupt<Review, boolean>({ question: "Send it?", draft: state.draft });
  const note: string = interrupt("Any note?");
  return { approved, log: [note] };
}

function gate(state: typeof State.State): typeof State.Update {
  if (!state.approved) throw new NodeInterrupt("needs approval");
  const input = getCurrentTaskInput<typeof State.State>();
  const threadId: unknown = getConfig().configurable?.["thread_id"];
  return { log: [`sent ${input.draft} on ${String(threadId)}`] };
}

export const graph = new StateGraph(State)
  .addNode("review", review)
  .addNode("gate", gate)
  .addEdge(START, "review")
  .addEdge("review", "gate")
  .addEdge("gate", END)
  .compile({ checkpointer: new MemorySaver() });

export async function drive(threadId: string): Promise<string[]> {
  const config = { configurable: { thread_id: threadId } };
  const first = await graph.invoke({ draft: "hello" }, config);
  if (isInterrupted<Review>(first)) {
    const pending: Interrupt<Review> | undefined = first[INTERRUPT][0];
    const question: string | undefined = pending?.value?.question;
    void question;
  }
  await graph.invoke(new Command({ resume: true }), config);
  const done = await graph.invoke(new Command({ resume: "ship it" }), config);
  const snapshot: StateSnapshot = await graph.getState(config);
  const next: readonly string[] = snapshot.next;
  void next;
  try {
    await graph.invoke(null, { configurable: { thread_id: "nobody" } });
  } catch (error) {
    if (error instanceof EmptyInputError || error instanceof GraphValueError) return [error.message];
  }
  const log: string[] = done.log;
  return log;
}
