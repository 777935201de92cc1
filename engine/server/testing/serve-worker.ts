import { SqliteEventStore } from "../../../store/sqlite/index.js";
import { agent, hitl } from "../../../scenarios/serve-demo-graphs.js";
import { serve } from "../serve.js";

// `replaygraph serve` on a SQLite file, as a second process beside a test's own server: prints
// `SERVE_READY <url>`, stops on SIGTERM.
const store = new SqliteEventStore(process.argv[2]!);
const server = await serve({ store, graphs: { agent, hitl }, port: 0, heartbeatMs: 50 });
process.stdout.write(`SERVE_READY ${server.url}\n`);
process.on(
  "SIGTERM",
  () =>
    void server
      .close()
      .then(() => store.close())
      .finally(() => process.exit(0)),
);
