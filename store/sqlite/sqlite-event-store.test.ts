import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeEventStoreContract } from "../contract/event-store-contract.js";
import { CorruptEventError, StoreUnavailableError } from "../store-errors.js";
import { NotASqliteDatabaseError } from "./not-a-sqlite-database-error.js";
import { SqliteEventStore, DEFAULT_SQLITE_MAX_EVENT_BYTES } from "./sqlite-event-store.js";
import { SqliteSchemaTooNewError } from "./sqlite-schema-too-new-error.js";

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

describeEventStoreContract("sqlite :memory:", async () => {
  const store = new SqliteEventStore(":memory:", { maxEventBytes: 4096 });
  return { store, cleanup: () => store.close() };
}, { maxEventBytes: 4096 });

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
    expect(raw.prepare("SELECT version FROM replaygraph_schema").pluck().get()).toBe(1);
    raw.close();
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
    expect(error).toMatchObject({ code: "SQLITE_SCHEMA_TOO_NEW", foundVersion: 99, supportedVersion: 1 });
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
    await store.appendToStream("thread-1", [{ type: "Fine", data: 1 }, { type: "Damaged", data: 2 }]);
    const raw = new Database(path);
    raw.prepare("UPDATE events SET data = '{\"json\": 2, broken' WHERE revision = 1").run();
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
