import { createEngine, type EventStore } from "replaygraph";
import { buildScaleGraph } from "../distributed-scale-graph.js";

// One worker process of the distributed scale scenario: executes queued runs of the store
// (PostgreSQL or a SQLite file) until SIGTERM, then stops taking runs and exits.
const [storeSpec, sideEffects, concurrency, leaseMs, stepMs] = process.argv.slice(2);
if (!storeSpec || !sideEffects) throw new Error("usage: distributed-scale-worker.ts <postgres://… | sqlite file> <side-effects file> <concurrency> <leaseMs> <stepMs>");
const store: EventStore = storeSpec.startsWith("postgres")
  ? new (await import("replaygraph/postgres")).PostgresEventStore({ connectionString: storeSpec })
  : new (await import("replaygraph/sqlite")).SqliteEventStore(storeSpec);
const engine = createEngine({
  store,
  graphs: { scale: buildScaleGraph(store, sideEffects, Number(stepMs)) },
  worker: { concurrency: Number(concurrency), sweepMs: 2_000 },
  leaseMs: Number(leaseMs),
  crashedRuns: "requeue",
  onWorkerError: (error) => process.stderr.write(`worker error: ${error instanceof Error ? error.stack : String(error)}\n`),
});
const keepAlive = setInterval(() => undefined, 1 << 30);
process.once("SIGTERM", () => {
  clearInterval(keepAlive);
  void engine.close().then(async () => {
    await store.close();
    process.stdout.write("stopped\n");
    process.exit(0);
  });
});
process.stdout.write("ready\n");
