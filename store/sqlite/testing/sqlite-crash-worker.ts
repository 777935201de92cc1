// Child process of the kill -9 test: appends to one stream as fast as it can and prints
// "ack <revision>" after each append is acknowledged, until it is killed.
import { SqliteEventStore } from "../sqlite-event-store.js";

const [databasePath, stream = "crash"] = process.argv.slice(2);
if (databasePath === undefined) throw new Error("usage: sqlite-crash-worker.ts <database> [stream]");

const store = new SqliteEventStore(databasePath);
const payload = "p".repeat(2_000);
let revision = (await store.readStream(stream, { direction: "backwards", maxCount: 1 })).currentRevision;
process.stdout.write("ready\n");
for (;;) {
  const events = [0, 1, 2].map((part) => ({ type: "Crashed", data: { revision: revision + 1 + part, payload } }));
  const result = await store.appendToStream(stream, events, { expectedRevision: revision === -1 ? "no_stream" : revision });
  revision = result.nextExpectedRevision;
  // stdout to a pipe is synchronous on Linux: once written, the parent will read this line.
  process.stdout.write(`ack ${revision}\n`);
}
