// Child process of the two-process test: after "go" on stdin, makes `appends` appends spread over
// `streams` streams, each expecting the revision it has just read, so writers in other processes
// race it. Prints one JSON line: how many appends succeeded per stream, and how many conflicted.
import { ExpectedRevisionConflictError } from "../../store-errors.js";
import { SqliteEventStore } from "../sqlite-event-store.js";

const [databasePath, writer = "writer", appendsText = "500", streamsText = "3"] = process.argv.slice(2);
if (databasePath === undefined) throw new Error("usage: sqlite-contention-worker.ts <database> <writer> <appends> <streams>");
const streams = Array.from({ length: Number(streamsText) }, (_, index) => `contended-${index}`);

const store = new SqliteEventStore(databasePath);
process.stdout.write("ready\n");
await new Promise((resolve) => process.stdin.once("data", resolve));

const succeeded: Record<string, number> = Object.fromEntries(streams.map((stream) => [stream, 0]));
let conflicts = 0;
const unexpected: string[] = [];
for (let index = 0; index < Number(appendsText); index++) {
  const stream = streams[index % streams.length] ?? "contended-0";
  const { currentRevision } = await store.readStream(stream, { direction: "backwards", maxCount: 1 });
  const events = [0, 1].map((part) => ({ type: "Contended", data: { writer, index, part }, metadata: { writer } }));
  try {
    await store.appendToStream(stream, events, { expectedRevision: currentRevision === -1 ? "no_stream" : currentRevision });
    succeeded[stream] = (succeeded[stream] ?? 0) + 1;
  } catch (error) {
    if (error instanceof ExpectedRevisionConflictError) conflicts++;
    else unexpected.push(String(error));
  }
}
await store.close();
process.stdout.write(`${JSON.stringify({ writer, succeeded, conflicts, unexpected })}\n`);
