import superjson, { type SuperJSONResult } from "superjson";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { text } from "node:stream/consumers";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteEventStore } from "../../store/sqlite/sqlite-event-store.js";
import {
  Annotation,
  Command,
  END,
  exportHistory,
  ImportTargetExistsError,
  importHistory,
  interrupt,
  InvalidExportError,
  MemoryEventStore,
  START,
  StateGraph,
  TruncatedExportError,
  type AppendToStreamOptions,
  type EventStore,
  type NewEvent,
} from "../index.js";

const dir = await mkdtemp(join(tmpdir(), "replaygraph-export-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

const State = Annotation.Root({
  when: Annotation<Date>(),
  tags: Annotation<Map<string, bigint>>(),
  log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  name: Annotation<string>(),
});
const Child = Annotation.Root({ name: Annotation<string>() });

function buildGraph(store: EventStore) {
  const child = new StateGraph(Child)
    .addNode("inner", () => ({ name: interrupt<unknown, string>("name?") }))
    .addEdge(START, "inner")
    .addEdge("inner", END)
    .compile();
  return new StateGraph(State)
    .addNode("stamp", () => ({ when: new Date(Date.UTC(2025, 4, 1)), tags: new Map([["big", 2n ** 70n]]), log: ["stamp"] }))
    .addNode("sub", child)
    .addEdge(START, "stamp")
    .addEdge("stamp", "sub")
    .addEdge("sub", END)
    .compile({ checkpointer: store });
}

const config = { configurable: { thread_id: "exported" } };

/** A finished thread with a subgraph thread, exported to a file. */
async function exportedThread(name: string) {
  const source = new MemoryEventStore();
  const graph = buildGraph(source);
  await graph.invoke({}, config);
  await graph.invoke(new Command({ resume: "Ada" }), config);
  const output = new PassThrough();
  const written = text(output);
  const progress: [number, number][] = [];
  const result = await exportHistory(source, "exported", output, { onProgress: (done, total) => progress.push([done, total]) });
  output.end();
  const file = join(dir, `${name}.jsonl`);
  await writeFile(file, await written);
  return { source, graph, file, result, progress, lines: (await readFile(file, "utf8")).trimEnd().split("\n") };
}

async function streamsOf(store: EventStore): Promise<readonly string[]> {
  return (await store.listStreams()).streams;
}

describe("exportHistory and importHistory", () => {
  it("round-trip a thread and its subgraph's thread into SQLite: revisions, ids, types and superjson values", async () => {
    const { source, file, result, progress, lines } = await exportedThread("round-trip");
    expect(result.threads.map((thread) => thread.threadId)).toEqual(["exported", expect.stringMatching(/^exported\/sub\./)]);
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: "replaygraph-history", version: 2, threadId: "exported", events: lines.length - 1 });
    expect(progress.at(-1)).toEqual([result.events, result.events]);

    const target = new SqliteEventStore(join(dir, "round-trip.db"));
    const imported = await importHistory(target, file);
    expect(imported).toMatchObject({ threadId: "exported", events: result.events, imported: result.events });
    for (const { threadId } of result.threads) {
      const before = (await source.readStream(`thread-${threadId}`)).events;
      const after = (await target.readStream(`thread-${threadId}`)).events;
      expect(after.map(({ revision, id, type, data, metadata }) => ({ revision, id, type, data, metadata }))).toEqual(
        before.map(({ revision, id, type, data, metadata }) => ({ revision, id, type, data, metadata })),
      );
    }
    const state = await buildGraph(target).getState(config);
    expect(state.values).toEqual({ when: new Date(Date.UTC(2025, 4, 1)), tags: new Map([["big", 2n ** 70n]]), log: ["stamp"], name: "Ada" });
    await target.close();
  });

  it("appends in batches that each name the exact revision they expect", async () => {
    const { file, result } = await exportedThread("batches");
    const appends: { stream: string; count: number; expected: AppendToStreamOptions["expectedRevision"] }[] = [];
    const target = new (class extends MemoryEventStore {
      override appendToStream(stream: string, events: readonly NewEvent[], options?: AppendToStreamOptions) {
        appends.push({ stream, count: events.length, expected: options?.expectedRevision });
        return super.appendToStream(stream, events, options);
      }
    })();
    await importHistory(target, file, { batchSize: 4 });
    expect(appends.every((append) => append.count <= 4)).toBe(true);
    expect(appends.reduce((sum, append) => sum + append.count, 0)).toBe(result.events);
    expect(appends[0]).toMatchObject({ stream: "thread-exported", expected: "no_stream" });
    expect(appends[1]).toMatchObject({ stream: "thread-exported", expected: 3 });
  });

  it("refuses a truncated file, cut inside a line or at a line's end, and writes nothing", async () => {
    const { file, lines } = await exportedThread("truncated");
    const target = new MemoryEventStore();
    const whole = await readFile(file, "utf8");
    await writeFile(file, whole.slice(0, whole.length - 40));
    await expect(importHistory(target, file)).rejects.toThrow(TruncatedExportError);
    await writeFile(file, `${lines.slice(0, -3).join("\n")}\n`);
    const error = await importHistory(target, file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TruncatedExportError);
    expect((error as TruncatedExportError).message).toContain(`ends after ${lines.length - 4} of the ${lines.length - 1} events`);
    expect(await streamsOf(target)).toEqual([]);
  });

  it("refuses a corrupt file, naming the line, and writes nothing: a gap, an unknown event, bad JSON, a newer format", async () => {
    const { file, lines } = await exportedThread("corrupt");
    const target = new MemoryEventStore();
    const variants: [string[], RegExp][] = [
      [[lines[0]!, lines[1]!, lines[3]!, ...lines.slice(4)], /line 3: .*revision 2 where 1 was expected/],
      [
        [
          ...lines.slice(0, 5),
          lines[5]!.replace(/"type":"(\w+)","id"/, '"type":"Unheard","id"').replace(/"type":"\w+","v":1/, '"type":"Unheard","v":1'),
          ...lines.slice(6),
        ],
        /line 6: .*not a thread event/,
      ],
      [[...lines.slice(0, 2), "{not json", ...lines.slice(3)], /line 3: the line is not JSON/],
      [[lines[0]!.replace('"version":2', '"version":3'), ...lines.slice(1)], /version 3, newer than this replaygraph reads.*upgrade/],
    ];
    for (const [content, message] of variants) {
      await writeFile(file, `${content.join("\n")}\n`);
      const error = await importHistory(target, file).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidExportError);
      expect((error as Error).message).toMatch(message);
    }
    expect(await streamsOf(target)).toEqual([]);
  });

  it("refuses to write over a thread with another history, and continues an import that was interrupted", async () => {
    const { file, result } = await exportedThread("existing");
    const other = new MemoryEventStore();
    await buildGraph(other).invoke({}, config);
    const before = (await other.readStream("thread-exported")).events.length;
    await expect(importHistory(other, file)).rejects.toThrow(ImportTargetExistsError);
    expect((await other.readStream("thread-exported")).events.length).toBe(before);

    const half = new MemoryEventStore();
    // A version 2 file holds plain JSON values as they are (superjson's form only under dataSuperjson / metadataSuperjson).
    const firstLines = (await readFile(file, "utf8"))
      .split("\n")
      .slice(1, 6)
      .map((line) => JSON.parse(line) as { type: string; id: string; data?: unknown; dataSuperjson?: SuperJSONResult; metadata: Record<string, unknown> });
    const decoded = firstLines.map((line) => ({
      id: line.id,
      type: line.type,
      data: line.dataSuperjson ? superjson.deserialize(line.dataSuperjson) : line.data,
      metadata: line.metadata,
    }));
    await half.appendToStream("thread-exported", decoded, { expectedRevision: "no_stream" });
    const continued = await importHistory(half, file);
    expect(continued.imported).toBe(result.events - 5);
    expect((await buildGraph(half).getState(config)).values["name"]).toBe("Ada");
    expect((await importHistory(half, file)).imported).toBe(0);
  });
});
