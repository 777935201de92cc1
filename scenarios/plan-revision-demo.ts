import { mkdirSync, rmSync } from "node:fs";
import { SqliteEventStore } from "replaygraph/sqlite";
import { buildPlanRevisionGraph, runPlanRevision, type PlanAnswer } from "./plan-revision.js";
import { printHistoryTable } from "./print-history-table.js";

/**
 * The demo: the plan-revision loop of seed 001 on the embedded SQLite store, with scripted
 * answers. Prints each question (the latest plan every time), each answer, the final state, and
 * the thread's event history.
 */
const path = process.argv[2] ?? ".tmp/demo.db";
mkdirSync(".tmp", { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });

const answers: PlanAnswer[] = [
  { approve: false, feedback: "Add a budget" },
  { approve: false, feedback: "Shorten the timeline to two weeks" },
  { approve: true },
];

const store = new SqliteEventStore(path);
const graph = buildPlanRevisionGraph(store);
const threadId = "demo-plan";
console.log(`replaygraph demo: the plan-revision loop on SQLite (${path}), thread '${threadId}'\n`);
const { final } = await runPlanRevision(graph, threadId, answers, ({ question, answer }) => {
  console.log(`interrupt  revision ${question.revision}: ${question.plan}`);
  console.log(`answer     ${JSON.stringify(answer)}\n`);
});
console.log("final state", JSON.stringify(final, null, 2));
console.log(`\nevent history of thread '${threadId}':`);
await printHistoryTable(store, threadId);
await store.close();
