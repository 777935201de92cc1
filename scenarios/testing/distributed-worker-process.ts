import { buildJobsGraph } from "../distributed-jobs.js";
import { serveWorkerProcess } from "./serve-worker-process.js";

// One worker process of the distributed-workers scenario: executes queued runs of the store
// (PostgreSQL or a SQLite file) until SIGTERM, then stops taking runs and exits.
const [storeSpec, sideEffects, concurrency, leaseMs, slowMs] = process.argv.slice(2);
if (!storeSpec || !sideEffects)
  throw new Error("usage: distributed-worker-process.ts <postgres://… | sqlite file> <side-effects file> <concurrency> <leaseMs> <slowMs>");
await serveWorkerProcess({
  storeSpec,
  graphName: "jobs",
  buildGraph: (store) => buildJobsGraph(store, sideEffects, Number(slowMs)),
  concurrency: Number(concurrency),
  leaseMs: Number(leaseMs),
});
