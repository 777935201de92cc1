import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as langgraph from "@langchain/langgraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteEventStore, SqliteStore } from "../../store/sqlite/index.js";
import * as replaygraph from "../index.js";

// The same programs on LangGraph and on replaygraph (only the import differs), compared by what a
// user sees. `lib` is either module; `stores` makes the checkpointer and long-term store to use.

type Lib = typeof replaygraph | typeof langgraph;
interface Stores {
  readonly checkpointer: unknown;
  readonly store: any;
  close(): Promise<void>;
}

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "replaygraph-memory-"));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const setups: Record<string, { lib: Lib; stores: () => Stores }> = {
  LangGraph: { lib: langgraph, stores: () => ({ checkpointer: new langgraph.MemorySaver(), store: new langgraph.InMemoryStore(), close: async () => {} }) },
  "replaygraph, InMemoryStore": {
    lib: replaygraph,
    stores: () => ({ checkpointer: new replaygraph.MemorySaver(), store: new replaygraph.InMemoryStore(), close: async () => {} }),
  },
  "replaygraph, LangGraph's InMemoryStore": {
    lib: replaygraph,
    stores: () => ({ checkpointer: new replaygraph.MemorySaver(), store: new langgraph.InMemoryStore(), close: async () => {} }),
  },
  "replaygraph, SQLite (one file)": {
    lib: replaygraph,
    stores: () => {
      const file = join(directory, `graph-${Math.random().toString(36).slice(2)}.db`);
      const checkpointer = new SqliteEventStore(file);
      const store = new SqliteStore(file);
      return { checkpointer, store, close: async () => (await checkpointer.close(), await store.close()) };
    },
  },
};

const state = (lib: Lib) =>
  (lib.Annotation as any).Root({
    fact: (lib.Annotation as any)(),
    recalled: (lib.Annotation as any)(),
    seen: (lib.Annotation as any)({ reducer: (a: unknown[], b: unknown[]) => a.concat(b), default: () => [] }),
  });

function memoryGraph(lib: Lib, stores: Stores) {
  const { StateGraph, START, END } = lib as any;
  return new StateGraph(state(lib))
    .addNode("remember", async (s: any, config: any) => {
      if (s.fact) await config.store.put(["memories", config.context.userId], `fact-${s.fact.length}`, { text: s.fact, length: s.fact.length });
      return {};
    })
    .addNode("recall", async (_s: any, config: any) => {
      const items = await config.store.search(["memories", config.context.userId], { filter: { length: { $gte: 3 } } });
      return { recalled: items.map((item: any) => item.value.text) };
    })
    .addEdge(START, "remember")
    .addEdge("remember", "recall")
    .addEdge("recall", END)
    .compile({ checkpointer: stores.checkpointer, store: stores.store });
}

async function outputs<T>(run: (lib: Lib, stores: Stores) => Promise<T>): Promise<Record<string, T>> {
  const results: Record<string, T> = {};
  for (const [name, { lib, stores }] of Object.entries(setups)) {
    const made = stores();
    try {
      results[name] = await run(lib, made);
    } finally {
      await made.close();
    }
  }
  return results;
}

function expectAllEqual<T>(results: Record<string, T>, expected: T): void {
  for (const [name, result] of Object.entries(results)) expect.soft(result, name).toEqual(expected);
}

describe("long-term memory through config.store, on LangGraph and replaygraph", () => {
  it("a node's put on one thread is what another thread's run finds, per user", async () => {
    const results = await outputs(async (lib, stores) => {
      const graph = memoryGraph(lib, stores);
      const ann = { context: { userId: "ann" } };
      await graph.invoke({ fact: "likes tea" }, { configurable: { thread_id: "a1" }, ...ann });
      await graph.invoke({ fact: "no" }, { configurable: { thread_id: "a2" }, ...ann });
      await graph.invoke({ fact: "has a cat" }, { configurable: { thread_id: "b1" }, context: { userId: "bob" } });
      const later = await graph.invoke({}, { configurable: { thread_id: "a3" }, ...ann });
      const listed = await stores.store.listNamespaces({ prefix: ["memories"] });
      const direct = await stores.store.get(["memories", "bob"], "fact-9");
      return { recalled: later.recalled, listed, direct: direct?.value };
    });
    expectAllEqual(results, {
      recalled: ["likes tea"],
      listed: [
        ["memories", "ann"],
        ["memories", "bob"],
      ],
      direct: { text: "has a cat", length: 9 },
    });
  });

  it("subgraphs (as a node and invoked inside a node) and conditional edges see the store and the context", async () => {
    const results = await outputs(async (lib, stores) => {
      const { StateGraph, START, END } = lib as any;
      const probe = (where: string) => async (_s: any, config: any) => {
        await config.store.put(["probe"], where, { context: config.context });
        return { seen: [where] };
      };
      const child = new StateGraph(state(lib)).addNode("child", probe("child")).addEdge(START, "child").addEdge("child", END).compile();
      const graph = new StateGraph(state(lib))
        .addNode("top", probe("top"))
        .addNode("sub", child)
        .addNode("calls", async (s: any, config: any) => {
          const out = await child.invoke({ seen: [] }, config);
          return { seen: out.seen.map((x: string) => `inner ${x}`) };
        })
        .addNode("end", probe("end"))
        .addEdge(START, "top")
        .addEdge("top", "sub")
        .addEdge("sub", "calls")
        .addConditionalEdges("calls", async (_s: any, config: any) => {
          await config.store.put(["probe"], "edge", { context: config.context });
          return "end";
        })
        .addEdge("end", END)
        .compile({ checkpointer: stores.checkpointer, store: stores.store });
      const out = await graph.invoke({ seen: [] }, { configurable: { thread_id: "s1" }, context: { user: "u", n: 2 } });
      const probes = (await stores.store.search(["probe"])).map((item: any) => [item.key, item.value.context]);
      return { seen: out.seen, probes };
    });
    const context = { user: "u", n: 2 };
    // The subgraph node returns its whole state, so the parent's reducer adds "top" again (LangGraph too).
    expectAllEqual(results, {
      seen: ["top", "top", "child", "inner child", "end"],
      probes: [
        ["top", context],
        ["child", context],
        ["edge", context],
        ["end", context],
      ],
    });
  });

  it("getStore() inside a node is the graph's store", async () => {
    const results = await outputs(async (lib, stores) => {
      const { StateGraph, START, END, getStore } = lib as any;
      const graph = new StateGraph(state(lib))
        .addNode("a", async () => {
          await getStore().put(["via-get-store"], "k", { ok: true });
          return {};
        })
        .addEdge(START, "a")
        .addEdge("a", END)
        .compile({ checkpointer: stores.checkpointer, store: stores.store });
      await graph.invoke({}, { configurable: { thread_id: "g1" } });
      return (await stores.store.get(["via-get-store"], "k"))?.value;
    });
    expectAllEqual(results, { ok: true });
    expect(() => replaygraph.getStore()).toThrow(replaygraph.StoreOutsideNodeError);
  });

  it("a run's config may name another store than the compiled one", async () => {
    const results = await outputs(async (lib, stores) => {
      const { StateGraph, START, END } = lib as any;
      const other = lib === langgraph ? new langgraph.InMemoryStore() : new replaygraph.InMemoryStore();
      const graph = new StateGraph(state(lib))
        .addNode("a", async (_s: any, config: any) => (await config.store.put(["n"], "k", { v: 1 }), {}))
        .addEdge(START, "a")
        .addEdge("a", END)
        .compile({ checkpointer: stores.checkpointer, store: stores.store });
      await graph.invoke({}, { configurable: { thread_id: "o1" }, store: other });
      return [(await other.get(["n"], "k"))?.value, await stores.store.get(["n"], "k")];
    });
    expectAllEqual(results, [{ v: 1 }, null]);
  });

  it("without a store or a context, config has no store and no context key", async () => {
    const results = await outputs(async (lib) => {
      const { StateGraph, START, END, MemorySaver } = lib as any;
      let keys: unknown;
      const graph = new StateGraph(state(lib))
        .addNode("a", (_s: any, config: any) => {
          keys = { store: "store" in config, context: "context" in config };
          return {};
        })
        .addEdge(START, "a")
        .addEdge("a", END)
        .compile({ checkpointer: new MemorySaver() });
      await graph.invoke({}, { configurable: { thread_id: "n1" } });
      return keys;
    });
    expectAllEqual(results, { store: false, context: false });
  });
});

describe("config.context, on LangGraph and replaygraph", () => {
  it("reaches nodes in invoke() and stream(), per run, and is not kept for the next run of the thread", async () => {
    const results = await outputs(async (lib, stores) => {
      const { StateGraph, START, END } = lib as any;
      const graph = new StateGraph(state(lib))
        .addNode("a", (_s: any, config: any) => ({ seen: [config.context ?? "none"] }))
        .addEdge(START, "a")
        .addEdge("a", END)
        .compile({ checkpointer: stores.checkpointer });
      const config = { configurable: { thread_id: "c1" } };
      const invoked = await graph.invoke({}, { ...config, context: { model: "small" } });
      const chunks: unknown[] = [];
      for await (const chunk of await graph.stream({}, { ...config, context: { model: "large" }, streamMode: "updates" })) chunks.push(chunk);
      const bare = await graph.invoke({}, config);
      return { invoked: invoked.seen, chunks, bare: bare.seen };
    });
    expectAllEqual(results, {
      invoked: [{ model: "small" }],
      chunks: [{ a: { seen: [{ model: "large" }] } }],
      bare: [{ model: "small" }, { model: "large" }, "none"],
    });
  });
});

describe("store writes and resumes", () => {
  it("a node re-executed for a resume repeats its store writes, as in LangGraph; replaygraph warns of it", async () => {
    const results = await outputs(async (lib, stores) => {
      const { StateGraph, START, END, Command, interrupt } = lib as any;
      const graph = new StateGraph(state(lib))
        .addNode("ask", async (_s: any, config: any) => {
          const before = await config.store.get(["counts"], "ask");
          await config.store.put(["counts"], "ask", { n: (before?.value.n ?? 0) + 1 });
          return { fact: interrupt("which?") };
        })
        .addEdge(START, "ask")
        .addEdge("ask", END)
        .compile({ checkpointer: stores.checkpointer, store: stores.store });
      const config = { configurable: { thread_id: "r1" } };
      await graph.invoke({}, config);
      const done = await graph.invoke(new Command({ resume: "tea" }), config);
      const warnings = (done.__warnings__ ?? []).map((w: any) => [w.kind, /a store put \(counts ask\)/.test(w.detail)]);
      return { fact: done.fact, writes: (await stores.store.get(["counts"], "ask")).value.n, warnings: lib === langgraph ? "n/a" : warnings };
    });
    expect(results["LangGraph"]).toEqual({ fact: "tea", writes: 2, warnings: "n/a" });
    for (const name of Object.keys(setups).filter((n) => n !== "LangGraph")) {
      expect.soft(results[name], name).toEqual({ fact: "tea", writes: 2, warnings: [["io-before-interrupt", true]] });
    }
  });

  it("a store write journaled with effect() runs once and is not warned of; store reads are not warned of", async () => {
    for (const [name, { lib, stores }] of Object.entries(setups).filter(([, setup]) => setup.lib === replaygraph)) {
      const made = stores();
      const { StateGraph, START, END, Command, interrupt, effect } = replaygraph;
      const graph = new StateGraph(state(lib))
        .addNode("ask", async (_s, config) => {
          // Typed as LangGraph's: a port that annotates `BaseStore` compiles unchanged.
          const typed: replaygraph.BaseStore = config.store!;
          await typed.search(["counts"]);
          await effect("count", async () => {
            const before = await config.store!.get(["counts"], "ask");
            await config.store!.put(["counts"], "ask", { n: (before?.value["n"] ?? 0) + 1 });
          });
          return { fact: interrupt("which?") };
        })
        .addEdge(START, "ask")
        .addEdge("ask", END)
        .compile({ checkpointer: made.checkpointer as replaygraph.EventStore, store: made.store });
      const config = { configurable: { thread_id: "e1" } };
      await graph.invoke({}, config);
      const done = await graph.invoke(new Command({ resume: "tea" }), config);
      expect.soft(done.__warnings__, name).toBeUndefined();
      expect.soft((await made.store.get(["counts"], "ask")).value.n, name).toBe(1);
      await made.close();
    }
  });
});

describe("SqliteStore across a restart", () => {
  it("a new store and event store on the same file find the memories and the threads written before", async () => {
    const file = join(directory, "restart.db");
    const first = { checkpointer: new SqliteEventStore(file), store: new SqliteStore(file), close: async () => {} };
    await memoryGraph(replaygraph, first).invoke({ fact: "likes tea" }, { configurable: { thread_id: "t1" }, context: { userId: "ann" } });
    await first.checkpointer.close();
    await first.store.close();

    const second = { checkpointer: new SqliteEventStore(file), store: new SqliteStore(file), close: async () => {} };
    const graph = memoryGraph(replaygraph, second);
    const later = await graph.invoke({}, { configurable: { thread_id: "t2" }, context: { userId: "ann" } });
    expect(later.recalled).toEqual(["likes tea"]);
    expect((await graph.getState({ configurable: { thread_id: "t1" } })).values).toMatchObject({ fact: "likes tea", recalled: ["likes tea"] });
    const item = await second.store.get(["memories", "ann"], "fact-9");
    expect(item).toMatchObject({ key: "fact-9", namespace: ["memories", "ann"], value: { text: "likes tea", length: 9 } });
    expect(item!.createdAt).toBeInstanceOf(Date);
    await second.checkpointer.close();
    await second.store.close();
  });
});

describe("the engine service", () => {
  it("gives the runs it executes the graph's store", async () => {
    const store = new replaygraph.InMemoryStore();
    // The service passes no per-run context yet (see the README): the user comes in configurable.
    const remember = new replaygraph.StateGraph(state(replaygraph))
      .addNode("remember", async (s, config) => {
        await config.store!.put(["memories", String(config.configurable["user_id"])], "fact", { text: s.fact });
        return {};
      })
      .addEdge(replaygraph.START, "remember")
      .compile({ store });
    const service = replaygraph.createEngine({ store: new replaygraph.MemorySaver(), graphs: { remember } });
    await service.runs.wait("t1", "remember", { input: { fact: "likes tea" }, ifNotExists: "create", config: { configurable: { user_id: "ann" } } });
    expect((await store.get(["memories", "ann"], "fact"))?.value).toEqual({ text: "likes tea" });
  });
});

describe("semantic search from a node, on LangGraph and replaygraph", () => {
  it("a node's search with a query ranks the memories by the index's embeddings", async () => {
    const { Embeddings } = await import("@langchain/core/embeddings");
    // Two dimensions: how much a text is about drinks, and about pets.
    class TopicEmbeddings extends Embeddings {
      constructor() {
        super({});
      }
      async embedDocuments(texts: string[]) {
        return texts.map((text) => this.vector(text));
      }
      async embedQuery(text: string) {
        return this.vector(text);
      }
      vector(text: string): number[] {
        const count = (words: string[]) => words.filter((word) => text.includes(word)).length;
        return [count(["tea", "coffee", "drink"]), count(["cat", "dog", "pet"])];
      }
    }
    const index = () => ({ dims: 2, embeddings: new TopicEmbeddings(), fields: ["text"] });
    const file = join(directory, "semantic-graph.db");
    const variants: Record<string, { lib: Lib; store: any; checkpointer: any }> = {
      LangGraph: { lib: langgraph, store: new langgraph.InMemoryStore({ index: index() }), checkpointer: new langgraph.MemorySaver() },
      "replaygraph, InMemoryStore": { lib: replaygraph, store: new replaygraph.InMemoryStore({ index: index() }), checkpointer: new replaygraph.MemorySaver() },
      "replaygraph, SqliteStore": { lib: replaygraph, store: new SqliteStore(file, { index: index() }), checkpointer: new SqliteEventStore(file) },
    };
    const results: Record<string, unknown> = {};
    for (const [name, { lib, store, checkpointer }] of Object.entries(variants)) {
      const { StateGraph, START, END } = lib as any;
      const graph = new StateGraph(state(lib))
        .addNode("recall", async (s: any, config: any) => {
          for (const [key, text] of [
            ["a", "has a cat"],
            ["b", "drinks tea"],
            ["c", "a dog and a cat"],
          ])
            await config.store.put(["m"], key, { text });
          const found = await config.store.search(["m"], { query: s.fact, limit: 2 });
          return { recalled: found.map((item: any) => [item.key, Math.round(item.score * 1000) / 1000]) };
        })
        .addEdge(START, "recall")
        .addEdge("recall", END)
        .compile({ checkpointer, store });
      results[name] = (await graph.invoke({ fact: "pet" }, { configurable: { thread_id: "q1" } })).recalled;
      await store.close?.();
      await checkpointer.close?.();
    }
    expectAllEqual(results, [
      ["a", 1],
      ["c", 1],
    ]);
  });
});

describe("verify", () => {
  it("re-executes store-using nodes with the store and context it is given (none by default)", async () => {
    const store = new replaygraph.InMemoryStore();
    const graph = memoryGraph(replaygraph, { checkpointer: new replaygraph.MemorySaver(), store, close: async () => {} });
    await graph.invoke({ fact: "likes tea" }, { configurable: { thread_id: "v1" }, context: { userId: "ann" } });
    expect((await replaygraph.verify(graph, "v1")).ok).toBe(false);
    // The memory the run wrote is in the store now, as it was when "recall" read it.
    expect(await replaygraph.verify(graph, "v1", { store, context: { userId: "ann" } })).toMatchObject({ ok: true });
  });
});
