import { mkdirSync, rmSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { EventStore } from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { buildPlanRevisionGraph, runPlanRevision, type PlanAnswer } from "./plan-revision.js";
import { printHistoryTable } from "./print-history-table.js";

/** The scripted human: two requests for changes, then an approval. */
export const demoAnswers: readonly PlanAnswer[] = [
  { approve: false, feedback: "Add a budget" },
  { approve: false, feedback: "Shorten the timeline to two weeks" },
  { approve: true },
];

/**
 * The demo: the plan-revision loop of seed 001 on `store`, with scripted answers. Prints each
 * question (the latest plan every time), each answer, the final state, and the thread's event
 * history. `replaygraph demo` runs it too.
 */
export async function runPlanRevisionDemo(store: EventStore, threadId: string, write: (line: string) => void = console.log): Promise<void> {
  const graph = buildPlanRevisionGraph(store);
  const { final } = await runPlanRevision(graph, threadId, demoAnswers, ({ question, answer }) => {
    write(`interrupt  revision ${question.revision}: ${question.plan}`);
    write(`answer     ${JSON.stringify(answer)}\n`);
  });
  write(`final state ${JSON.stringify(final, null, 2)}`);
  write(`\nevent history of thread '${threadId}':`);
  await printHistoryTable(store, threadId, write);
}

// Run as a script (`npm run demo`): a fresh SQLite file each time.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const path = process.argv[2] ?? ".tmp/demo.db";
  mkdirSync(".tmp", { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
  const store = new SqliteEventStore(path);
  const threadId = "demo-plan";
  console.log(`replaygraph demo: the plan-revision loop on SQLite (${path}), thread '${threadId}'\n`);
  await runPlanRevisionDemo(store, threadId);
  await store.close();
}
