import { createEngine, type EventStore } from "replaygraph";
import type { CompiledStateGraph } from "replaygraph";

/**
 * The body of a worker process of the distributed scenarios: opens the store (`postgres://…`,
 * `esdb://…` or a SQLite file), executes its queued runs of one graph until SIGTERM, then stops taking runs, closes
 * the store, prints `stopped` and exits. Prints `ready` once it takes runs.
 */
export async function serveWorkerProcess(options: {
  readonly storeSpec: string;
  readonly graphName: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly buildGraph: (store: EventStore) => CompiledStateGraph<any>;
  readonly concurrency: number;
  readonly leaseMs: number;
}): Promise<void> {
  const { storeSpec } = options;
  const store: EventStore = storeSpec.startsWith("postgres")
    ? new (await import("replaygraph/postgres")).PostgresEventStore({ connectionString: storeSpec })
    : storeSpec.startsWith("esdb://")
      ? new (await import("replaygraph/eventstoredb")).EventStoreDBEventStore({ connectionString: storeSpec })
      : new (await import("replaygraph/sqlite")).SqliteEventStore(storeSpec);
  const engine = createEngine({
    store,
    graphs: { [options.graphName]: options.buildGraph(store) },
    worker: { concurrency: options.concurrency, sweepMs: 2_000 },
    leaseMs: options.leaseMs,
    crashedRuns: "requeue",
    onWorkerError: (error) => process.stderr.write(`worker error: ${error instanceof Error ? error.stack : String(error)}\n`),
  });
  // The worker's timers do not hold the process open (an engine in a test or script may end); this does.
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
}
