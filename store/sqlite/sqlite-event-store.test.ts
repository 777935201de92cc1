import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeEventStoreContract } from "../contract/event-store-contract.js";
import { CorruptEventError, ExpectedRevisionConflictError, StoreUnavailableError } from "../store-errors.js";
import { NotASqliteDatabaseError } from "./not-a-sqlite-database-error.js";
import { SqliteEventStore, DEFAULT_SQLITE_MAX_EVENT_BYTES } from "./sqlite-event-store.js";
import { SqliteSchemaTooNewError } from "./sqlite-schema-too-new-error.js";
import { sqliteSchemaMigrations } from "./migrate-sqlite-schema.js";

const temporaryDirectory = () => mkdtemp(join(tmpdir(), "replaygraph-sqlite-"));

describeEventStoreContract(
  "sqlite file",
  async () => {
    const directory = await temporaryDirectory();
    const store = new SqliteEventStore(join(directory, "events.db"));
    return {
      store,
      cleanup: async () => {
        await store.close();
        await rm(directory, { recursive: true, force: true });
      },
    };
  },
  {
    maxEventBytes: DEFAULT_SQLITE_MAX_EVENT_BYTES,
    openSecondHandle: async ({ store }) => new SqliteEventStore((store as SqliteEventStore).path),
  },
);

describeEventStoreContract(
  "sqlite :memory:",
  async () => {
    const store = new SqliteEventStore(":memory:", { maxEventBytes: 4096 });
    return { store, cleanup: () => store.close() };
  },
  { maxEventBytes: 4096 },
);

describe("SqliteEventStore file", () => {
  let directory = "";
  let path = "";
  beforeEach(async () => {
    directory = await temporaryDirectory();
    path = join(directory, "events.db");
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it("keeps events across close and reopen, in WAL mode, with the schema version recorded", async () => {
    const first = new SqliteEventStore(path);
    await first.appendToStream("thread-1", [{ type: "Kept", data: { at: new Date(7), n: 1n } }], { expectedRevision: "no_stream" });
    await first.close();
    await expect(first.readStream("thread-1")).rejects.toThrow(/closed/);

    const reopened = new SqliteEventStore(path);
    const { events } = await reopened.readStream("thread-1");
    expect(events.map((event) => [event.revision, event.type, event.data])).toEqual([[0, "Kept", { at: new Date(7), n: 1n }]]);
    expect((await reopened.appendToStream("thread-1", [{ type: "More", data: 2 }], { expectedRevision: 0 })).nextExpectedRevision).toBe(1);
    expect((await reopened.listStreams()).streams).toEqual(["thread-1"]);
    await reopened.close();

    const raw = new Database(path, { readonly: true });
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(raw.prepare("SELECT version FROM replaygraph_schema").pluck().get()).toBe(sqliteSchemaMigrations.length);
    raw.close();
  });

  it("opens a file an older version wrote (schema 1, a row per event) and reads and extends its streams as they were", async () => {
    const v1 = new Database(path);
    v1.pragma("journal_mode = WAL");
    v1.exec("CREATE TABLE replaygraph_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL); INSERT INTO replaygraph_schema VALUES (1, 1);");
    v1.exec(sqliteSchemaMigrations[0]!);
    v1.prepare("INSERT INTO streams (name) VALUES (?)").run("thread-1");
    const insert = v1.prepare("INSERT INTO events (stream, revision, id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.run("thread-1", 0, "id-0", "Kept", '{"json":{"quote":"say \\"hi\\"","n":1}}', '{"json":{"at":5}}', 1000);
    insert.run("thread-1", 1, "id-1", "Dated", '{"json":{"at":"1970-01-01T00:00:00.007Z"},"meta":{"values":{"at":["Date"]}}}', '{"json":{}}', 2000);
    v1.close();

    const store = new SqliteEventStore(path);
    const { events } = await store.readStream("thread-1");
    expect(events.map((event) => [event.revision, event.id, event.type, event.data, event.metadata, event.recordedAt.getTime()])).toEqual([
      [0, "id-0", "Kept", { quote: 'say "hi"', n: 1 }, { at: 5 }, 1000],
      [1, "id-1", "Dated", { at: new Date(7) }, {}, 2000],
    ]);
    expect((await store.readStream("thread-1", { direction: "backwards", maxCount: 1 })).events.map((event) => event.id)).toEqual(["id-1"]);
    expect(
      (
        await store.appendToStream(
          "thread-1",
          [
            { type: "More", data: 2 },
            { type: "More", data: 3 },
          ],
          { expectedRevision: 1 },
        )
      ).nextExpectedRevision,
    ).toBe(3);
    expect((await store.readStream("thread-1", { fromRevision: 1 })).events.map((event) => event.data)).toEqual([{ at: new Date(7) }, 2, 3]);
    await store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare("SELECT version FROM replaygraph_schema").pluck().get()).toBe(sqliteSchemaMigrations.length);
    expect(raw.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'events'").pluck().get()).toBe(0);
    raw.close();
  });

  it("opens a schema 2 file (with a streams table) and lists its streams in the order they were created, not by name", async () => {
    const v2 = new Database(path);
    v2.pragma("journal_mode = WAL");
    v2.exec("CREATE TABLE replaygraph_schema (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL); INSERT INTO replaygraph_schema VALUES (1, 2);");
    v2.exec(sqliteSchemaMigrations[0]!);
    v2.exec(sqliteSchemaMigrations[1]!);
    for (const name of ["thread-b", "thread-a", "other-c"]) v2.prepare("INSERT INTO streams (name) VALUES (?)").run(name);
    // Batches by name, as migration 2 copies a schema 1 file's events.
    const insert = v2.prepare("INSERT INTO event_batches (stream, revision, last_revision, recorded_at, events) VALUES (?, ?, ?, ?, ?)");
    for (const name of ["other-c", "thread-a", "thread-b"]) {
      insert.run(name, 0, 1, 1000, `{"m":{"json":{}},"e":[{"i":"${name}-0","t":"N","d":{"json":0}},{"i":"${name}-1","t":"N","d":{"json":1}}]}`);
      insert.run(name, 2, 2, 2000, `{"m":{"json":{}},"e":[{"i":"${name}-2","t":"N","d":{"json":2}}]}`);
    }
    v2.close();

    const store = new SqliteEventStore(path);
    expect((await store.listStreams()).streams).toEqual(["thread-b", "thread-a", "other-c"]);
    expect((await store.listStreams({ after: "thread-b", maxCount: 1 })).streams).toEqual(["thread-a"]);
    expect((await store.listStreams({ prefix: "thread-" })).streams).toEqual(["thread-b", "thread-a"]);
    await store.appendToStream("thread-0", [{ type: "N", data: 0 }], { expectedRevision: "no_stream" });
    await store.appendToStream("thread-a", [{ type: "N", data: 3 }], { expectedRevision: 2 });
    expect((await store.listStreams()).streams).toEqual(["thread-b", "thread-a", "other-c", "thread-0"]);
    expect((await store.readStream("thread-a")).events.map((event) => [event.revision, event.id, event.data])).toEqual([
      [0, "thread-a-0", 0],
      [1, "thread-a-1", 1],
      [2, "thread-a-2", 2],
      [3, expect.any(String), 3],
    ]);
    await store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'streams'").pluck().get()).toBe(0);
    raw.close();
  });

  it("keeps an append's events in one row, and reads any slice of it forwards and backwards", async () => {
    const store = new SqliteEventStore(path);
    await store.appendToStream(
      "s",
      [0, 1, 2, 3].map((n) => ({ type: "N", data: n, metadata: n === 2 ? { other: true } : { at: 1 } })),
    );
    await store.appendToStream(
      "s",
      [4, 5].map((n) => ({ type: "N", data: n })),
      { expectedRevision: 3 },
    );
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare("SELECT revision, last_revision FROM event_batches WHERE stream = 's' ORDER BY revision").raw().all()).toEqual([
      [0, 3],
      [4, 5],
    ]);
    raw.close();
    const forwards = async (fromRevision: number, maxCount?: number) =>
      (await store.readStream("s", { fromRevision, ...(maxCount === undefined ? {} : { maxCount }) })).events.map((event) => event.data);
    const backwards = async (fromRevision: number, maxCount?: number) =>
      (await store.readStream("s", { direction: "backwards", fromRevision, ...(maxCount === undefined ? {} : { maxCount }) })).events.map(
        (event) => event.data,
      );
    expect(await forwards(2, 3)).toEqual([2, 3, 4]);
    expect(await forwards(5)).toEqual([5]);
    expect(await forwards(6)).toEqual([]);
    expect(await backwards(4, 3)).toEqual([4, 3, 2]);
    expect(await backwards(1)).toEqual([1, 0]);
    expect((await store.readStream("s", { fromRevision: 2, maxCount: 1 })).events[0]!.metadata).toEqual({ other: true });
    expect((await store.readStream("s", { fromRevision: 3, maxCount: 1 })).events[0]!.metadata).toEqual({ at: 1 });
    await store.close();
  });

  it("stores one random base id per row instead of an id per event; derived ids are distinct, UUID-shaped and the same after reopening", async () => {
    const store = new SqliteEventStore(path);
    await store.appendToStream(
      "s",
      [0, 1, 2].map((n) => ({ type: "N", data: n })),
    );
    await store.appendToStream(
      "s",
      [3, 4].map((n) => ({ type: "N", data: n, ...(n === 4 ? { id: "given-4" } : {}) })),
      { expectedRevision: 2 },
    );
    await store.appendToStream("s", [{ type: "N", data: 5, id: "given-5" }], { expectedRevision: 4 });
    const ids = (await store.readStream("s")).events.map((event) => event.id);
    await store.close();
    expect(ids.slice(4)).toEqual(["given-4", "given-5"]);
    for (const id of ids.slice(0, 4)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    const raw = new Database(path, { readonly: true });
    const rows = raw.prepare("SELECT events FROM event_batches WHERE stream = 's' ORDER BY revision").pluck().all() as string[];
    raw.close();
    expect(rows.map((row) => [(JSON.parse(row) as { p?: string }).p === undefined, (row.match(/"i":/g) ?? []).length])).toEqual([
      [false, 0],
      [false, 1],
      [true, 1],
    ]);
    const reopened = new SqliteEventStore(path);
    expect((await reopened.readStream("s")).events.map((event) => event.id)).toEqual(ids);
    await reopened.close();
  });

  it("sees another connection's commits after remembering a stream's revision: reads catch up, stale appends conflict", async () => {
    const a = new SqliteEventStore(path);
    const b = new SqliteEventStore(path);
    // a remembers the stream as absent (a cold thread's head read), then as at revision 0 (its own append).
    expect((await a.readStream("thread-1", { direction: "backwards", maxCount: 1 })).streamExists).toBe(false);
    await b.appendToStream("thread-1", [{ type: "FromB", data: 0 }], { expectedRevision: "no_stream" });
    await expect(a.appendToStream("thread-1", [{ type: "FromA", data: 0 }], { expectedRevision: "no_stream" })).rejects.toThrow(ExpectedRevisionConflictError);
    await a.appendToStream("thread-1", [{ type: "FromA", data: 1 }], { expectedRevision: 0 });
    // A catch-up read past what a knows, after b appended: it must find b's event, not a remembered end.
    expect((await a.readStream("thread-1", { fromRevision: 2 })).currentRevision).toBe(1);
    await b.appendToStream("thread-1", [{ type: "FromB", data: 2 }], { expectedRevision: 1 });
    expect((await a.readStream("thread-1", { fromRevision: 2 })).events.map((event) => event.data)).toEqual([2]);
    await expect(a.appendToStream("thread-1", [{ type: "FromA", data: 9 }], { expectedRevision: 1 })).rejects.toThrow(ExpectedRevisionConflictError);
    // A third writer through raw SQL (no replaygraph code at all) is seen too.
    const raw = new Database(path);
    raw
      .prepare("INSERT INTO event_batches (stream, revision, last_revision, recorded_at, events) VALUES (?, 3, 3, 0, ?)")
      .run("thread-1", '{"m":{"json":{}},"e":[{"i":"raw-3","t":"Raw","d":{"json":3}}]}');
    raw.close();
    expect((await a.appendToStream("thread-1", [{ type: "FromA", data: 4 }], { expectedRevision: 3 })).nextExpectedRevision).toBe(4);
    expect((await b.readStream("thread-1")).events.map((event) => event.type)).toEqual(["FromB", "FromA", "FromB", "Raw", "FromA"]);
    await a.close();
    await b.close();
  });

  it("refuses a database whose schema is newer than this code, telling the user to upgrade", async () => {
    await new SqliteEventStore(path).close();
    const raw = new Database(path);
    raw.prepare("UPDATE replaygraph_schema SET version = 99").run();
    raw.close();
    const error: unknown = (() => {
      try {
        new SqliteEventStore(path);
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(SqliteSchemaTooNewError);
    expect(error).toMatchObject({ code: "SQLITE_SCHEMA_TOO_NEW", foundVersion: 99, supportedVersion: sqliteSchemaMigrations.length });
    expect((error as Error).message).toMatch(/[Uu]pgrade replaygraph/);
  });

  it("refuses a file that is not a SQLite database with a named error, leaving the file alone", async () => {
    const content = "this is a text file, not a database\n".repeat(200);
    await writeFile(path, content);
    expect(() => new SqliteEventStore(path)).toThrow(NotASqliteDatabaseError);
    expect(() => new SqliteEventStore(path)).toThrow(/is not a SQLite database/);
    expect(await readFile(path, "utf8")).toBe(content);
  });

  it("reports stored JSON that does not parse as a CorruptEventError naming the event", async () => {
    const store = new SqliteEventStore(path);
    await store.appendToStream("thread-1", [{ type: "Fine", data: 1 }]);
    await store.appendToStream("thread-1", [{ type: "Damaged", data: 2 }]);
    const raw = new Database(path);
    raw.prepare("UPDATE event_batches SET events = replace(events, '\"d\":2', '\"d\":2, broken') WHERE revision = 1").run();
    raw.close();
    const error: unknown = await store.readStream("thread-1").catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(CorruptEventError);
    expect(error).toMatchObject({ code: "CORRUPT_EVENT", stream: "thread-1", revision: 1 });
    expect((await store.readStream("thread-1", { maxCount: 1 })).events).toHaveLength(1);
    await store.close();
  });

  it("turns a write lock held past busyTimeoutMs into StoreUnavailableError, and stores nothing", async () => {
    const store = new SqliteEventStore(path, { busyTimeoutMs: 100 });
    const locker = new Database(path);
    locker.exec("BEGIN IMMEDIATE");
    const started = performance.now();
    const error: unknown = await store.appendToStream("thread-1", [{ type: "Blocked", data: 1 }]).catch((reason: unknown) => reason);
    const waited = performance.now() - started;
    locker.exec("ROLLBACK");
    locker.close();
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code: "STORE_UNAVAILABLE", retryable: true });
    expect(waited).toBeGreaterThanOrEqual(90);
    expect((await store.readStream("thread-1")).streamExists).toBe(false);
    expect((await store.appendToStream("thread-1", [{ type: "Unblocked", data: 2 }])).nextExpectedRevision).toBe(0);
    await store.close();
  });

  it("refuses invalid options with a TypeError naming the option", () => {
    expect(() => new SqliteEventStore(path, { busyTimeoutMs: -1 })).toThrow(/busyTimeoutMs/);
    expect(() => new SqliteEventStore(path, { maxEventBytes: 0 })).toThrow(/maxEventBytes/);
    expect(() => new SqliteEventStore(path, { synchronous: "off" as "full" })).toThrow(/synchronous/);
  });
});
