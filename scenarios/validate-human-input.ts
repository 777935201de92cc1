import { Annotation, Command, END, INTERRUPT, START, StateGraph, interrupt } from "replaygraph";
import type { CompiledStateGraph, EventStore, Interrupt } from "replaygraph";

const AgeState = Annotation.Root({ age: Annotation<number>() });

/** Per execution of the `getAge` node, the answers its interrupt() calls returned, in call order. */
export type AnswerLog = unknown[][];

/** What one playthrough of the scenario saw. */
export interface ValidateOutcome {
  readonly graph: CompiledStateGraph<typeof AgeState.spec>;
  /** Every interrupt that surfaced, in order. */
  readonly interrupts: readonly Interrupt[];
  readonly final: typeof AgeState.State;
  readonly answerLog: AnswerLog;
}

function invalidAgePrompt(answer: unknown): string {
  return `'${String(answer)}' is not a valid age. Please enter a positive number.`;
}

/**
 * Seed 004, "validating human input": one node asks for an age in a loop of interrupt() calls
 * until the answer is a positive number. Each execution logs the answers it received.
 */
export function buildValidateHumanInputGraph(store: EventStore, answerLog: AnswerLog = []) {
  return new StateGraph(AgeState)
    .addNode("getAge", () => {
      const received: unknown[] = [];
      answerLog.push(received);
      let prompt = "What is your age?";
      for (;;) {
        const answer = interrupt<string, unknown>(prompt);
        received.push(answer);
        if (typeof answer === "number" && answer > 0) return { age: answer };
        prompt = invalidAgePrompt(answer);
      }
    })
    .addEdge(START, "getAge")
    .addEdge("getAge", END)
    .compile({ checkpointer: store });
}

/** Starts a new thread and gives `answers` one by one, each as the answer to the pending prompt. */
export async function runValidateHumanInput(store: EventStore, threadId: string, answers: readonly unknown[]): Promise<ValidateOutcome> {
  const answerLog: AnswerLog = [];
  const graph = buildValidateHumanInputGraph(store, answerLog);
  const config = { configurable: { thread_id: threadId } };
  let result = await graph.invoke({}, config);
  const interrupts: Interrupt[] = [...(result[INTERRUPT] ?? [])];
  for (const answer of answers) {
    result = await graph.invoke(new Command({ resume: answer }), config);
    interrupts.push(...(result[INTERRUPT] ?? []));
  }
  return { graph, interrupts, final: result, answerLog };
}
