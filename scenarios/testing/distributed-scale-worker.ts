import { buildScaleGraph } from "../distributed-scale-graph.js";
import { serveWorkerProcess } from "./serve-worker-process.js";

// One worker process of the distributed scale scenario: executes queued runs of the store
// (PostgreSQL or a SQLite file) until SIGTERM, then stops taking runs and exits.
const [storeSpec, sideEffects, concurrency, leaseMs, stepMs] = process.argv.slice(2);
if (!storeSpec || !sideEffects)
  throw new Error("usage: distributed-scale-worker.ts <postgres://… | sqlite file> <side-effects file> <concurrency> <leaseMs> <stepMs>");
await serveWorkerProcess({
  storeSpec,
  graphName: "scale",
  buildGraph: (store) => buildScaleGraph(store, sideEffects, Number(stepMs)),
  concurrency: Number(concurrency),
  leaseMs: Number(leaseMs),
});
