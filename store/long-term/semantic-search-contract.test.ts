import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Embeddings } from "@langchain/core/embeddings";
import { FakeEmbeddings } from "@langchain/core/utils/testing";
import { InMemoryStore as LangGraphInMemoryStore } from "@langchain/langgraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteStore } from "../sqlite/sqlite-store.js";
import type { StoreLike } from "./base-store.js";
import { InMemoryStore } from "./in-memory-store.js";
import { textsAtPath } from "./text-at-path.js";
import { playStoreScript, type StoreScriptStep } from "./testing/play-store-script.js";

/** A real LangChain Embeddings whose vector of a text is its letter counts: similar words score high. Records every call. */
class LetterEmbeddings extends Embeddings {
  readonly calls: string[] = [];
  constructor() {
    super({});
  }
  async embedDocuments(texts: string[]): Promise<number[][]> {
    this.calls.push(`documents ${JSON.stringify(texts)}`);
    return texts.map(letters);
  }
  async embedQuery(text: string): Promise<number[]> {
    this.calls.push(`query ${text}`);
    return letters(text);
  }
}

function letters(text: string): number[] {
  const counts = new Array<number>(26).fill(0);
  for (const char of text.toLowerCase()) {
    const code = char.charCodeAt(0) - 97;
    if (code >= 0 && code < 26) counts[code]! += 1;
  }
  return counts;
}

const script: readonly StoreScriptStep[] = [
  ["put tea", (s) => s.put(["docs", "u1"], "tea", { text: "green tea in the morning", kind: "drink" })],
  ["put coffee", (s) => s.put(["docs", "u1"], "coffee", { text: "black coffee", kind: "drink" })],
  ["put cat", (s) => s.put(["docs", "u2"], "cat", { text: "a cat named tom", kind: "pet" })],
  ["put without the field", (s) => s.put(["docs", "u2"], "bare", { title: "no text here", kind: "pet" })],
  ["put not indexed", (s) => s.put(["docs", "u2"], "hidden", { text: "green tea", kind: "drink" }, false)],
  [
    "put with its own paths",
    (s) =>
      s.put(["docs", "u3"], "book", { meta: { title: "tea ceremony" }, chapters: [{ content: "water" }, { content: "leaves" }], tags: ["a", "b"] }, [
        "meta.title",
        "chapters[*].content",
      ]),
  ],
  [
    "put with a field list and an index",
    (s) => s.put(["docs", "u3"], "fields", { a: "coffee beans", b: { c: "roast" }, list: [1, 2, 3] }, ["{a,b.c}", "list[-1]"]),
  ],
  ["put the whole value", (s) => s.put(["docs", "u3"], "whole", { nested: { x: "tea" } }, ["$"])],
  ["search by query", (s) => s.search(["docs"], { query: "tea", limit: 20 })],
  ["query with a filter", (s) => s.search(["docs"], { query: "green tea", filter: { kind: "drink" } })],
  ["query with limit", (s) => s.search(["docs"], { query: "coffee", limit: 2 })],
  ["query with offset", (s) => s.search(["docs"], { query: "coffee", offset: 2, limit: 3 })],
  ["query past the scored items: unscored fill", (s) => s.search(["docs"], { query: "coffee", offset: 6, limit: 5 })],
  ["query under one namespace", (s) => s.search(["docs", "u2"], { query: "cat" })],
  ["no query: unranked", (s) => s.search(["docs"], { limit: 20 })],
  ["empty query: unranked", (s) => s.search(["docs"], { query: "", limit: 20 })],
  ["overwrite re-embeds", (s) => s.put(["docs", "u1"], "coffee", { text: "a cat and coffee", kind: "drink" })],
  ["delete", (s) => s.delete(["docs", "u1"], "tea")],
  ["search after overwrite and delete", (s) => s.search(["docs"], { query: "cat", limit: 20 })],
  [
    "a batch embeds each query once",
    (s) =>
      s.batch([
        { namespacePrefix: ["docs"], query: "tom", limit: 3, offset: 0 },
        { namespacePrefix: ["docs", "u2"], query: "tom", limit: 3, offset: 0 },
        { namespace: ["docs", "u4"], key: "one", value: { text: "tom" } },
        { namespace: ["docs", "u4"], key: "two", value: { text: "tom" } },
      ]),
  ],
  ["one text, one embedding, two items", (s) => s.search(["docs", "u4"], { query: "tom" })],
];

function observed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(observed);
  if (typeof value === "object" && value !== null && "createdAt" in value) {
    const item = value as unknown as { namespace: string[]; key: string; value: unknown; score?: number };
    return { namespace: item.namespace, key: item.key, value: item.value, ...(item.score !== undefined ? { score: item.score } : {}) };
  }
  return value;
}

/** The script's observations on one store. */
const play = (store: StoreLike) => playStoreScript(store, script, observed);

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "replaygraph-semantic-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("semantic search (index: { embeddings }), side by side with LangGraph's InMemoryStore", () => {
  it("ranks, scores, pages and embeds the same way, with the same calls to the model", async () => {
    const index = (embeddings: Embeddings) => ({ dims: 26, embeddings, fields: ["text"] });
    const theirs = new LetterEmbeddings();
    const langgraph = await play(new LangGraphInMemoryStore({ index: index(theirs) }));
    const mine = new LetterEmbeddings();
    const memory = await play(new InMemoryStore({ index: index(mine) }));
    const sqliteModel = new LetterEmbeddings();
    const sqlite = new SqliteStore(join(directory, "semantic.db"), { index: index(sqliteModel) });
    const onSqlite = await play(sqlite);
    await sqlite.close();
    const ranked = (langgraph["search by query"] as { ok: { key: string; score?: number }[] }).ok;
    expect(ranked.filter((item) => item.score !== undefined).length).toBeGreaterThan(4);
    expect(ranked.at(-1)).not.toHaveProperty("score");
    for (const [label] of script) {
      expect.soft(memory[label], `InMemoryStore: ${label}`).toEqual(langgraph[label]);
      expect.soft(onSqlite[label], `SqliteStore: ${label}`).toEqual(langgraph[label]);
    }
    expect(mine.calls).toEqual(theirs.calls);
    expect(sqliteModel.calls).toEqual(theirs.calls);
  });

  it("ties (LangChain's FakeEmbeddings gives every text one vector) keep the store's order", async () => {
    const run = async (store: StoreLike) => {
      for (const key of ["c", "a", "b"]) await store.put(["t"], key, { text: key });
      return (await store.search(["t"], { query: "anything" })).map((item) => [item.key, item.score]);
    };
    const expected = await run(new LangGraphInMemoryStore({ index: { dims: 4, embeddings: new FakeEmbeddings() } }));
    expect(expected.map(([key]) => key)).toEqual(["c", "a", "b"]);
    expect(await run(new InMemoryStore({ index: { dims: 4, embeddings: new FakeEmbeddings() } }))).toEqual(expected);
    expect(await run(new SqliteStore(join(directory, "ties.db"), { index: { dims: 4, embeddings: new FakeEmbeddings() } }))).toEqual(expected);
  });

  it("keeps the vectors in the file: a new SqliteStore ranks without embedding the items again", async () => {
    const file = join(directory, "kept.db");
    const first = new SqliteStore(file, { index: { dims: 26, embeddings: new LetterEmbeddings(), fields: ["text"] } });
    await first.put(["m"], "tea", { text: "tea" });
    await first.put(["m"], "cat", { text: "cat" });
    await first.close();
    const model = new LetterEmbeddings();
    const second = new SqliteStore(file, { index: { dims: 26, embeddings: model, fields: ["text"] } });
    expect((await second.search(["m"], { query: "cat" })).map((item) => item.key)).toEqual(["cat", "tea"]);
    expect(model.calls).toEqual(["query cat"]);
    await second.close();
  });

  it("finds the texts of a field path as LangGraph does", async () => {
    const value = { a: "x", n: 3, t: true, z: null, o: { p: "q" }, list: [{ c: "one" }, { c: "two" }, "s"], m: { k1: "v1", k2: "v2" } };
    const paths = [
      "$",
      "a",
      "n",
      "t",
      "z",
      "missing",
      "o",
      "o.p",
      "list[*].c",
      "list[0].c",
      "list[-1]",
      "list[9]",
      "list[x]",
      "{a,o.p,z,missing}",
      "m.*",
      "*",
      "list[*]",
      "a.b",
      "m{k1}",
    ];
    for (const path of paths) {
      // What LangGraph's InMemoryStore embeds for a put with `index: [path]`: the distinct texts it
      // sends to embedDocuments (compared as sets: it sends them as an object's keys, in that order).
      const model = new LetterEmbeddings();
      await new LangGraphInMemoryStore({ index: { dims: 26, embeddings: model } }).put(["p"], "k", value, [path]);
      const sent = model.calls.length === 0 ? [] : (JSON.parse(model.calls[0]!.slice("documents ".length)) as string[]);
      expect.soft([...new Set(textsAtPath(value, path))].sort(), path).toEqual([...sent].sort());
    }
  });
});

describe("departures from LangGraph's InMemoryStore, on purpose", () => {
  it("a put replaces the item's vectors: re-put with index: false leaves it unscored (LangGraph still scores it by its old vectors)", async () => {
    const langgraph = new LangGraphInMemoryStore({ index: { dims: 26, embeddings: new LetterEmbeddings(), fields: ["text"] } });
    await langgraph.put(["d"], "k", { text: "tea" });
    await langgraph.put(["d"], "k", { text: "tea" }, false);
    expect((await langgraph.search(["d"], { query: "tea" }))[0]!.score).toBeCloseTo(1);
    for (const store of [
      new InMemoryStore({ index: { dims: 26, embeddings: new LetterEmbeddings(), fields: ["text"] } }),
      new SqliteStore(join(directory, "replace.db"), { index: { dims: 26, embeddings: new LetterEmbeddings(), fields: ["text"] } }),
    ]) {
      await store.put(["d"], "k", { text: "tea" });
      await store.put(["d"], "k", { text: "tea" }, false);
      expect((await store.search(["d"], { query: "tea" }))[0]!.score).toBeUndefined();
    }
  });
});
