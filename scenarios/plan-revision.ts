import { Annotation, Command, END, interrupt, START, StateGraph, type CompiledStateGraph, type EventStore } from "replaygraph";

/**
 * Seed 001 (a LangGraph Platform bug report): suggest a plan, ask for feedback with interrupt(),
 * revise, ask again, until approved. On the platform the second interrupt showed the previous
 * plan; here every interrupt must surface the latest one (SEMANTICS rule 19), across process
 * restarts between answers.
 */
export const PlanState = Annotation.Root({
  plan: Annotation<string>(),
  revision: Annotation<number>(),
  feedback: Annotation<string[]>({ reducer: (all, more) => all.concat(more), default: () => [] }),
  approved: Annotation<boolean>(),
});

/** What the human answers: approve, or ask for a change. */
export type PlanAnswer = { readonly approve: true } | { readonly approve: false; readonly feedback: string };

/** What the human is shown at each interrupt. */
export interface PlanQuestion {
  readonly plan: string;
  readonly revision: number;
  readonly question: string;
}

export const initialPlan = "1. Collect the data  2. Summarize it";

/** Builds the plan-revision graph on a store. */
export function buildPlanRevisionGraph(store: EventStore): CompiledStateGraph<typeof PlanState.spec> {
  return new StateGraph(PlanState)
    .addNode("suggest_plan", (state) => {
      const plan = state.plan ?? initialPlan;
      const revision = state.revision ?? 0;
      const answer = interrupt<PlanQuestion, PlanAnswer>({ plan, revision, question: "Approve this plan, or say what to change." });
      return answer.approve ? { plan, revision, approved: true } : { plan, revision, approved: false, feedback: [answer.feedback] };
    })
    .addNode("revise_plan", (state) => ({
      plan: `${state.plan}  ${state.revision + 3}. ${state.feedback.at(-1)}`,
      revision: state.revision + 1,
    }))
    .addEdge(START, "suggest_plan")
    .addConditionalEdges("suggest_plan", (state) => (state.approved ? END : "revise_plan"), ["revise_plan", END])
    .addEdge("revise_plan", "suggest_plan")
    .compile({ checkpointer: store, name: "plan-revision" });
}

/** One exchange with the human: the question the graph surfaced and the answer given. */
export interface PlanExchange {
  readonly interruptId: string;
  readonly question: PlanQuestion;
  readonly answer: PlanAnswer;
}

/**
 * Starts the thread if it is new, then answers each pending question with the next scripted
 * answer, until the answers run out or the plan is approved.
 */
export async function runPlanRevision(
  graph: CompiledStateGraph<typeof PlanState.spec>,
  threadId: string,
  answers: readonly PlanAnswer[],
  onExchange: (exchange: PlanExchange) => void = () => undefined,
): Promise<{ exchanges: PlanExchange[]; final: Record<string, unknown> }> {
  const config = { configurable: { thread_id: threadId } };
  const exchanges: PlanExchange[] = [];
  const existing = await graph.getState(config);
  let result: Record<string, unknown> = existing.metadata ? await graph.invoke(null, config) : await graph.invoke({}, config);
  for (const answer of answers) {
    const pending = result["__interrupt__"] as { id: string; value: PlanQuestion }[] | undefined;
    if (!pending?.length) break;
    const exchange = { interruptId: pending[0]!.id, question: pending[0]!.value, answer };
    exchanges.push(exchange);
    onExchange(exchange);
    result = await graph.invoke(new Command({ resume: answer }), config);
  }
  return { exchanges, final: result };
}
