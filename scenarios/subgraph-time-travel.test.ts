import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as langgraph from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import * as replaygraph from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { describe, expect, it } from "vitest";

// Differential: time travel into and around stateful subgraphs, on LangGraph 1.7 (MemorySaver,
// SqliteSaver) and replaygraph (memory, SQLite). A subgraph's checkpoint config (from getState of
// the subgraph) is replayed and forked with updateState; the parent is replayed from a past
// checkpoint, which takes its stateful subgraph back to its state as of then. Every step runs on
// a fresh graph over a reopened store (on SQLite a new handle: a restarted process).

interface Side {
  readonly lib: any;
  /** A checkpointer on the side's data (a new handle each call on SQLite). */
  open(): any;
  cleanup(): Promise<void>;
}

async function sqliteFile() {
  const dir = await mkdtemp(join(tmpdir(), "replaygraph-subgraph-tt-"));
  return { path: join(dir, "threads.db"), remove: () => rm(dir, { recursive: true, force: true }) };
}

const stores = {
  memory: {
    langgraph: async (): Promise<Side> => {
      const saver = new langgraph.MemorySaver();
      return { lib: langgraph, open: () => saver, cleanup: async () => undefined };
    },
    replaygraph: async (): Promise<Side> => {
      const store = new replaygraph.MemorySaver();
      return { lib: replaygraph, open: () => store, cleanup: async () => undefined };
    },
  },
  sqlite: {
    langgraph: async (): Promise<Side> => {
      const file = await sqliteFile();
      return { lib: langgraph, open: () => SqliteSaver.fromConnString(file.path), cleanup: file.remove };
    },
    replaygraph: async (): Promise<Side> => {
      const file = await sqliteFile();
      const opened: SqliteEventStore[] = [];
      return {
        lib: replaygraph,
        open: () => {
          const store = new SqliteEventStore(file.path);
          opened.push(store);
          return store;
        },
        cleanup: async () => {
          for (const store of opened) await store.close();
          await file.remove();
        },
      };
    },
  },
};

const collect = async (iterable: AsyncIterable<any>) => {
  const out: any[] = [];
  for await (const item of iterable) out.push(item);
  return out;
};

/** A parent whose stateful subgraph asks two questions; replays and forks the subgraph's checkpoint. */
async function intoTheSubgraph(side: Side): Promise<unknown> {
  const { StateGraph, Annotation, START, END, Command, interrupt } = side.lib;
  const called: string[] = [];
  const State = Annotation.Root({ value: Annotation({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }) });
  const build = () => {
    const asking = (name: string, question: string) => () => {
      called.push(name);
      return { value: [`${name}:${interrupt(question)}`] };
    };
    const executor = new StateGraph(State)
      .addNode("step_a", () => {
        called.push("step_a");
        return { value: ["step_a_done"] };
      })
      .addNode("ask_1", asking("ask_1", "Question 1?"))
      .addNode("ask_2", asking("ask_2", "Question 2?"))
      .addEdge(START, "step_a")
      .addEdge("step_a", "ask_1")
      .addEdge("ask_1", "ask_2")
      .addEdge("ask_2", END)
      .compile({ checkpointer: true });
    return new StateGraph(State).addNode("executor", executor).addEdge(START, "executor").compile({ checkpointer: side.open() });
  };
  const config = { configurable: { thread_id: "tt" } };
  const questions = (output: any) => (output.__interrupt__ ?? []).map((i: any) => i.value);
  const observed: Record<string, unknown> = {};
  const ran = async (name: string, work: () => Promise<any>) => {
    called.length = 0;
    const output = await work();
    observed[name] = { questions: questions(output), values: output.value, called: [...called] };
    return output;
  };

  await ran("first", () => build().invoke({ value: [] }, config));
  const atFirst = (await build().getState({ configurable: { thread_id: "tt", checkpoint_ns: "executor" } }, { subgraphs: true })).config;
  observed.atFirstNs = atFirst.configurable.checkpoint_ns;
  observed.atFirstMapKeys = Object.keys(atFirst.configurable.checkpoint_map).sort();
  await ran("answer1", () => build().invoke(new Command({ resume: "a1" }), config));
  await ran("answer2", () => build().invoke(new Command({ resume: "a2" }), config));

  await ran("replay", () => build().invoke(null, atFirst));
  const forkConfig = await build().updateState(atFirst, { value: ["forked"] });
  observed.forkNs = forkConfig.configurable.checkpoint_ns;
  await ran("fork", () => build().invoke(null, forkConfig));
  await ran("forkAnswer1", () => build().invoke(new Command({ resume: "n1" }), config));
  await ran("forkAnswer2", () => build().invoke(new Command({ resume: "n2" }), config));
  const history = await collect(build().getStateHistory(config));
  observed.history = history.map((s: any) => [s.metadata?.source, s.next, s.values]);
  return observed;
}

/** A parent that runs its stateful subgraph twice, then replays from before the second call. */
async function parentTravels(side: Side): Promise<unknown> {
  const { StateGraph, Annotation, START } = side.lib;
  const seen: string[][] = [];
  const Sub = Annotation.Root({ trail: Annotation({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }) });
  const Parent = Annotation.Root({ results: Annotation({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }) });
  const build = () => {
    const sub = new StateGraph(Sub)
      .addNode("sub_step", (state: any) => {
        seen.push([...state.trail]);
        return { trail: ["s"] };
      })
      .addEdge(START, "sub_step")
      .compile({ checkpointer: true });
    return new StateGraph(Parent)
      .addNode("parent_node", () => ({ results: ["p"] }))
      .addNode("sub_node", sub)
      .addEdge(START, "parent_node")
      .addEdge("parent_node", "sub_node")
      .compile({ checkpointer: side.open() });
  };
  const config = { configurable: { thread_id: "parent-tt" } };
  await build().invoke({ results: [] }, config);
  await build().invoke({ results: [] }, config);
  const history = await collect(build().getStateHistory(config));
  const beforeSecond = history.find((s: any) => s.next.includes("parent_node"));
  const beforeFirst = history.filter((s: any) => s.next.includes("sub_node")).at(-1);
  seen.length = 0;
  await build().invoke(null, beforeSecond.config);
  const replayedSecond = [...seen];
  seen.length = 0;
  await build().invoke(null, beforeFirst.config);
  const replayedFirst = [...seen];
  seen.length = 0;
  const forked = await build().updateState(beforeSecond.config, { results: ["forked"] });
  await build().invoke(null, forked);
  const afterUpdate = [...seen];
  seen.length = 0;
  await build().invoke({ results: [] }, config);
  // The subgraph's history: how many checkpoints, and which of the parent's each one names as its parent.
  const parentIds = (await collect(build().getStateHistory(config))).map((s: any) => s.config.configurable.checkpoint_id);
  const subHistory = await collect(build().getStateHistory({ configurable: { thread_id: "parent-tt", checkpoint_ns: "sub_node" } }));
  return {
    replayedSecond,
    replayedFirst,
    afterUpdate,
    next: [...seen],
    // A subgraph taken back by its parent's time travel shows a `fork` checkpoint here, none on LangGraph (a departure, see the README).
    subHistory: subHistory
      .filter((s: any) => s.metadata?.source !== "fork")
      .map((s: any) => [s.metadata?.source, s.values.trail.length, parentIds.indexOf(s.metadata?.parents?.[""])]),
  };
}

describe.each(Object.entries(stores))("time travel into and around stateful subgraphs, on %s", (_store, sides) => {
  it("rules 34, 35: replaying and forking a subgraph's checkpoint: replaygraph shows what LangGraph shows", async () => {
    const observed: unknown[] = [];
    for (const open of [sides.langgraph, sides.replaygraph]) {
      const side = await open();
      try {
        observed.push(await intoTheSubgraph(side));
      } finally {
        await side.cleanup();
      }
    }
    expect(observed[1]).toEqual(observed[0]);
    expect(observed[1]).toMatchObject({
      replay: { questions: ["Question 1?"], called: ["ask_1"] },
      fork: { questions: ["Question 1?"], called: ["ask_1"] },
      forkAnswer2: { values: ["step_a_done", "forked", "ask_1:n1", "ask_2:n2"] },
    });
  });

  it("rule 36: a parent's replay takes its stateful subgraph back to its state then: replaygraph shows what LangGraph shows", async () => {
    const observed: unknown[] = [];
    for (const open of [sides.langgraph, sides.replaygraph]) {
      const side = await open();
      try {
        observed.push(await parentTravels(side));
      } finally {
        await side.cleanup();
      }
    }
    expect(observed[1]).toEqual(observed[0]);
    expect(observed[1]).toMatchObject({ replayedSecond: [["s"]], replayedFirst: [[]], afterUpdate: [["s"]] });
  });
});
