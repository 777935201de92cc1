import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteEventStore } from "./sqlite-event-store.js";
import { SqliteSchemaTooNewError } from "./sqlite-schema-too-new-error.js";
import { SqliteStore } from "./sqlite-store.js";

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "replaygraph-sqlite-store-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("SqliteStore", () => {
  it("shares a file with a SqliteEventStore, whichever opens it first, each with its own schema version", async () => {
    for (const storeFirst of [true, false]) {
      const file = join(directory, `shared-${storeFirst}.db`);
      const store = storeFirst ? new SqliteStore(file) : undefined;
      const events = new SqliteEventStore(file);
      const memory = store ?? new SqliteStore(file);
      await events.appendToStream("thread-1", [{ type: "Hello", data: { n: 1 } }], { expectedRevision: "no_stream" });
      await memory.put(["m"], "k", { v: 1 });
      expect((await events.readStream("thread-1")).events.map((event) => event.data)).toEqual([{ n: 1 }]);
      expect((await memory.get(["m"], "k"))?.value).toEqual({ v: 1 });
      await events.close();
      await memory.close();
      const db = new Database(file, { readonly: true });
      expect(db.prepare("SELECT version FROM replaygraph_store_schema").pluck().get()).toBe(1);
      expect(db.prepare("SELECT version FROM replaygraph_schema").pluck().get()).toBeGreaterThanOrEqual(4);
      db.close();
    }
  });

  it("two connections on one file see each other's writes at once (WAL)", async () => {
    const file = join(directory, "two.db");
    const writer = new SqliteStore(file);
    const reader = new SqliteStore(file);
    await writer.put(["a", "b"], "k", { when: new Date(5), tags: new Set(["x"]) });
    const item = await reader.get(["a", "b"], "k");
    expect(item?.value).toEqual({ when: new Date(5), tags: new Set(["x"]) });
    await writer.delete(["a", "b"], "k");
    expect(await reader.get(["a", "b"], "k")).toBeNull();
    await writer.close();
    await reader.close();
  });

  it("keeps createdAt and moves updatedAt on an overwrite, from its clock, across a restart", async () => {
    const file = join(directory, "clock.db");
    let now = 1_000;
    const first = new SqliteStore(file, { clock: () => now });
    await first.put(["n"], "k", { v: 1 });
    now = 2_000;
    await first.put(["n"], "k", { v: 2 });
    await first.close();
    const second = new SqliteStore(file);
    expect(await second.get(["n"], "k")).toEqual({ value: { v: 2 }, key: "k", namespace: ["n"], createdAt: new Date(1_000), updatedAt: new Date(2_000) });
    await second.close();
  });

  it("refuses a file whose store tables a newer replaygraph wrote, naming the store", async () => {
    const file = join(directory, "newer.db");
    await new SqliteStore(file).close();
    const db = new Database(file);
    db.prepare("UPDATE replaygraph_store_schema SET version = 99").run();
    db.close();
    expect(() => new SqliteStore(file)).toThrow(SqliteSchemaTooNewError);
    expect(() => new SqliteStore(file)).toThrow(/long-term memory store .* schema version 99/);
    // The event store's tables are versioned apart: it still opens the file.
    await new SqliteEventStore(file).close();
  });

  it("refuses calls once closed", async () => {
    const store = new SqliteStore(join(directory, "closed.db"));
    await store.close();
    await expect(store.get(["a"], "k")).rejects.toThrow(/is closed; open a new one/);
  });
});
