import { SqliteEventStore } from "replaygraph/sqlite";
import { buildPlanRevisionGraph, runPlanRevision, type PlanAnswer } from "../plan-revision.js";

// Runs in its own process: opens the SQLite file, plays the given answers on the thread (starting
// it if new), prints what it saw as one JSON line, and exits. The next process continues.
const [path, threadId, answersJson] = process.argv.slice(2);
const store = new SqliteEventStore(path!);
const graph = buildPlanRevisionGraph(store);
const { exchanges, final } = await runPlanRevision(graph, threadId!, JSON.parse(answersJson ?? "[]") as PlanAnswer[]);
process.stdout.write(`${JSON.stringify({ exchanges, pending: final["__interrupt__"] ?? [] })}\n`);
await store.close();
