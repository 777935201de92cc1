import { Annotation, Command, END, INTERRUPT, START, StateGraph, interrupt } from "replaygraph";
import type { CompiledStateGraph, EventStore } from "replaygraph";

/** What the reviewer sees: an instruction and the content to edit. */
export interface ReviewRequest {
  readonly instruction: string;
  readonly content: string;
}

const ReviewState = Annotation.Root({
  topic: Annotation<string>(),
  content: Annotation<string>(),
  published: Annotation<string>(),
});

/** How many times each node ran. */
export interface ReviewCounts {
  draft: number;
  review: number;
  publish: number;
}

/** What one playthrough of the scenario saw. */
export interface ReviewOutcome {
  readonly graph: CompiledStateGraph<typeof ReviewState.spec>;
  readonly payloads: readonly unknown[];
  readonly final: typeof ReviewState.State;
  readonly counts: ReviewCounts;
}

/** The "LLM": a deterministic drafting function, so a re-run would be visible only in the counts. */
export function draftAbout(topic: string): string {
  return `A short note about ${topic}.`;
}

/**
 * Seed 003, "review and edit state": `draft` writes generated content, `review` shows it to a
 * human with `interrupt({ instruction, content })` and writes the edited text back, `publish`
 * uses whatever the state holds.
 */
export function buildReviewAndEditGraph(store: EventStore, counts: ReviewCounts = { draft: 0, review: 0, publish: 0 }) {
  return new StateGraph(ReviewState)
    .addNode("draft", (state) => {
      counts.draft++;
      return { content: draftAbout(state.topic) };
    })
    .addNode("review", (state) => {
      counts.review++;
      const edited = interrupt<ReviewRequest, string>({ instruction: "Review and edit this content", content: state.content });
      return { content: edited };
    })
    .addNode("publish", (state) => {
      counts.publish++;
      return { published: state.content };
    })
    .addEdge(START, "draft")
    .addEdge("draft", "review")
    .addEdge("review", "publish")
    .addEdge("publish", END)
    .compile({ checkpointer: store });
}

/** Drafts a note about `topic` on a new thread, then answers the review with `edited`. */
export async function runReviewAndEdit(store: EventStore, threadId: string, topic: string, edited: string): Promise<ReviewOutcome> {
  const counts: ReviewCounts = { draft: 0, review: 0, publish: 0 };
  const graph = buildReviewAndEditGraph(store, counts);
  const config = { configurable: { thread_id: threadId } };
  const paused = await graph.invoke({ topic }, config);
  const payloads = (paused[INTERRUPT] ?? []).map((pending) => pending.value);
  const final = await graph.invoke(new Command({ resume: edited }), config);
  return { graph, payloads, final, counts };
}
