import { existsSync } from "node:fs";
import type { EventStore } from "../../../store/event-store.js";
import type { CliCommand } from "../cli-command.js";
import { exitCodes } from "../exit-codes.js";

const prefix = "thread-";

/** One thread as `threads` lists it. */
interface ThreadRow {
  readonly threadId: string;
  readonly graph: string;
  readonly events: number;
  readonly lastEvent: string;
  readonly updatedAt: string;
}

/** `replaygraph threads`: the threads in a store, with their graph, length and last event. */
export const threadsCommand: CliCommand = {
  name: "threads",
  summary: "list the threads in the store",
  positionals: [],
  flags: [
    { name: "all", kind: "boolean", summary: "include the threads of subgraphs (their ids contain '/')" },
    { name: "limit", kind: "integer", value: "<n>", min: 1, summary: "list at most n threads" },
    { name: "json", kind: "boolean", summary: "one JSON object per line instead of a table" },
  ],
  description: "Lists the threads of the store in the order they were created: id, graph, number of events, the last event and when it was written.",
  examples: ["replaygraph threads --store sqlite:./threads.db", "replaygraph threads --all --json"],
  usesStore: true,
  async run(session) {
    const spec = session.storeSpec;
    if (session.storeIsDefault && spec.kind === "sqlite" && !existsSync(spec.location)) {
      await session.print(
        `(no threads: there is no store at ${spec.text.slice("sqlite:".length)} yet; \`replaygraph demo\` writes one, --store names another)`,
      );
      return exitCodes.ok;
    }
    const store = await session.openStore({ create: false });
    const json = session.args.boolean("json") === true;
    const limit = session.args.integer("limit") ?? Number.POSITIVE_INFINITY;
    if (!json) await session.printRow(`${"thread".padEnd(28)}  ${"graph".padEnd(16)}  ${"events".padStart(7)}  ${"last event".padEnd(20)}  updated`);
    let listed = 0;
    for await (const threadId of threadIdsOf(store)) {
      if (listed >= limit) break;
      if (threadId.includes("/") && session.args.boolean("all") !== true) continue;
      const row = await rowOf(store, threadId);
      listed++;
      await (json
        ? session.print(JSON.stringify(row))
        : session.printRow(
            `${row.threadId.padEnd(28)}  ${row.graph.padEnd(16)}  ${String(row.events).padStart(7)}  ${row.lastEvent.padEnd(20)}  ${row.updatedAt}`,
          ));
    }
    if (!json && listed === 0) await session.print("(no threads)");
    return exitCodes.ok;
  },
};

async function* threadIdsOf(store: EventStore): AsyncGenerator<string> {
  for (let after: string | undefined; ;) {
    const { streams } = await store.listStreams({ prefix, maxCount: 500, ...(after !== undefined ? { after } : {}) });
    for (const stream of streams) yield stream.slice(prefix.length);
    if (streams.length < 500) return;
    after = streams[streams.length - 1];
  }
}

async function rowOf(store: EventStore, threadId: string): Promise<ThreadRow> {
  const stream = `${prefix}${threadId}`;
  const [first, last] = await Promise.all([store.readStream(stream, { maxCount: 1 }), store.readStream(stream, { direction: "backwards", maxCount: 1 })]);
  const created = first.events[0];
  const latest = last.events[0];
  const at = latest && (typeof latest.metadata["at"] === "number" ? new Date(latest.metadata["at"]) : latest.recordedAt);
  return {
    threadId,
    graph: created?.type === "ThreadCreated" ? String((created.data as { graph?: unknown }).graph) : "?",
    events: last.currentRevision + 1,
    lastEvent: latest?.type ?? "",
    updatedAt: at ? at.toISOString() : "",
  };
}
