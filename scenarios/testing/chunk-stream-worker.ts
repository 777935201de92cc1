import { createEngine } from "replaygraph";
import { PostgresEventStore } from "replaygraph/postgres";
import { agent } from "../serve-demo-graphs.js";
import { nested, tokens } from "../stream-demo-graphs.js";

// A worker process of the cross-process stream test: executes the `agent`, `tokens` and `nested` demo graphs' runs of a
// PostgreSQL store, publishing their chunks to the store, until SIGTERM.
const [connectionString] = process.argv.slice(2);
const store = new PostgresEventStore({ connectionString: connectionString! });
const engine = createEngine({ store, graphs: { agent, tokens, nested }, worker: { concurrency: 2, sweepMs: 500 } });
const keepAlive = setInterval(() => undefined, 1 << 30);
process.once("SIGTERM", () => {
  clearInterval(keepAlive);
  void engine.close().then(async () => {
    await store.close();
    process.exit(0);
  });
});
process.stdout.write("ready\n");
