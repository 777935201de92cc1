import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as langgraph from "@langchain/langgraph";
import { SqliteSaver as LangGraphSqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import * as replaygraph from "replaygraph";
import { SqliteSaver } from "replaygraph/sqlite";
import { describe, expect, it } from "vitest";

// Differential: LangGraph's checkpointer reads (`get`, `getTuple`, `list`) after the same runs on
// LangGraph 1.7.3 and on replaygraph, in memory and in SQLite. Ids differ between the libraries,
// so checkpoints are compared by what a user reads: metadata, the state channels' values, how
// configs link, which tasks wrote what (by node name), and which channels' versions moved.

type Library = "langgraph" | "replaygraph";

async function withSaver<T>(library: Library, store: "memory" | "sqlite", use: (lib: any, saver: any) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "replaygraph-checkpointer-reads-"));
  const file = join(dir, "threads.db");
  try {
    if (library === "langgraph") return await use(langgraph, store === "memory" ? new langgraph.MemorySaver() : LangGraphSqliteSaver.fromConnString(file));
    return await use(replaygraph, store === "memory" ? new replaygraph.MemorySaver() : new SqliteSaver(file));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function build(lib: any, checkpointer: unknown, failures: { left: number }) {
  const { Annotation, StateGraph, START, interrupt } = lib;
  const State = Annotation.Root({ log: Annotation({ reducer: (a: string[], b: string[]) => [...a, ...b], default: () => [] }), answer: Annotation() });
  return new StateGraph(State)
    .addNode("plan", () => ({ log: ["plan"] }))
    .addNode("ask", () => ({ answer: interrupt("ok?") }))
    .addNode("flaky", () => {
      if (failures.left-- > 0) throw new Error("down");
      return { log: ["flaky"] };
    })
    .addEdge(START, "plan")
    .addEdge("plan", "ask")
    .addEdge("ask", "flaky")
    .compile({ checkpointer });
}

const isStateChannel = (channel: string) => channel === "log" || channel === "answer";

/** What a user reads of a thread through the checkpointer, with ids replaced by positions and task ids by node names. */
async function readThrough(lib: any, saver: any, graph: any, config: unknown) {
  const tuples: any[] = [];
  for await (const tuple of saver.list(config)) tuples.push(tuple);
  const history: any[] = [];
  for await (const snapshot of graph.getStateHistory(config)) history.push(snapshot);
  const position = (checkpointConfig: any) => tuples.findIndex((tuple) => tuple.checkpoint.id === checkpointConfig?.configurable?.checkpoint_id);
  return tuples.map((tuple, index) => {
    const names = new Map<string, string>((history[index]?.tasks ?? []).map((task: any) => [task.id, task.name]));
    const older = tuples[index + 1];
    return {
      metadata: tuple.metadata,
      sameAsHistory:
        tuple.config.configurable.checkpoint_id === history[index]?.config.configurable.checkpoint_id && tuple.checkpoint.ts === history[index]?.createdAt,
      idIsConfigs: tuple.checkpoint.id === tuple.config.configurable.checkpoint_id,
      parent: tuple.parentConfig === undefined ? undefined : position(tuple.parentConfig),
      values: Object.fromEntries(Object.entries(tuple.checkpoint.channel_values).filter(([channel]) => isStateChannel(channel))),
      pendingWrites: tuple.pendingWrites
        .filter(([, channel]: [string, string]) => isStateChannel(channel) || channel === "__error__" || channel === "__interrupt__")
        .map(([taskId, channel, value]: [string, string, any]) => [
          names.get(taskId),
          channel,
          channel === "__interrupt__" ? value.map((i: any) => i.value) : value,
        ]),
      versionsMoved: ["log", "answer"].filter(
        (channel) =>
          tuple.checkpoint.channel_versions[channel] !== undefined &&
          tuple.checkpoint.channel_versions[channel] !== older?.checkpoint.channel_versions[channel],
      ),
    };
  });
}

async function program(lib: any, saver: any) {
  const failures = { left: 1 };
  const graph = build(lib, saver, failures);
  const config = { configurable: { thread_id: "t" } };
  await graph.invoke({ log: ["start"] }, config);
  const paused = await readThrough(lib, saver, graph, config);
  await graph.invoke(new lib.Command({ resume: "yes" }), config).catch((error: Error) => error.message);
  const failed = await saver.getTuple(config);
  await graph.invoke(null, config);
  const done = await readThrough(lib, saver, graph, config);
  const state = await graph.getState(config);
  const head = await saver.get(config);
  const second = done[1]!;
  const tuples: any[] = [];
  for await (const tuple of saver.list(config, { limit: 2 })) tuples.push(tuple);
  const before: any[] = [];
  for await (const tuple of saver.list(config, { before: tuples[1].config })) before.push(tuple.metadata.step);
  const filtered: any[] = [];
  for await (const tuple of saver.list(config, { filter: { source: "input" } })) filtered.push(tuple.metadata.step);
  const byId = await saver.getTuple(tuples[1].config);
  return {
    paused,
    failedWrites: failed.pendingWrites.filter(([, channel]: [string, string]) => channel === "__error__").map(([, , value]: unknown[]) => value),
    done,
    headIsState: head.id === state.config.configurable.checkpoint_id,
    headValues: { log: head.channel_values.log, answer: head.channel_values.answer },
    second,
    limited: tuples.map((tuple) => tuple.metadata.step),
    before,
    filtered,
    byIdStep: byId.metadata.step,
    missing: [await saver.getTuple({ configurable: { thread_id: "nope" } }), await saver.get({ configurable: { thread_id: "nope" } })],
    missingList: await (async () => {
      const found: unknown[] = [];
      for await (const tuple of saver.list({ configurable: { thread_id: "nope" } })) found.push(tuple);
      return found;
    })(),
  };
}

describe("LangGraph's checkpointer reads (get, getTuple, list), on both libraries", () => {
  for (const store of ["memory", "sqlite"] as const) {
    it(`show the same checkpoints, values, writes and links (${store})`, async () => {
      const expected = await withSaver("langgraph", store, program);
      const actual = await withSaver("replaygraph", store, program);
      expect(actual).toEqual(expected);
      expect(actual.failedWrites).toEqual([{ message: "down", name: "Error" }]);
      expect(actual.paused.map((checkpoint) => checkpoint.metadata.source)).toEqual(["loop", "loop", "input"]);
    });
  }
});

describe("checkpointer reads of a thread whose graph this process has not compiled on the store", () => {
  it("are refused with NotSupportedError naming the graph and what to do", async () => {
    const dir = await mkdtemp(join(tmpdir(), "replaygraph-checkpointer-reads-"));
    const file = join(dir, "threads.db");
    try {
      const writer = new SqliteSaver(file);
      const graph = build(replaygraph, writer, { left: 0 });
      const config = { configurable: { thread_id: "t" } };
      await graph.invoke({ log: ["start"] }, config);
      expect((await writer.getTuple(config))?.metadata).toEqual({ source: "loop", step: 1, parents: {} });
      const reader = new SqliteSaver(file);
      await expect(reader.getTuple(config)).rejects.toThrow(replaygraph.NotSupportedError);
      await expect(reader.get(config)).rejects.toThrow(/compile\(\{ checkpointer \}\) on this store first.*graph\.getState\(config\)/);
      build(replaygraph, reader, { left: 0 });
      expect((await reader.get(config))?.channel_values).toEqual({ log: ["start", "plan"] });
      await writer.close();
      await reader.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
