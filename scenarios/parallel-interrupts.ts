import { Annotation, Command, END, INTERRUPT, START, StateGraph, interrupt } from "replaygraph";
import type { CompiledStateGraph, EventStore, Interrupt, StateSnapshot } from "replaygraph";

const ParallelState = Annotation.Root({
  vals: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  joined: Annotation<string>(),
});

/** How many times each node ran. */
export interface ParallelCounts {
  a: number;
  b: number;
  join: number;
}

/** The thread as seen through the public API, to show that a refused call changed nothing. */
export interface ThreadView {
  readonly state: StateSnapshot;
  readonly checkpoints: number;
  /** Events in the store's streams that name the thread (its own and its subgraphs'). */
  readonly storedEvents: number;
}

/** What one playthrough of the scenario saw. */
export interface ParallelOutcome {
  readonly graph: CompiledStateGraph<typeof ParallelState.spec>;
  readonly interrupts: readonly Interrupt[];
  /** What `invoke(new Command({ resume: "same" }))` threw while both were pending. */
  readonly bareResumeError: unknown;
  readonly beforeBareResume: ThreadView;
  readonly afterBareResume: ThreadView;
  readonly final: typeof ParallelState.State & { readonly __interrupt__?: readonly Interrupt[] };
  readonly counts: ParallelCounts;
}

/**
 * Seed 004, "multiple interrupts": two parallel branches each ask a question; `join` waits for
 * both and sees both answers.
 */
export function buildParallelInterruptsGraph(store: EventStore, counts: ParallelCounts = { a: 0, b: 0, join: 0 }) {
  const ask = (name: "a" | "b") => () => {
    counts[name]++;
    const answer = interrupt<string, string>(`question_${name}`);
    return { vals: [`${name}:${answer}`] };
  };
  return new StateGraph(ParallelState)
    .addNode("a", ask("a"))
    .addNode("b", ask("b"))
    .addNode("join", (state) => {
      counts.join++;
      return { joined: state.vals.join(" | ") };
    })
    .addEdge(START, "a")
    .addEdge(START, "b")
    .addEdge(["a", "b"], "join")
    .addEdge("join", END)
    .compile({ checkpointer: store });
}

async function viewOf(graph: CompiledStateGraph<typeof ParallelState.spec>, store: EventStore, threadId: string): Promise<ThreadView> {
  const config = { configurable: { thread_id: threadId } };
  let checkpoints = 0;
  for await (const _snapshot of graph.getStateHistory(config)) checkpoints++;
  let storedEvents = 0;
  for (const stream of (await store.listStreams()).streams.filter((name) => name.includes(threadId))) {
    storedEvents += (await store.readStream(stream)).events.length;
  }
  return { state: await graph.getState(config), checkpoints, storedEvents };
}

/**
 * Runs both branches into their interrupts on a new thread, tries a bare resume (refused), then
 * answers both in one `Command({ resume: { [id]: answer } })` with `answer for <question>`.
 */
export async function runParallelInterrupts(store: EventStore, threadId: string): Promise<ParallelOutcome> {
  const counts: ParallelCounts = { a: 0, b: 0, join: 0 };
  const graph = buildParallelInterruptsGraph(store, counts);
  const config = { configurable: { thread_id: threadId } };
  const interrupts = (await graph.invoke({}, config))[INTERRUPT] ?? [];
  const beforeBareResume = await viewOf(graph, store, threadId);
  const bareResumeError = await graph.invoke(new Command({ resume: "same" }), config).then(
    () => undefined,
    (error: unknown) => error,
  );
  const afterBareResume = await viewOf(graph, store, threadId);
  const answers = Object.fromEntries(interrupts.map((pending) => [pending.id, `answer for ${String(pending.value)}`]));
  const final = await graph.invoke(new Command({ resume: answers }), config);
  return { graph, interrupts, bareResumeError, beforeBareResume, afterBareResume, final, counts };
}
