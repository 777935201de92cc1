import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { text } from "node:stream/consumers";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { Command, exportHistory, importHistory, MemoryEventStore, type EventStore } from "replaygraph";
import { PostgresEventStore } from "replaygraph/postgres";
import { SqliteEventStore } from "replaygraph/sqlite";
import { startPostgresServer, type PostgresServer } from "../../store/postgres/testing/start-postgres-server.js";
import { eventSerializer } from "../../store/event-serializer.js";
import { goldenHistory } from "../golden-histories.js";
import { observeThread, type ThreadObservation } from "./observe-thread.js";
import { v1ExpectedFile, v1ExportFile, v1StoreFile } from "./v1-store-files.js";
import { buildLedgerGraph, ledgerThreads } from "./v1-store-threads.js";

/**
 * Stores written by 0.1.0 (event format v1) load, verify and replay unchanged under today's code,
 * which writes format v2: the fixture under fixture/ was written by 0.1.0's code, with what the
 * public API showed of each thread then (see record-v1-store.ts).
 */
const expected = eventSerializer.parse(await readFile(v1ExpectedFile, "utf8")) as Record<string, ThreadObservation & { graph: string }>;
const dir = await mkdtemp(join(tmpdir(), "replaygraph-v1-store-"));
let server: PostgresServer | undefined;
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

function graphOn(store: EventStore, name: string) {
  return name === "ledger" ? buildLedgerGraph(store) : goldenHistory(name).buildGraph(store);
}

async function expectAsRecorded(store: EventStore): Promise<void> {
  for (const [threadId, observation] of Object.entries(expected)) {
    const { graph: name, ...seen } = observation;
    expect({ threadId, ...(await observeThread(graphOn(store, name), threadId)) }).toEqual({ threadId, ...seen });
  }
}

async function sqliteCopy(name: string): Promise<string> {
  const file = join(dir, `${name}.db`);
  await copyFile(v1StoreFile, file);
  return file;
}

describe("a SQLite file written by 0.1.0", () => {
  it("shows every thread's state, history, status and verdict as 0.1.0 did (snapshots of 0.1.0 included)", async () => {
    const store = new SqliteEventStore(await sqliteCopy("as-recorded"));
    await expectAsRecorded(store);
    await store.close();
  });

  it("continues a thread paused under 0.1.0: its history then mixes both formats, and reads the same cold", async () => {
    const file = await sqliteCopy("continued");
    const store = new SqliteEventStore(file);
    const threadId = ledgerThreads.paused;
    const graph = buildLedgerGraph(store);
    const config = { configurable: { thread_id: threadId } };
    const final = await graph.invoke(new Command({ resume: true }), config);
    expect(final.entries).toEqual(["opening", "entry 1", "entry 2", "closed"]);
    const warm = await observeThread(graph, threadId);
    expect(warm.verified).toBe("ok");
    expect(warm.history.length).toBeGreaterThan(expected[threadId]!.history.length);
    await store.close();

    const reopened = new SqliteEventStore(file);
    expect(await observeThread(buildLedgerGraph(reopened), threadId)).toEqual(warm);
    await reopened.close();
  });

  it("keeps its rows as they are: today's code reads 0.1.0's batches, it never rewrites them", async () => {
    const file = await sqliteCopy("untouched");
    const before = new Database(file).prepare("SELECT stream, revision, events FROM event_batches ORDER BY stream, revision").all();
    const store = new SqliteEventStore(file);
    await expectAsRecorded(store);
    await store.close();
    expect(new Database(file).prepare("SELECT stream, revision, events FROM event_batches ORDER BY stream, revision").all()).toEqual(before);
  });
});

describe("0.1.0's rows in the other stores", () => {
  it("memory: the same events appended as 0.1.0 read them show the same", async () => {
    const source = new SqliteEventStore(await sqliteCopy("to-memory"));
    const store = new MemoryEventStore();
    const { streams } = await source.listStreams();
    for (const stream of streams) {
      const { events } = await source.readStream(stream);
      await store.appendToStream(
        stream,
        events.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
        { expectedRevision: "no_stream" },
      );
    }
    await source.close();
    await expectAsRecorded(store);
  });

  it("PostgreSQL: 0.1.0's batch rows, copied verbatim, show the same", async () => {
    server ??= await startPostgresServer();
    const store = new PostgresEventStore({ connectionString: server.connectionString, schema: "v1_rows" });
    await store.listStreams(); // creates the tables
    const rows = new Database(v1StoreFile, { readonly: true })
      .prepare("SELECT stream, revision, last_revision, recorded_at, events FROM event_batches ORDER BY rowid")
      .all() as Record<string, unknown>[];
    const client = new pg.Client({ connectionString: server.connectionString });
    await client.connect();
    for (const row of rows) {
      await client.query("INSERT INTO v1_rows.event_batches (stream, revision, last_revision, recorded_at, events) VALUES ($1, $2, $3, $4, $5)", [
        row["stream"],
        row["revision"],
        row["last_revision"],
        row["recorded_at"],
        row["events"],
      ]);
    }
    await client.end();
    await expectAsRecorded(store);
    await store.close();
  }, 60_000);
});

describe("an export file written by 0.1.0", () => {
  it("imports, and its thread shows what 0.1.0 showed; exported again (format v2) it imports to the same", async () => {
    const store = new MemoryEventStore();
    await importHistory(store, v1ExportFile);
    const threadId = ledgerThreads.finished;
    const { graph: _name, ...seen } = expected[threadId]!;
    expect(await observeThread(buildLedgerGraph(store), threadId)).toEqual(seen);

    const output = new PassThrough();
    const exported = text(output);
    await exportHistory(store, threadId, output);
    output.end();
    const file = join(dir, "ledger-today.jsonl");
    await writeFile(file, await exported);
    const again = new MemoryEventStore();
    await importHistory(again, file);
    expect(await observeThread(buildLedgerGraph(again), threadId)).toEqual(seen);
  });
});
