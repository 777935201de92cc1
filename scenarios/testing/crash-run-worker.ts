import { createEngine } from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { buildSlowChainGraph } from "../crashed-run.js";

// Runs in its own process: starts a run whose second step takes long, prints "committed" once
// the first step is in the store, and waits to be killed (kill -9) mid-step.
const [path, threadId] = process.argv.slice(2);
const store = new SqliteEventStore(path!);
const engine = createEngine({ store, graphs: { chain: buildSlowChainGraph(store, 60_000) }, leaseMs: 300 });
await engine.threads.create({ threadId: threadId! });
await engine.runs.create(threadId!, "chain", { input: { topic: "crash" } });
for (;;) {
  const { events } = await store.readStream(`thread-${threadId}`);
  if (events.some((event) => event.type === "StepCommitted")) break;
  await new Promise((resolve) => setTimeout(resolve, 10));
}
process.stdout.write("committed\n");
await new Promise(() => undefined);
