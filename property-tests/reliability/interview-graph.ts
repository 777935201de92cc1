import { Annotation, END, START, StateGraph, interrupt, type CompiledStateGraph, type EventStore } from "replaygraph";

/** How many questions an interview asks before it ends. */
export const interviewLength = 5;

export const InterviewState = Annotation.Root({
  answers: Annotation<string[]>({ reducer: (all, more) => all.concat(more), default: () => [] }),
});

/** The question an interview shows: which one it is, by position. */
export interface InterviewQuestion {
  readonly question: string;
}

/**
 * The graph concurrent writers race on: `ask` shows question `q<k>` (k = answers so far) and writes
 * the answer; it loops until {@link interviewLength} answers, each visit a new task with a new
 * interrupt id. Any answer is accepted, so which writer's answer won is visible in the state.
 */
export function buildInterviewGraph(store: EventStore): CompiledStateGraph<typeof InterviewState.spec> {
  return new StateGraph(InterviewState)
    .addNode("ask", (state) => {
      const answer = interrupt<InterviewQuestion, string>({ question: `q${state.answers.length}` });
      return { answers: [answer] };
    })
    .addEdge(START, "ask")
    .addConditionalEdges("ask", (state) => (state.answers.length < interviewLength ? "ask" : END), ["ask", END])
    .compile({ checkpointer: store, name: "interview" });
}
