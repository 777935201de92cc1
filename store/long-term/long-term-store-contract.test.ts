import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InMemoryStore as LangGraphInMemoryStore } from "@langchain/langgraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteStore } from "../sqlite/sqlite-store.js";
import type { Item, StoreLike } from "./base-store.js";
import { InMemoryStore } from "./in-memory-store.js";
import { InvalidIndexConfigError } from "./invalid-index-config-error.js";
import { playStoreScript, type StoreScriptStep } from "./testing/play-store-script.js";

// One script of store calls, run on LangGraph's InMemoryStore and on both of ours; what a user
// observes must be the same. Timestamps are compared by what they say (an overwrite keeps
// createdAt and moves updatedAt), not by value.

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const users1 = ["users", "u1", "memories"];
const bulk = Array.from(
  { length: 12 },
  (_, i) => ["put", (s: StoreLike) => s.put(["bulk"], `b${String(i).padStart(2, "0")}`, { i, even: i % 2 === 0 })] as const,
);

const script: readonly StoreScriptStep[] = [
  ["put m1", (s) => s.put(users1, "m1", { text: "likes tea", weight: 3, kind: "pref", tags: ["a"] })],
  ["put m2", (s) => s.put(users1, "m2", { text: "vegetarian", weight: 5, kind: "diet", when: new Date(0) })],
  ["put u2", (s) => s.put(["users", "u2", "memories"], "m1", { text: "coffee", weight: 1, kind: "pref", active: true })],
  ["put profile", (s) => s.put(["users", "u1", "profile"], "p", { name: "Ann", age: 41 })],
  ["put d1", (s) => s.put(["docs"], "d1", { title: "x", score: "7" })],
  ["put d2", (s) => s.put(["docs"], "d2", { title: "y", score: null })],
  ["put a", (s) => s.put(["a"], "k", { n: 1 })],
  ["put B", (s) => s.put(["B"], "k", { n: 2 })],
  ["put c/d", (s) => s.put(["c", "d", "e"], "k", { n: 3 })],
  ...bulk,
  ["get m1", (s) => s.get(users1, "m1")],
  ["get missing key", (s) => s.get(users1, "nope")],
  ["get missing namespace", (s) => s.get(["nowhere"], "m1")],
  ["get reserved root", (s) => s.get(["langgraph", "x"], "k")],
  ["wait", () => wait(5)],
  ["overwrite m1", (s) => s.put(users1, "m1", { text: "likes green tea", weight: 4, kind: "pref" })],
  ["get overwritten", (s) => s.get(users1, "m1")],
  ["search users", (s) => s.search(["users"])],
  ["search u1", (s) => s.search(["users", "u1"])],
  ["search exact namespace", (s) => s.search(users1)],
  ["search label prefix is not a namespace prefix", (s) => s.search(["user"])],
  ["search all, default limit", (s) => s.search([])],
  ["search all, limit 50", (s) => s.search([], { limit: 50 })],
  ["filter exact", (s) => s.search(["users"], { filter: { kind: "pref" } })],
  ["filter two keys", (s) => s.search(["users"], { filter: { kind: "pref", active: true } })],
  ["filter $gt", (s) => s.search(["users"], { filter: { weight: { $gt: 2 } } })],
  ["filter range", (s) => s.search(["users"], { filter: { weight: { $gte: 4, $lt: 5 } } })],
  ["filter $gt at the boundary", (s) => s.search(["users"], { filter: { weight: { $gt: 4 } } })],
  ["filter $lte at the boundary", (s) => s.search(["users"], { filter: { weight: { $lte: 4 } } })],
  ["filter $gte at the boundary", (s) => s.search(["users"], { filter: { weight: { $gte: 5 } } })],
  ["filter $lt at the boundary", (s) => s.search(["users"], { filter: { weight: { $lt: 4 } } })],
  ["filter $eq", (s) => s.search(["users"], { filter: { weight: { $eq: 5 } } })],
  ["filter $ne", (s) => s.search(["users"], { filter: { weight: { $ne: 5 } } })],
  ["filter $ne on a missing key", (s) => s.search([], { filter: { missing: { $ne: 1 } }, limit: 50 })],
  ["filter $in", (s) => s.search(["users"], { filter: { kind: { $in: ["pref", "diet"] } } })],
  ["filter $nin", (s) => s.search(["users"], { filter: { kind: { $nin: ["pref"] } } })],
  ["filter $gt coerces strings", (s) => s.search(["docs"], { filter: { score: { $gt: 5 } } })],
  ["filter $lt coerces null", (s) => s.search(["docs"], { filter: { score: { $lt: 1 } } })],
  ["filter empty operators", (s) => s.search(["docs"], { filter: { score: {} } })],
  ["filter no match", (s) => s.search([], { filter: { kind: "none" } })],
  ["filter with limit/offset", (s) => s.search(["bulk"], { filter: { even: true }, limit: 2, offset: 1 })],
  ["limit/offset", (s) => s.search(["bulk"], { limit: 5, offset: 3 })],
  ["offset past the end", (s) => s.search(["bulk"], { offset: 40 })],
  ["limit 0", (s) => s.search(["bulk"], { limit: 0 })],
  ["query without an index is ignored", (s) => s.search(["users", "u2"], { query: "hot drinks" })],
  ["delete m2", (s) => s.delete(users1, "m2")],
  ["get deleted", (s) => s.get(users1, "m2")],
  ["delete missing", (s) => s.delete(users1, "never")],
  ["put null deletes", (s) => s.put(["docs"], "d2", null as never)],
  [
    "search after deletes",
    (s) =>
      s
        .search(["users", "u1"])
        .then((items) => items.concat())
        .then((items) => items),
  ],
  ["re-put a deleted key", (s) => s.put(users1, "m2", { text: "vegan", weight: 6, kind: "diet" })],
  ["search: a re-put item comes last", (s) => s.search(users1)],
  ["a new namespace comes after older ones", (s) => s.put(["users", "u0", "memories"], "z", { text: "new" })],
  ["search order by namespace age", (s) => s.search(["users"])],
  ["list all", (s) => s.listNamespaces()],
  ["list prefix", (s) => s.listNamespaces({ prefix: ["users"] })],
  ["list prefix wildcard", (s) => s.listNamespaces({ prefix: ["users", "*", "memories"] })],
  ["list suffix", (s) => s.listNamespaces({ suffix: ["memories"] })],
  ["list suffix wildcard", (s) => s.listNamespaces({ suffix: ["*", "profile"] })],
  ["list prefix and suffix", (s) => s.listNamespaces({ prefix: ["users", "u1"], suffix: ["memories"] })],
  ["list maxDepth", (s) => s.listNamespaces({ maxDepth: 2 })],
  ["list maxDepth 1 with prefix", (s) => s.listNamespaces({ prefix: ["users"], maxDepth: 1 })],
  ["list limit/offset", (s) => s.listNamespaces({ limit: 2, offset: 1 })],
  ["list longer prefix than any", (s) => s.listNamespaces({ prefix: ["c", "d", "e", "f"] })],
  [
    "batch reads see the store before its puts",
    (s) =>
      s.batch([
        { namespace: ["batch"], key: "x", value: { v: 1 } },
        { namespace: ["batch"], key: "x" },
        { namespacePrefix: ["batch"], limit: 10, offset: 0 },
        { namespace: ["batch"], key: "x", value: { v: 2 } },
        { namespace: ["batch"], key: "y", value: { v: 3 } },
      ]),
  ],
  ["batch: the last put to an item wins", (s) => s.search(["batch"])],
  [
    "batch: puts to one item apply where the first stood",
    (s) =>
      s.batch([
        { namespace: ["batch2"], key: "k1", value: null },
        { namespace: ["batch2"], key: "k2", value: { v: 2 } },
        { namespace: ["batch2"], key: "k1", value: { v: 1 } },
      ]),
  ],
  ["batch: order of items put in one batch", (s) => s.search(["batch2"])],
  ["put empty namespace", (s) => s.put([], "k", { v: 1 })],
  ["put label with a period", (s) => s.put(["a.b"], "k", { v: 1 })],
  ["put label with a colon", (s) => s.put(["a:b"], "k", { v: 1 })],
  ["put empty label", (s) => s.put(["a", ""], "k", { v: 1 })],
  ["put NUL label", (s) => s.put(["a\u0000"], "k", { v: 1 })],
  ["put non-string label", (s) => s.put(["a", 1 as never], "k", { v: 1 })],
  ["put reserved root", (s) => s.put(["langgraph", "x"], "k", { v: 1 })],
  ["get empty namespace", (s) => s.get([], "k")],
  ["delete empty namespace", (s) => s.delete([], "k")],
  ["search invalid prefix", (s) => s.search(["a.b"])],
  ["list invalid prefix", (s) => s.listNamespaces({ prefix: ["a:b"] })],
  ["list invalid suffix", (s) => s.listNamespaces({ suffix: ["a.b"] })],
  ["nothing invalid was stored", (s) => s.search([], { limit: 100 })],
];

/** What a user sees of a result, timestamps as what they say. */
function observed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(observed);
  if (isItem(value)) {
    const created = value.createdAt.getTime();
    const updated = value.updatedAt.getTime();
    return {
      namespace: value.namespace,
      key: value.key,
      value: value.value,
      times: created === updated ? "created" : created < updated ? "updated later" : "updated before created",
    };
  }
  return value;
}

function isItem(value: unknown): value is Item {
  return typeof value === "object" && value !== null && "key" in value && "createdAt" in value && (value as Item).createdAt instanceof Date;
}

/** The script's observations on one store. */
const play = (store: StoreLike) => playStoreScript(store, script, observed);

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "replaygraph-store-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("long-term memory stores, side by side with LangGraph's InMemoryStore", () => {
  it("answer the same script the same way: replaygraph's InMemoryStore and SqliteStore", async () => {
    const langgraph = await play(new LangGraphInMemoryStore());
    const memory = await play(new InMemoryStore());
    const sqlite = new SqliteStore(join(directory, "contract.db"));
    const onSqlite = await play(sqlite);
    await sqlite.close();
    // The script means something: LangGraph really refused, found and filtered.
    expect(langgraph["put reserved root"]).toEqual({ error: "InvalidNamespaceError" });
    expect((langgraph["filter $gt coerces strings"] as { ok: unknown[] }).ok).toHaveLength(1);
    expect((langgraph["search all, default limit"] as { ok: unknown[] }).ok).toHaveLength(10);
    expect(langgraph["get overwritten"]).toMatchObject({ ok: { times: "updated later" } });
    for (const [label] of script) {
      expect.soft(memory[label], `InMemoryStore: ${label}`).toEqual(langgraph[label]);
      expect.soft(onSqlite[label], `SqliteStore: ${label}`).toEqual(langgraph[label]);
    }
  });

  it("refuse an index without an embeddings model, with a named error", () => {
    const index = { dims: 3, embeddings: {} } as never;
    expect(() => new InMemoryStore({ index })).toThrow(InvalidIndexConfigError);
    expect(() => new SqliteStore(join(directory, "index.db"), { index })).toThrow(/needs|embedDocuments\(\) and embedQuery\(\)/);
  });
});

describe("departures from LangGraph's InMemoryStore, on purpose", () => {
  const stores = () => [new InMemoryStore(), new SqliteStore(join(directory, `departure-${Math.random()}.db`))] as const;

  it("a namespace whose items were all deleted is not listed (LangGraph's InMemoryStore still lists it)", async () => {
    const langgraph = new LangGraphInMemoryStore();
    await langgraph.put(["gone"], "k", { v: 1 });
    await langgraph.delete(["gone"], "k");
    expect(await langgraph.listNamespaces()).toEqual([["gone"]]);
    for (const store of stores()) {
      await store.put(["gone"], "k", { v: 1 });
      await store.delete(["gone"], "k");
      expect(await store.listNamespaces()).toEqual([]);
    }
  });

  it("an array or object filter value matches equal data (LangGraph JS compares by reference: never)", async () => {
    const langgraph = new LangGraphInMemoryStore();
    await langgraph.put(["t"], "k", { tags: ["a", "b"], meta: { lang: "en", n: 1 } });
    expect(await langgraph.search(["t"], { filter: { tags: ["a", "b"] } })).toEqual([]);
    for (const store of stores()) {
      await store.put(["t"], "k", { tags: ["a", "b"], meta: { lang: "en", n: 1 } });
      expect((await store.search(["t"], { filter: { tags: ["a", "b"] } })).map((item) => item.key)).toEqual(["k"]);
      expect((await store.search(["t"], { filter: { meta: { lang: "en" } } })).map((item) => item.key)).toEqual(["k"]);
      expect(await store.search(["t"], { filter: { tags: ["a"] } })).toEqual([]);
      expect(await store.search(["t"], { filter: { meta: { lang: "fr" } } })).toEqual([]);
    }
  });

  it("values are copied in and out (LangGraph's InMemoryStore hands out the object it keeps)", async () => {
    const langgraph = new LangGraphInMemoryStore();
    const value = { list: [1] };
    await langgraph.put(["c"], "k", value);
    value.list.push(2);
    expect((await langgraph.get(["c"], "k"))!.value).toEqual({ list: [1, 2] });
    for (const store of stores()) {
      const mine = { list: [1] };
      await store.put(["c"], "k", mine);
      mine.list.push(2);
      const got = await store.get(["c"], "k");
      got!.value.list.push(3);
      expect((await store.get(["c"], "k"))!.value).toEqual({ list: [1] });
    }
  });
});
