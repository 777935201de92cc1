// Differential: the same programs on LangGraph JS 1.7.3 and on replaygraph (memory and SQLite);
// what getState / getStateHistory show must be equal once ids and timestamps are normalized.
import * as langgraph from "@langchain/langgraph";
import * as replaygraph from "replaygraph";
import { afterEach, describe, expect, it } from "vitest";
import { createIdNormalizer } from "./testing/normalize-ids.js";
import { storeFixtures, type StoreUnderTest } from "./testing/store-fixtures.js";

// Both libraries' public surfaces, as one loosely typed shape: the programs below are plain JS.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Library = any;
type Snapshot = { config: unknown; metadata?: { source?: string }; next: readonly string[]; values: Record<string, unknown> };

const libraries = { langgraph: langgraph as Library, replaygraph: replaygraph as Library };

function interviewGraph(lib: Library, checkpointer: unknown) {
  const State = lib.Annotation.Root({
    topic: lib.Annotation(),
    log: lib.Annotation({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }),
  });
  return new lib.StateGraph(State)
    .addNode("a", (s: { topic: string }) => ({ log: [`a:${s.topic}`] }))
    .addNode("h", () => ({ log: [`h:${lib.interrupt("question")}`] }))
    .addNode("c", () => ({ log: ["c"] }))
    .addEdge(lib.START, "a")
    .addEdge("a", "h")
    .addEdge("h", "c")
    .addEdge("c", lib.END)
    .compile({ checkpointer });
}

function fanOutGraph(lib: Library, checkpointer: unknown) {
  const State = lib.Annotation.Root({ log: lib.Annotation({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }) });
  return new lib.StateGraph(State)
    .addNode("p", () => ({ log: [`p:${lib.interrupt("p?")}`] }))
    .addNode("q", () => ({ log: [`q:${lib.interrupt("q?")}`] }))
    .addNode("r", () => ({ log: ["r"] }))
    .addNode("join", () => ({ log: ["join"] }))
    .addEdge(lib.START, "p")
    .addEdge(lib.START, "q")
    .addEdge(lib.START, "r")
    .addEdge(["p", "q", "r"], "join")
    .addEdge("join", lib.END)
    .compile({ checkpointer });
}

const config = (thread: string) => ({ configurable: { thread_id: thread } });

async function historyOf(graph: Library, cfg: unknown, options?: unknown): Promise<Snapshot[]> {
  const all: Snapshot[] = [];
  for await (const snapshot of graph.getStateHistory(cfg, options)) all.push(snapshot);
  return all;
}

/** What a user observes of a program: every getState and getStateHistory result, normalized. */
type Program = (lib: Library, checkpointer: unknown) => Promise<unknown[]>;

const programs: Record<string, Program> = {
  "an interrupt, its answer, then a second input": async (lib, checkpointer) => {
    const graph = interviewGraph(lib, checkpointer);
    const seen: unknown[] = [];
    await graph.invoke({ topic: "t" }, config("p1"));
    seen.push(await graph.getState(config("p1")));
    await graph.invoke(new lib.Command({ resume: "yes" }), config("p1"));
    seen.push(await graph.getState(config("p1")));
    await graph.invoke({ topic: "u" }, config("p1"));
    const history = await historyOf(graph, config("p1"));
    seen.push(history);
    for (const snapshot of history) seen.push(await graph.getState(snapshot.config));
    return seen;
  },

  "time travel, an update of a past checkpoint, a __copy__ fork": async (lib, checkpointer) => {
    const graph = interviewGraph(lib, checkpointer);
    const seen: unknown[] = [];
    await graph.invoke({ topic: "t" }, config("p2"));
    await graph.invoke(new lib.Command({ resume: "first" }), config("p2"));
    const paused = (await historyOf(graph, config("p2"))).find((s) => s.next.includes("h"))!;
    seen.push(await graph.invoke(null, paused.config));
    seen.push(await graph.invoke(new lib.Command({ resume: "second" }), config("p2")));
    seen.push(await historyOf(graph, config("p2")));
    const forked = await graph.updateState(paused.config, { topic: "edited" });
    seen.push(await graph.getState(forked));
    const copied = await graph.updateState(paused.config, undefined, "__copy__");
    seen.push(await graph.getState(copied));
    seen.push(await graph.invoke(null, copied));
    seen.push(await historyOf(graph, config("p2")));
    return seen;
  },

  "updates: as a node, as END, on a fresh thread": async (lib, checkpointer) => {
    const graph = interviewGraph(lib, checkpointer);
    const seen: unknown[] = [];
    await graph.invoke({ topic: "t" }, config("p3"));
    seen.push(await graph.updateState(config("p3"), { log: ["human"] }, "h"));
    seen.push(await graph.getState(config("p3")));
    seen.push(await graph.invoke(null, config("p3")));
    await graph.invoke({ topic: "t2" }, config("p3b"));
    await graph.updateState(config("p3b"), null, lib.END);
    seen.push(await historyOf(graph, config("p3b")));
    await graph.updateState(config("p3c"), { topic: "fresh" }, "a");
    seen.push(await historyOf(graph, config("p3c")));
    return seen;
  },

  "history options: limit, before, filter": async (lib, checkpointer) => {
    const graph = interviewGraph(lib, checkpointer);
    await graph.invoke({ topic: "t" }, config("p4"));
    await graph.invoke(new lib.Command({ resume: "y" }), config("p4"));
    await graph.updateState(config("p4"), { topic: "edited" });
    const all = await historyOf(graph, config("p4"));
    return [
      all,
      await historyOf(graph, config("p4"), { limit: 2 }),
      await historyOf(graph, config("p4"), { before: all[2]!.config }),
      await historyOf(graph, config("p4"), { before: all[2]!.config, limit: 1 }),
      await historyOf(graph, config("p4"), { filter: { source: "loop" } }),
      await historyOf(graph, config("p4"), { filter: { source: "input", step: -1 } }),
      await historyOf(graph, config("p4"), { filter: { source: "update" }, limit: 1 }),
    ];
  },

  "bulkUpdateState: supersteps of one update each, then the run goes on": async (lib, checkpointer) => {
    const graph = interviewGraph(lib, checkpointer);
    await graph.invoke({ topic: "t" }, config("p6"));
    const seen: unknown[] = [];
    const last = await graph.bulkUpdateState(config("p6"), [
      { updates: [{ values: { log: ["edited a"] }, asNode: "a" }] },
      { updates: [{ values: { log: ["human h"] }, asNode: "h" }] },
    ]);
    seen.push(await graph.getState(last));
    seen.push(await graph.invoke(null, config("p6")));
    seen.push(await historyOf(graph, config("p6")));
    return seen;
  },

  "parallel interrupts answered by id: every answered question stays on its task": async (lib, checkpointer) => {
    const graph = fanOutGraph(lib, checkpointer);
    const seen: unknown[] = [];
    await graph.invoke({}, config("p5"));
    const paused = await graph.getState(config("p5"));
    seen.push(paused);
    const ids = (paused as { tasks: { name: string; interrupts: { id: string }[] }[] }).tasks.flatMap((task) =>
      task.interrupts.map((i) => [i.id, `${task.name}!`]),
    );
    seen.push(await graph.invoke(new lib.Command({ resume: Object.fromEntries(ids) }), config("p5")));
    seen.push(await historyOf(graph, config("p5")));
    return seen;
  },
};

/**
 * `__input__` writes values as the graph's input. LangGraph keeps them pending on an input
 * checkpoint until `__start__` runs; replaygraph applies them at once (a listed departure), so
 * what is compared is what the run does with them and the checkpoint's source.
 */
const inputUpdate: Program = async (lib, checkpointer) => {
  const graph = interviewGraph(lib, checkpointer);
  const updated = await graph.bulkUpdateState(config("p7"), [{ updates: [{ values: { topic: "in" }, asNode: "__input__" }] }]);
  const source = (await graph.getState(updated)).metadata.source;
  const paused = await graph.invoke(null, config("p7"));
  return [source, paused, await graph.invoke(new lib.Command({ resume: "ok" }), config("p7"))];
};

for (const fixture of storeFixtures.filter((f) => f.name !== "eventstoredb")) {
  describe(`getState and getStateHistory as LangGraph shows them (replaygraph on ${fixture.name})`, () => {
    let opened: StoreUnderTest | undefined;
    afterEach(async () => {
      await opened?.cleanup();
      opened = undefined;
    });

    for (const [name, program] of Object.entries(programs)) {
      it(name, async () => {
        opened = await fixture.create();
        const expected = createIdNormalizer()(await program(libraries.langgraph, new langgraph.MemorySaver()));
        const actual = createIdNormalizer()(await program(libraries.replaygraph, opened.store));
        expect(actual).toEqual(expected);
      });
    }

    it("bulkUpdateState as __input__: the run takes the values as its input", async () => {
      opened = await fixture.create();
      const expected = createIdNormalizer()(await inputUpdate(libraries.langgraph, new langgraph.MemorySaver()));
      const actual = createIdNormalizer()(await inputUpdate(libraries.replaygraph, opened.store));
      expect(actual).toEqual(expected);
    });
  });
}
