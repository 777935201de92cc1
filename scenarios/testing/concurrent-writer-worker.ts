import { SqliteEventStore } from "replaygraph/sqlite";
import { buildInterviewGraph } from "../../property-tests/reliability/interview-graph.js";
import { raceOnThreads } from "../../property-tests/reliability/race-writer.js";
import { DelayingEventStore } from "../../store/testing/delaying-event-store.js";
import { RecordingEventStore } from "../../store/testing/recording-event-store.js";

// Runs in its own process: one engine instance racing other processes (and the test's own
// writers) to drive the same interview threads on the SQLite file. Prints "ready", waits for "go"
// on stdin, prints "ack <json>" for each acknowledged append, then one "report <json>" line (with
// how many of its appends the store refused with a conflict).
const [path, writer, threadIdsJson, deadlineMs = "30000"] = process.argv.slice(2);
if (path === undefined || writer === undefined || threadIdsJson === undefined) {
  throw new Error("usage: concurrent-writer-worker.ts <database> <writer> <thread ids json> [deadline ms]");
}
const handle = new SqliteEventStore(path);
const store = new RecordingEventStore(handle, { onAcknowledged: (ack) => process.stdout.write(`ack ${JSON.stringify(ack)}\n`) });
// An append waits a little after its writer decided: other writers append meanwhile, and it conflicts.
const graph = buildInterviewGraph(new DelayingEventStore(store, { before: (call) => (call.operation === "append" ? Math.random() * 5 : 0) }));
process.stdout.write("ready\n");
await new Promise((resolve) => process.stdin.once("data", resolve));
const report = await raceOnThreads(writer, graph, JSON.parse(threadIdsJson) as string[], { deadlineMs: Number(deadlineMs), thinkMs: 4 });
process.stdout.write(`report ${JSON.stringify({ ...report, conflicts: store.conflicts })}\n`);
await handle.close();
process.exit(0);
