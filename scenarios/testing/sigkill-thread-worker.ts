import { upcastThreadEvent } from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { effectScript } from "../../property-tests/reliability/effect-script.js";
import { decideNextRequest } from "../../property-tests/reliability/recovering-client.js";
import { reliabilityScripts } from "../../property-tests/reliability/reliability-scripts.js";
import { DelayingEventStore } from "../../store/testing/delaying-event-store.js";
import { RecordingEventStore } from "../../store/testing/recording-event-store.js";

// Runs in its own process, to be killed with SIGKILL at any moment: plays every planned thread to
// its end on the SQLite file, all threads at once, deciding each request from the store alone (so
// a new process picks up where a killed one stopped). Prints "ready" once the store is open,
// "ack <json>" as soon as an append is acknowledged (stdout to a pipe is synchronous: a printed
// ack reached the parent even if the process dies right after), and "done" when every thread is
// finished; "effect <json>" when an effect body runs. Replies to appends are delayed a little, and requests come after a short think, so a
// kill lands mid-run, between an append being durable and the engine hearing of it.
const [path, planJson, thinkMs = "8", durability = "sync"] = process.argv.slice(2);
if (path === undefined || planJson === undefined) throw new Error("usage: sigkill-thread-worker.ts <database> <plan json> [think ms] [durability]");
const plan = JSON.parse(planJson) as { threadId: string; script: string }[];

const handle = new SqliteEventStore(path);
const recorded = new RecordingEventStore(handle, { onAcknowledged: (ack) => process.stdout.write(`ack ${JSON.stringify(ack)}\n`) });
const store = new DelayingEventStore(recorded, { after: (call) => (call.operation === "append" ? Math.random() * 3 : 0) });
// Effect bodies report whether their record was already stored (it must never be).
const journaling = effectScript(async ({ threadId, taskId, key }) => {
  const { events } = await handle.readStream(`thread-${threadId}`);
  const afterRecorded = events.some((recorded) => {
    const event = upcastThreadEvent(recorded) as { type: string; taskId?: string; key?: string };
    return event.type === "EffectRecorded" && event.taskId === taskId && event.key === key;
  });
  process.stdout.write(`effect ${JSON.stringify({ threadId, key, afterRecorded })}\n`);
});
const scripts = new Map(
  reliabilityScripts
    .map((script) => (script.name === journaling.name ? journaling : script))
    .map((script) => [script.name, { script, graph: script.build(store) }]),
);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function play(threadId: string, name: string): Promise<void> {
  const { script, graph } = scripts.get(name)!;
  for (;;) {
    const { request } = await decideNextRequest(script, store, graph, threadId);
    if (request === undefined) return;
    await sleep(Math.random() * Number(thinkMs));
    await graph.invoke(request.input as Record<string, unknown> | null, {
      ...request.config,
      durability: durability as "sync" | "async" | "exit",
      configurable: { thread_id: threadId },
    });
  }
}

process.stdout.write("ready\n");
await Promise.all(plan.map(({ threadId, script }) => play(threadId, script)));
await handle.close();
process.stdout.write("done\n");
