import type { EventStore } from "../../../store/event-store.js";
import { stateAt } from "../../audit/state-at.js";
import { UnknownThreadError } from "../../errors/audit-errors.js";
import { revisionOfCheckpointId, streamNameOf } from "../../thread/ids.js";
import type { CliCommand } from "../cli-command.js";
import { GraphRequiredError } from "../cli-errors.js";
import type { CliSession } from "../cli-session.js";
import { exitCodes } from "../exit-codes.js";
import { jsonReplacer } from "../format-value.js";
import { graphFromLangGraphJson } from "../graph-from-langgraph-json.js";

/** `replaygraph state <thread> [--at <revision>]`: the state rebuilt by replay. */
export const stateCommand: CliCommand = {
  name: "state",
  summary: "show a thread's state, now or right after any revision, rebuilt by replay",
  positionals: [{ name: "thread", summary: "the thread id" }],
  flags: [
    { name: "at", kind: "integer", value: "<revision>", min: 0, summary: "the state right after this revision (default: the last)" },
    { name: "graph", kind: "string", value: "<file>[:<export>]", summary: "the graph module (default: the thread's graph in ./langgraph.json)" },
    { name: "export", kind: "string", value: "<name>", summary: "the export of the graph module to use" },
    { name: "json", kind: "boolean", summary: "the whole snapshot as JSON" },
  ],
  description:
    "Replays the thread's stream from its first event up to the revision and prints the state as getState() showed it " +
    "then: values, the nodes that run next, the pending interrupts and the checkpoint. Replay applies the recorded writes " +
    "through the graph's reducers, so the graph module is needed (no node runs).",
  examples: ["replaygraph state demo-plan --graph ./graphs.js:planGraph", "replaygraph state demo-plan --at 12 --json"],
  usesStore: true,
  async run(session) {
    const threadId = session.args.positional("thread")!;
    const store = await session.openStore({ create: false });
    const graph = await session.loadGraph(await graphModuleFor(session, store, threadId), store);
    const bar = session.progress("replay", "events");
    const at = session.args.integer("at");
    const state = await stateAt(graph, threadId, at, { onProgress: (done, total) => bar.update(done, total) });
    bar.finish();
    if (session.args.boolean("json") === true) {
      await session.print(JSON.stringify(state, jsonReplacer, 2));
      return exitCodes.ok;
    }
    await session.print(`thread      ${threadId}  (revision ${state.revision} of ${state.lastRevision}, status ${state.status})`);
    await session.print(
      `checkpoint  ${state.metadata ? `${state.config.configurable.checkpoint_id} (revision ${revisionOfCheckpointId(threadId, state.config.configurable.checkpoint_id ?? "")}, step ${state.metadata.step}, ${state.metadata.source}, ${state.createdAt})` : "none yet"}`,
    );
    await session.print(`next        ${state.next.join(", ") || "(nothing: the run ended)"}`);
    for (const task of state.tasks) {
      for (const pending of task.interrupts)
        await session.print(`interrupt   ${task.name} asks ${JSON.stringify(pending.value, jsonReplacer)}  (id ${pending.id})`);
      if (task.error) await session.print(`error       ${task.name}: ${task.error.name}: ${task.error.message}`);
    }
    await session.print("values");
    await session.print(JSON.stringify(state.values, jsonReplacer, 2));
    return exitCodes.ok;
  },
};

/** --graph, else the module langgraph.json maps the thread's graph name to. */
async function graphModuleFor(session: CliSession, store: EventStore, threadId: string): Promise<string> {
  const given = session.args.string("graph");
  if (given !== undefined) return given;
  const { events, streamExists } = await store.readStream(streamNameOf(threadId), { maxCount: 1 });
  if (!streamExists) throw new UnknownThreadError(threadId);
  const created = events[0]?.type === "ThreadCreated" ? (events[0].data as { graph?: unknown }) : undefined;
  const graphName = typeof created?.graph === "string" ? created.graph : undefined;
  const mapped = graphName === undefined ? undefined : graphFromLangGraphJson(session.io.cwd, graphName);
  if (mapped === undefined) throw new GraphRequiredError(threadId, graphName);
  return mapped;
}
