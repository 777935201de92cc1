import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AmbiguousResumeError,
  Annotation,
  Command,
  CorruptEventError,
  createEngine,
  effect,
  EffectOutsideNodeError,
  END,
  EventTooLargeError,
  GraphRecursionError,
  HistoryTooLongError,
  exportHistory,
  importHistory,
  stateAt,
  interrupt,
  InterruptOutsideNodeError,
  InvalidConfigError,
  InvalidExportError,
  InvalidGraphError,
  InvalidInputError,
  InvalidResumeError,
  InvalidThreadIdError,
  InvalidUpdateError,
  MissingCheckpointerError,
  MissingEntryPointError,
  NoPendingInterruptError,
  NotSerializableError,
  PayloadTooLargeError,
  ReservedNameError,
  RunNotFoundError,
  START,
  StateGraph,
  ThreadAlreadyExistsError,
  ThreadNotFoundError,
  TruncatedExportError,
  UnknownCheckpointError,
  UnknownGraphError,
  UnknownInterruptError,
  UnknownNodeError,
  UnknownThreadError,
  UnreachableNodeError,
  UpdateWhileInterruptedError,
  type EventStore,
} from "replaygraph";
import { NotASqliteDatabaseError, SqliteEventStore, SqliteSchemaTooNewError } from "replaygraph/sqlite";

/**
 * Issue 8's bad-input catalogue: each row is a bad input to the public API, answered with a named
 * error whose message says what to do, and — checked for every row — nothing in the store changed.
 * The store is a real SQLite file holding a paused thread, a finished thread and two answers.
 */
const State = Annotation.Root({
  topic: Annotation<string>(),
  answer: Annotation<unknown>(),
  log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});

let dir: string;
let store: SqliteEventStore;
const paused = { configurable: { thread_id: "paused" } };
const twoPending = { configurable: { thread_id: "two-pending" } };
const finished = { configurable: { thread_id: "finished" } };

function buildGraph(checkpointer: EventStore | null = store, options: { maxPayloadBytes?: number; maxHistoryEvents?: number } = {}) {
  return new StateGraph(State)
    .addNode("ask", (state) => ({ answer: interrupt({ question: `about ${state.topic}?` }), log: ["asked"] }))
    .addEdge(START, "ask")
    .addEdge("ask", END)
    .compile({ checkpointer: checkpointer ?? undefined, limits: options });
}

function buildParallel() {
  return new StateGraph(State)
    .addNode("a", () => ({ log: [String(interrupt("a?"))] }))
    .addNode("b", () => ({ log: [String(interrupt("b?"))] }))
    .addEdge(START, "a")
    .addEdge(START, "b")
    .compile({ checkpointer: store });
}

/** Every stream and every event's bytes: what "nothing in the store changed" compares. */
async function dump(target: EventStore): Promise<string> {
  const { streams } = await target.listStreams();
  const parts: string[] = [];
  for (const stream of streams) {
    const { events } = await target.readStream(stream);
    parts.push(stream, ...events.map((event) => `${event.revision} ${event.type} ${JSON.stringify(event.data)}`));
  }
  return parts.join("\n");
}

const big = "x".repeat(2048);
type Row = readonly [title: string, act: () => unknown, error: abstract new (...args: never[]) => Error, message?: RegExp];

const rows: Row[] = [
  // Malformed graph definitions and reserved names
  [
    "edge to an unknown node",
    () =>
      new StateGraph(State)
        .addNode("a", () => ({}))
        .addEdge(START, "a")
        .addEdge("a", "nowhere")
        .compile(),
    UnknownNodeError,
    /nowhere/,
  ],
  ["no entry point", () => new StateGraph(State).addNode("a", () => ({})).compile(), MissingEntryPointError],
  [
    "unreachable node",
    () =>
      new StateGraph(State)
        .addNode("a", () => ({}))
        .addNode("b", () => ({}))
        .addEdge(START, "a")
        .compile(),
    UnreachableNodeError,
    /b/,
  ],
  ["duplicate node name", () => new StateGraph(State).addNode("a", () => ({})).addNode("a", () => ({})), InvalidGraphError, /already/],
  ["node named START", () => new StateGraph(State).addNode(START, () => ({})), ReservedNameError],
  ["node name starting with __", () => new StateGraph(State).addNode("__secret", () => ({})), ReservedNameError],
  ["reserved channel name", () => new StateGraph(Annotation.Root({ __interrupt__: Annotation<string>() })), ReservedNameError],
  ["node named like a channel", () => new StateGraph(State).addNode("topic", () => ({})), ReservedNameError],
  ["node that is not a function", () => new StateGraph(State).addNode("a", 42 as never), InvalidGraphError, /function/],
  ["edge from END", () => new StateGraph(State).addNode("a", () => ({})).addEdge(END, "a"), InvalidGraphError],
  ["conditional edge without a function", () => new StateGraph(State).addNode("a", () => ({})).addConditionalEdges("a", "a" as never), InvalidGraphError],
  [
    "breakpoint on an unknown node",
    () =>
      new StateGraph(State)
        .addNode("a", () => ({}))
        .addEdge(START, "a")
        .compile({ interruptBefore: ["b"] }),
    UnknownNodeError,
  ],
  ["a limit that is not a positive integer", () => buildGraph(store, { maxPayloadBytes: -1 }), InvalidGraphError, /maxPayloadBytes/],
  // Config of the wrong type or shape
  ["no thread_id", () => buildGraph().invoke({ topic: "t" }, {}), InvalidConfigError, /thread_id/],
  ["thread_id that is a number", () => buildGraph().invoke({ topic: "t" }, { configurable: { thread_id: 42 as never } }), InvalidThreadIdError],
  ["empty thread_id", () => buildGraph().invoke({ topic: "t" }, { configurable: { thread_id: "" } }), InvalidThreadIdError],
  ["thread_id with a path separator", () => buildGraph().invoke({ topic: "t" }, { configurable: { thread_id: "../etc/passwd" } }), InvalidThreadIdError],
  ["thread_id with a control character", () => buildGraph().invoke({ topic: "t" }, { configurable: { thread_id: "a\u0000b" } }), InvalidThreadIdError],
  ["thread_id longer than 256 characters", () => buildGraph().invoke({ topic: "t" }, { configurable: { thread_id: "t".repeat(300) } }), InvalidThreadIdError],
  ["recursionLimit of 0", () => buildGraph().invoke({ topic: "t" }, { ...finished, recursionLimit: 0 }), InvalidConfigError, /recursionLimit/],
  ["recursionLimit given as a string", () => buildGraph().invoke({ topic: "t" }, { ...finished, recursionLimit: "10" as never }), InvalidConfigError],
  ["unknown stream mode", () => buildGraph().stream({ topic: "t" }, { ...finished, streamMode: "everything" as never }), InvalidConfigError, /streamMode/],
  [
    "checkpoint_id that is not one of the thread's",
    () => buildGraph().getState({ configurable: { thread_id: "paused", checkpoint_id: "nope" } }),
    UnknownCheckpointError,
  ],
  // Inputs and answers
  ["input that is not an object", () => buildGraph().invoke(42 as never, { configurable: { thread_id: "new-1" } }), InvalidInputError],
  ["input with an unknown state key", () => buildGraph().invoke({ nope: 1 } as never, { configurable: { thread_id: "new-2" } }), InvalidUpdateError, /nope/],
  [
    "input holding a function",
    () => buildGraph().invoke({ topic: (() => "t") as never }, { configurable: { thread_id: "new-3" } }),
    NotSerializableError,
    /function/,
  ],
  ["input holding a symbol", () => buildGraph().invoke({ answer: Symbol("s") }, { configurable: { thread_id: "new-4" } }), NotSerializableError],
  [
    "input over the payload limit",
    () => buildGraph(store, { maxPayloadBytes: 1024 }).invoke({ topic: big }, { configurable: { thread_id: "new-5" } }),
    PayloadTooLargeError,
    /maxPayloadBytes/,
  ],
  ["empty Command", () => buildGraph().invoke(new Command({}), paused), InvalidInputError],
  ["resume value undefined", () => buildGraph().invoke(new Command({ resume: undefined }), paused), InvalidResumeError, /null/],
  ["resume value that is a function", () => buildGraph().invoke(new Command({ resume: () => 1 }), paused), NotSerializableError],
  [
    "resume value over the payload limit",
    () => buildGraph(store, { maxPayloadBytes: 1024 }).invoke(new Command({ resume: big }), paused),
    PayloadTooLargeError,
  ],
  ["resume map naming an unknown interrupt id", () => buildGraph().invoke(new Command({ resume: { ["0".repeat(32)]: "x" } }), paused), UnknownInterruptError],
  ["bare resume with two interrupts pending", () => buildParallel().invoke(new Command({ resume: "x" }), twoPending), AmbiguousResumeError],
  ["resume on a thread with nothing pending", () => buildGraph().invoke(new Command({ resume: "x" }), finished), NoPendingInterruptError],
  [
    "resume on a thread that does not exist",
    () => buildGraph().invoke(new Command({ resume: "x" }), { configurable: { thread_id: "ghost" } }),
    ThreadNotFoundError,
  ],
  [
    "Command({ update }) alone while an interrupt is pending",
    () => buildGraph().invoke(new Command({ update: { topic: "x" } }), paused),
    UpdateWhileInterruptedError,
    /resume/,
  ],
  ["Command({ goto }) to an unknown node", () => buildGraph().invoke(new Command({ goto: "nowhere" }), finished), UnknownNodeError],
  ["updateState as an unknown node", () => buildGraph().updateState(finished, { topic: "x" }, "nowhere"), UnknownNodeError],
  ["updateState with an unknown key", () => buildGraph().updateState(finished, { nope: 1 } as never), InvalidUpdateError],
  ["updateState with a value that does not serialize", () => buildGraph().updateState(finished, { answer: new (class Secret {})() }), NotSerializableError],
  [
    "a new run on a thread at the history limit",
    () => buildGraph(store, { maxHistoryEvents: 3 }).invoke({ topic: "t" }, finished),
    HistoryTooLongError,
    /fresh/,
  ],
  // Calls out of place
  ["interrupt() outside a node", () => interrupt("?"), InterruptOutsideNodeError],
  ["effect() outside a node", () => effect("k", () => 1), EffectOutsideNodeError],
  ["interrupt() in a graph without a checkpointer", () => buildGraph(null).invoke({ topic: "t" }), MissingCheckpointerError, /checkpointer/],
  ["getState() without a checkpointer", () => buildGraph(null).getState(finished), MissingCheckpointerError],
  // The engine service
  [
    "a run of a graph the engine does not have",
    () => createEngine({ store, graphs: { ask: buildGraph() } }).runs.create("finished", "nope", { input: { topic: "t" } }),
    UnknownGraphError,
  ],
  [
    "creating a thread that exists",
    () => createEngine({ store, graphs: { ask: buildGraph() } }).threads.create({ threadId: "finished" }),
    ThreadAlreadyExistsError,
  ],
  ["a run id that does not exist", () => createEngine({ store, graphs: { ask: buildGraph() } }).runs.get("finished", "no-such-run"), RunNotFoundError],
  // The store itself
  [
    "an event over the store's size limit",
    () => new SqliteEventStore(join(dir, "threads.db"), { maxEventBytes: 1024 }).appendToStream("thread-finished", [{ type: "X", data: big }]),
    EventTooLargeError,
  ],
  ["history of a thread that does not exist", () => stateAt(buildGraph(), "nobody"), UnknownThreadError],
];

/** Rows that need a store of their own: corrupt events, foreign files, bad history files. */
type FileRow = readonly [
  title: string,
  prepare: (path: string) => Promise<void> | void,
  act: (path: string) => unknown,
  error: abstract new (...args: never[]) => Error,
];

async function recordPausedThread(path: string): Promise<void> {
  const own = new SqliteEventStore(path);
  await buildGraph(own).invoke({ topic: "bees" }, paused);
  await own.close();
}

function tamperLastEvent(path: string, change: (data: Record<string, unknown>) => string | Record<string, unknown>): void {
  const db = new Database(path);
  // The last append's row; its last event is the one changed (a raw string replaces its data text as is).
  const row = db.prepare("SELECT rowid, events FROM event_batches ORDER BY rowid DESC LIMIT 1").get() as { rowid: number; events: string };
  // A batch of today's format holds plain JSON data as it is, under "d".
  const batch = JSON.parse(row.events) as { e: { d: Record<string, unknown> }[] };
  const last = batch.e[batch.e.length - 1]!;
  const changed = change(last.d);
  const placeholder = "\u0000changed data\u0000";
  (last as { d: unknown }).d = placeholder;
  const text = JSON.stringify(batch).replace(JSON.stringify(placeholder), typeof changed === "string" ? changed : JSON.stringify(changed));
  db.prepare("UPDATE event_batches SET events = ? WHERE rowid = ?").run(text, row.rowid);
  db.close();
}

async function openAndRead(path: string): Promise<unknown> {
  const own = new SqliteEventStore(path);
  try {
    return await buildGraph(own).getState(paused);
  } finally {
    await own.close();
  }
}

async function exportTo(path: string, file: string): Promise<void> {
  const { createWriteStream } = await import("node:fs");
  const own = new SqliteEventStore(path);
  const output = createWriteStream(file);
  await exportHistory(own, "paused", output);
  await new Promise((resolve) => output.end(resolve));
  await own.close();
}

async function importInto(path: string, file: string): Promise<unknown> {
  const own = new SqliteEventStore(path);
  try {
    return await importHistory(own, file);
  } finally {
    await own.close();
  }
}

const fileRows: FileRow[] = [
  [
    "an event of a type this version does not know",
    (path) => recordPausedThread(path).then(() => tamperLastEvent(path, (data) => ({ ...data, type: "Teleported" }))),
    openAndRead,
    CorruptEventError,
  ],
  [
    "an event of a version this version does not know",
    (path) => recordPausedThread(path).then(() => tamperLastEvent(path, (data) => ({ ...data, v: 2 }))),
    openAndRead,
    CorruptEventError,
  ],
  ["an event whose body is not JSON", (path) => recordPausedThread(path).then(() => tamperLastEvent(path, () => "{not json")), openAndRead, CorruptEventError],
  ["a store file that is not a database", (path) => writeFile(path, "just some text, not SQLite"), openAndRead, NotASqliteDatabaseError],
  [
    "a store written by a newer version",
    (path) =>
      recordPausedThread(path).then(() => {
        const db = new Database(path);
        db.prepare("UPDATE replaygraph_schema SET version = 999").run();
        db.close();
      }),
    openAndRead,
    SqliteSchemaTooNewError,
  ],
  [
    "a truncated history file",
    async (path) => {
      const source = `${path}.source.db`;
      await recordPausedThread(source);
      await exportTo(source, `${path}.jsonl`);
      const { readFile } = await import("node:fs/promises");
      const text = await readFile(`${path}.jsonl`, "utf8");
      await writeFile(`${path}.jsonl`, text.slice(0, Math.floor(text.length * 0.6)));
      await new SqliteEventStore(path).close();
    },
    (path) => importInto(path, `${path}.jsonl`),
    TruncatedExportError,
  ],
  [
    "a history file with a line that is not JSON",
    async (path) => {
      const source = `${path}.source.db`;
      await recordPausedThread(source);
      await exportTo(source, `${path}.jsonl`);
      const { readFile } = await import("node:fs/promises");
      const lines = (await readFile(`${path}.jsonl`, "utf8")).split("\n");
      lines[2] = "{ this is not json";
      await writeFile(`${path}.jsonl`, lines.join("\n"));
      await new SqliteEventStore(path).close();
    },
    (path) => importInto(path, `${path}.jsonl`),
    InvalidExportError,
  ],
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "replaygraph-bad-input-"));
  store = new SqliteEventStore(join(dir, "threads.db"));
  await buildGraph().invoke({ topic: "bees" }, paused);
  await buildParallel().invoke({ topic: "two" }, twoPending);
  await buildGraph().invoke({ topic: "wasps" }, finished);
  await buildGraph().invoke(new Command({ resume: "yes" }), finished);
});
async function fileBytes(path: string): Promise<Buffer[]> {
  const { readFile } = await import("node:fs/promises");
  const { existsSync } = await import("node:fs");
  return Promise.all([path, `${path}-wal`].filter((file) => existsSync(file)).map((file) => readFile(file)));
}

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe("bad input catalogue (issue 8)", () => {
  it.each(rows.map((row) => ({ title: row[0], row })))("$title: a named error, and the store is unchanged", async ({ row: [, act, error, message] }) => {
    const before = await dump(store);
    const thrown = await Promise.resolve()
      .then(act)
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(thrown).toBeInstanceOf(error);
    expect((thrown as Error).name).not.toBe("Error");
    if (message) expect((thrown as Error).message).toMatch(message);
    expect(await dump(store)).toBe(before);
  });

  it.each(fileRows.map((row) => ({ title: row[0], row })))(
    "$title: a named error, and the store file is unchanged",
    async ({ title, row: [, prepare, act, error] }) => {
      const path = join(dir, `${title.replace(/[^a-z]+/g, "-")}.db`);
      await prepare(path);
      const before = await fileBytes(path);
      const thrown = await Promise.resolve(path)
        .then(act)
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(thrown).toBeInstanceOf(error);
      expect(await fileBytes(path)).toEqual(before);
    },
  );

  it("has at least 40 rows, as many as the README says", async () => {
    expect(rows.length + fileRows.length).toBeGreaterThanOrEqual(40);
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    expect(Number(/bad-input catalogue \(\d+ rows: (\d+) of the engine/.exec(readme)?.[1])).toBe(rows.length + fileRows.length);
  });

  it("payloads with __proto__ and constructor keys are data: nothing is polluted, through the store and back", async () => {
    const payload = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "plain": 1}') as Record<string, unknown>;
    const config = { configurable: { thread_id: "pollution" } };
    const graph = buildGraph();
    await graph.invoke({ topic: "p", answer: payload }, config);
    const done = await graph.invoke(new Command({ resume: payload }), config);
    const cold = await buildGraph(new SqliteEventStore(join(dir, "threads.db"))).getState(config);
    for (const value of [done.answer, cold.values.answer]) {
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect((value as Record<string, unknown>)["plain"]).toBe(1);
    }
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});
