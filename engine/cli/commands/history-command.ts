import { readThreadHistory, type HistoryEntry } from "../../audit/history.js";
import type { ThreadEventType } from "../../thread/events.js";
import { isThreadEvent } from "../../runtime/is-thread-event.js";
import type { CliCommand } from "../cli-command.js";
import { UsageError } from "../cli-errors.js";
import { describeEntry } from "../describe-entry.js";
import { exitCodes } from "../exit-codes.js";
import { jsonReplacer } from "../format-value.js";

/** `replaygraph history <thread>`: every event of a thread, as a table or as JSON Lines. */
export const historyCommand: CliCommand = {
  name: "history",
  summary: "show a thread's events: every question, answer and write, who and when",
  positionals: [{ name: "thread", summary: "the thread id" }],
  flags: [
    { name: "from", kind: "integer", value: "<revision>", min: 0, summary: "start at this revision (default 0)" },
    { name: "to", kind: "integer", value: "<revision>", min: 0, summary: "stop after this revision (default: the last)" },
    { name: "type", kind: "list", value: "<Event,...>", summary: "only these event types, e.g. TaskInterrupted,InterruptResumed" },
    { name: "json", kind: "boolean", summary: "one JSON object per line (revision, type, at, runId, step, node, taskId, event)" },
  ],
  description:
    "Prints a thread's history, oldest first, streamed page by page (a thread of any length prints in bounded memory). " +
    "Each line shows the event's revision, when it was written, its type, its run, step and node, and what it says: " +
    "the question a node asked (TaskInterrupted), the answer that came back (InterruptResumed), what a node wrote (TaskSucceeded).",
  examples: [
    "replaygraph history demo-plan",
    "replaygraph history demo-plan --type TaskInterrupted,InterruptResumed",
    "replaygraph history demo-plan --from 10 --to 20 --json",
  ],
  usesStore: true,
  async run(session) {
    const threadId = session.args.positional("thread")!;
    const types = session.args.list("type");
    for (const type of types ?? []) {
      if (!isThreadEvent({ type, v: 1 }))
        throw new UsageError(`'${type}' is not an event type (e.g. ThreadCreated, RunStarted, TaskInterrupted, InterruptResumed, TaskSucceeded)`, "history");
    }
    const from = session.args.integer("from");
    const to = session.args.integer("to");
    if (from !== undefined && to !== undefined && from > to)
      throw new UsageError(`--from ${from} is after --to ${to}; give a range whose start is not after its end`, "history");
    const store = await session.openStore({ create: false });
    const entries = readThreadHistory(store, threadId, {
      ...(from !== undefined ? { fromRevision: from } : {}),
      ...(to !== undefined ? { toRevision: to } : {}),
      ...(types ? { types: types as ThreadEventType[] } : {}),
    });
    const json = session.args.boolean("json") === true;
    // The first read says whether the thread exists, before any line is printed.
    let next = await entries.next();
    if (!json)
      await session.printRow(
        `${"rev".padStart(5)}  ${"time".padEnd(24)}  ${"event".padEnd(19)}  ${"run".padEnd(8)}  ${"step".padStart(4)}  ${"node".padEnd(14)}  detail`,
      );
    for (; !next.done; next = await entries.next()) await (json ? session.print(jsonLineOf(next.value)) : session.printRow(tableLineOf(next.value)));
    return exitCodes.ok;
  },
};

function tableLineOf(entry: HistoryEntry): string {
  return [
    String(entry.revision).padStart(5),
    entry.at.toISOString().padEnd(24),
    entry.type.padEnd(19),
    (entry.runId ?? "").slice(0, 8).padEnd(8),
    (entry.step === undefined ? "" : String(entry.step)).padStart(4),
    (entry.node ?? "").padEnd(14),
    describeEntry(entry),
  ].join("  ");
}

function jsonLineOf(entry: HistoryEntry): string {
  const { threadId, revision, id, type, at, recordedAt, runId, step, node, taskId, event } = entry;
  return JSON.stringify({ threadId, revision, id, type, at, recordedAt, runId, step, node, taskId, event }, jsonReplacer);
}
