import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as langgraph from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import * as replaygraph from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { describe, expect, it } from "vitest";

// Differential: a doubly nested subgraph pauses its grandparent twice, once on an interrupt() in the
// grandchild and once at a breakpoint compiled into the child; each pause is resumed on a fresh
// graph over a reopened store (on SQLite a new handle of the file: a restarted process), so the
// subgraphs' state must come back from what the store holds. Run on LangGraph 1.7 (MemorySaver,
// SqliteSaver) and replaygraph (memory, SQLite); what a user observes must be the same.

interface Side {
  readonly name: "langgraph" | "replaygraph";
  readonly lib: any;
  checkpointer: any;
  /** A new checkpointer on the same data (the memory ones are the same object). */
  reopen(): any;
  cleanup(): Promise<void>;
}

async function sqliteFile() {
  const dir = await mkdtemp(join(tmpdir(), "replaygraph-nested-"));
  return { path: join(dir, "threads.db"), remove: () => rm(dir, { recursive: true, force: true }) };
}

const stores = {
  memory: {
    langgraph: async (): Promise<Side> => {
      const saver = new langgraph.MemorySaver();
      return { name: "langgraph", lib: langgraph, checkpointer: saver, reopen: () => saver, cleanup: async () => undefined };
    },
    replaygraph: async (): Promise<Side> => {
      const store = new replaygraph.MemorySaver();
      return { name: "replaygraph", lib: replaygraph, checkpointer: store, reopen: () => store, cleanup: async () => undefined };
    },
  },
  sqlite: {
    langgraph: async (): Promise<Side> => {
      const file = await sqliteFile();
      return { name: "langgraph", lib: langgraph, checkpointer: SqliteSaver.fromConnString(file.path), reopen: () => SqliteSaver.fromConnString(file.path), cleanup: file.remove };
    },
    replaygraph: async (): Promise<Side> => {
      const file = await sqliteFile();
      const opened: SqliteEventStore[] = [new SqliteEventStore(file.path)];
      return {
        name: "replaygraph",
        lib: replaygraph,
        checkpointer: opened[0],
        reopen: () => {
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

/** The program, written once against LangGraph's names; returns everything it observed. */
async function program(side: Side): Promise<unknown> {
  const { StateGraph, Annotation, START, END, Command, interrupt } = side.lib;
  const ran: string[] = [];
  const State = Annotation.Root({ log: Annotation({ reducer: (a: string[], b: string[]) => [...a, ...b], default: () => [] }) });
  const build = (checkpointer: unknown) => {
    const grandchild = new StateGraph(State)
      .addNode("ask", () => {
        ran.push("ask");
        const name = interrupt("What's your name?");
        return { log: [`name:${name}`] };
      })
      .addEdge(START, "ask")
      .addEdge("ask", END)
      .compile();
    const child = new StateGraph(State)
      .addNode("grandchild", grandchild)
      .addNode("review", () => {
        ran.push("review");
        return { log: ["reviewed"] };
      })
      .addEdge(START, "grandchild")
      .addEdge("grandchild", "review")
      .addEdge("review", END)
      .compile({ interruptBefore: ["review"] });
    return new StateGraph(State)
      .addNode("before", () => {
        ran.push("before");
        return { log: ["before"] };
      })
      .addNode("child", child)
      .addNode("after", () => {
        ran.push("after");
        return { log: ["after"] };
      })
      .addEdge(START, "before")
      .addEdge("before", "child")
      .addEdge("child", "after")
      .addEdge("after", END)
      .compile({ checkpointer });
  };
  const config = { configurable: { thread_id: "nested-1" } };
  const withoutIds = (output: any) => ({ ...output, ...(output.__interrupt__ ? { __interrupt__: output.__interrupt__.map((i: any) => i.value) } : {}) });
  const observeState = async (graph: any) => {
    const state = await graph.getState(config);
    return { values: state.values, next: state.next, tasks: state.tasks.map((task: any) => ({ name: task.name, interrupts: task.interrupts.map((i: any) => i.value) })) };
  };

  const first = build(side.checkpointer);
  const paused = withoutIds(await first.invoke({ log: [] }, config));
  const pausedState = await observeState(first);

  // A restarted process: a new graph on a new handle of the store answers the grandchild's question.
  const second = build(side.reopen());
  const reopenedState = await observeState(second);
  const chunks: unknown[] = [];
  for await (const chunk of await second.stream(new Command({ resume: "Ada" }), { ...config, subgraphs: true })) {
    const [namespace, update] = chunk as [string[], Record<string, unknown>];
    // Namespaces hold task ids, which differ between the libraries: compare the node names.
    chunks.push([namespace.map((element) => element.split(":")[0]), update.__interrupt__ ? { __interrupt__: (update.__interrupt__ as any[]).map((i) => i.value) } : update]);
  }
  const atBreakpoint = await observeState(second);

  // Another restart: invoke(null) passes the child's breakpoint.
  const third = build(side.reopen());
  const done = withoutIds(await third.invoke(null, config));
  const doneState = await observeState(third);
  return { paused, pausedState, reopenedState, chunks, atBreakpoint, done, doneState, ran };
}

describe.each(Object.entries(stores))("a nested interrupt and a subgraph's breakpoint, resumed on a reopened store, on %s", (_store, sides) => {
  it("replaygraph shows what LangGraph shows: the pauses, the state, the subgraph stream, the re-runs", async () => {
    const observed: unknown[] = [];
    for (const open of [sides.langgraph, sides.replaygraph]) {
      const side = await open();
      try {
        observed.push(await program(side));
      } finally {
        await side.cleanup();
      }
    }
    const [onLangGraph, onReplaygraph] = observed as any[];
    // The one departure (README): paused again at the child's breakpoint after its question was
    // answered, LangGraph's task still lists the answered question; replaygraph lists only
    // questions that wait for an answer.
    expect(onLangGraph.atBreakpoint.tasks).toEqual([{ name: "child", interrupts: ["What's your name?"] }]);
    expect(onReplaygraph.atBreakpoint.tasks).toEqual([{ name: "child", interrupts: [] }]);
    const answeredShown = (observed: any) => ({ ...observed, atBreakpoint: { ...observed.atBreakpoint, tasks: observed.atBreakpoint.tasks.map((task: any) => task.name) } });
    expect(answeredShown(onReplaygraph)).toEqual(answeredShown(onLangGraph));
    // And what that is, so a change on both sides is seen too.
    expect(onReplaygraph).toMatchObject({
      paused: { log: ["before"], __interrupt__: ["What's your name?"] },
      // Each level's reducer appends the whole list its subgraph returns (LangGraph's semantics).
      done: { log: ["before", "before", "before", "name:Ada", "reviewed", "after"] },
      ran: ["before", "ask", "ask", "review", "after"],
    });
  });
});
