import type { EventStore } from "replaygraph";
import { buildPlanRevisionGraph, runPlanRevision, type PlanAnswer } from "./plan-revision.js";
import { printHistoryTable } from "./print-history-table.js";

/** The scripted human: two requests for changes, then an approval. */
export const demoAnswers: readonly PlanAnswer[] = [
  { approve: false, feedback: "Add a budget" },
  { approve: false, feedback: "Shorten the timeline to two weeks" },
  { approve: true },
];

/**
 * The demo (`replaygraph demo`, `npm run demo`): the plan-revision loop on `store`, with scripted answers. Prints each
 * question (the latest plan every time), each answer, the final state, and the thread's event
 * history.
 */
export async function runPlanRevisionDemo(store: EventStore, threadId: string, write: (line: string) => void = console.log): Promise<void> {
  const graph = buildPlanRevisionGraph(store);
  const { final } = await runPlanRevision(graph, threadId, demoAnswers, ({ question, answer }) => {
    write(`question   plan v${question.revision}: ${question.plan}`);
    write(`answer     ${JSON.stringify(answer)}\n`);
  });
  write(`final state ${JSON.stringify(final, null, 2)}`);
  write(`\nevent history of thread '${threadId}':`);
  await printHistoryTable(store, threadId, write);
}
