import { expect } from "vitest";
import { upcastThreadEvent, type EventStore } from "replaygraph";
import { buildInterviewGraph, interviewLength } from "./interview-graph.js";

/** Which writers' answers won on the thread, in order. */
export type Winners = readonly string[];

/**
 * Checks one interview thread after writers raced on it, reading `store` (a handle no writer
 * used): revisions are contiguous and no event id repeats (no revision written twice); every
 * question was asked under exactly one interrupt id; each interrupt was answered once, by exactly
 * one InterruptResumed; the state's answers are exactly those answers, in order, each given to the
 * question it names (nothing applied twice, nothing lost); one committed write per answer; and a
 * cold graph replays the same state.
 */
export async function expectRacedThread(store: EventStore, threadId: string): Promise<Winners> {
  const label = `thread ${threadId}`;
  const { events } = await store.readStream(`thread-${threadId}`);
  expect(
    events.map((event) => event.revision),
    `${label}: revisions`,
  ).toEqual(events.map((_, index) => index));
  expect(new Set(events.map((event) => event.id)).size, `${label}: event ids`).toBe(events.length);

  const questionIds = new Map<string, Set<string>>();
  const answered: { interruptId: string; value: string }[] = [];
  const committedTasks = new Set<string>();
  const succeeded: string[] = [];
  for (const recorded of events) {
    const event = upcastThreadEvent(recorded) as unknown as {
      type: string;
      taskId?: string;
      interrupts?: { id: string; value: { question: string } }[];
      answers?: { interruptId: string; value: string }[];
    };
    if (event.type === "TaskInterrupted") {
      for (const { id, value } of event.interrupts ?? []) questionIds.set(value.question, (questionIds.get(value.question) ?? new Set()).add(id));
    }
    if (event.type === "InterruptResumed") answered.push(...(event.answers ?? []));
    if (event.type === "TaskSucceeded") succeeded.push(event.taskId!);
    if (event.type === "StepCommitted") for (const taskId of succeeded.splice(0)) committedTasks.add(taskId);
  }
  const questions = Array.from({ length: interviewLength }, (_, index) => `q${index}`);
  expect([...questionIds.keys()].sort(), `${label}: questions asked`).toEqual(questions);
  for (const [question, ids] of questionIds) expect(ids.size, `${label}: ${question} asked under several ids`).toBe(1);
  const idOf = (question: string) => [...questionIds.get(question)!][0]!;

  expect(new Set(answered.map((answer) => answer.interruptId)).size, `${label}: an interrupt answered twice`).toBe(answered.length);
  expect(
    answered.map((answer) => answer.interruptId),
    `${label}: answers bound to the questions in order`,
  ).toEqual(questions.map(idOf));
  for (const answer of answered) expect(answer.value.endsWith(`|${answer.interruptId}`), `${label}: ${answer.value} answers ${answer.interruptId}`).toBe(true);
  expect(committedTasks.size, `${label}: committed writes`).toBe(interviewLength);

  const cold = await buildInterviewGraph(store).getState({ configurable: { thread_id: threadId } });
  expect(cold.values.answers, `${label}: state`).toEqual(answered.map((answer) => answer.value));
  expect(cold.next, `${label}: finished`).toEqual([]);
  return answered.map((answer) => answer.value.split("|")[0]!);
}
