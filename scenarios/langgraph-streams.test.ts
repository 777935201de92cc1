// Differential: the chunks of graph.stream() in each mode, on LangGraph JS 1.7.3 and on
// replaygraph (memory and SQLite), equal once ids and timestamps are normalized.
import * as langgraph from "@langchain/langgraph";
import * as replaygraph from "replaygraph";
import { afterEach, describe, expect, it } from "vitest";
import { createIdNormalizer } from "./testing/normalize-ids.js";
import { storeFixtures, type StoreUnderTest } from "./testing/store-fixtures.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Library = any;

function askGraph(lib: Library, checkpointer: unknown) {
  const State = lib.Annotation.Root({ log: lib.Annotation({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }) });
  return new lib.StateGraph(State)
    .addNode("a", () => ({ log: ["a"] }))
    .addNode("ask", () => ({ log: [String(lib.interrupt("ok?"))] }))
    .addEdge(lib.START, "a")
    .addEdge("a", "ask")
    .addEdge("ask", lib.END)
    .compile({ checkpointer });
}

/** Fan-out to two nodes and back, with a static breakpoint before the join. */
function fanOutGraph(lib: Library, checkpointer: unknown) {
  const State = lib.Annotation.Root({ log: lib.Annotation({ reducer: (a: string[], b: string[]) => a.concat(b), default: () => [] }) });
  return new lib.StateGraph(State)
    .addNode("p", () => ({ log: ["p"] }))
    .addNode("q", () => ({ log: ["q"] }))
    .addNode("join", () => ({ log: ["join"] }))
    .addEdge(lib.START, "p")
    .addEdge(lib.START, "q")
    .addEdge("p", "join")
    .addEdge("q", "join")
    .addEdge("join", lib.END)
    .compile({ checkpointer, interruptBefore: ["join"] });
}

/**
 * LangGraph puts the whole runnable config (LangSmith metadata, recursion limit, tags) into a
 * checkpoint event's config, and LangSmith metadata into a task event: not part of the shape
 * compared (a listed departure). Everything else is.
 */
function withoutRunnableConfig(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutRunnableConfig);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if ((key === "config" || key === "parentConfig") && item && typeof item === "object") {
      out[key] = { configurable: (item as { configurable: unknown }).configurable };
    } else if (key === "metadata" && item && typeof item === "object" && "ls_integration" in item) continue;
    else out[key] = withoutRunnableConfig(item);
  }
  return out;
}

async function chunksOf(graph: Library, input: unknown, thread: string, streamMode?: unknown): Promise<unknown[]> {
  const chunks: unknown[] = [];
  const config = { configurable: { thread_id: thread }, ...(streamMode === undefined ? {} : { streamMode }) };
  for await (const chunk of await graph.stream(input, config)) chunks.push(chunk);
  return chunks;
}

const modes: Record<string, unknown> = {
  "no streamMode (LangGraph's default for a StateGraph: updates)": undefined,
  values: "values",
  updates: "updates",
  debug: "debug",
  tasks: "tasks",
  checkpoints: "checkpoints",
  "[values, updates, checkpoints]": ["values", "updates", "checkpoints"],
  "[debug]": ["debug"],
};

/** A pause, its answer, and a second input on the same thread: every chunk of each. */
async function program(lib: Library, checkpointer: unknown, streamMode: unknown): Promise<unknown[]> {
  const graph = askGraph(lib, checkpointer);
  return [
    await chunksOf(graph, {}, "s", streamMode),
    await chunksOf(graph, new lib.Command({ resume: "yes" }), "s", streamMode),
    await chunksOf(graph, { log: ["again"] }, "s", streamMode),
  ];
}

/** A fan-out that stops at a breakpoint, then goes on with invoke(null). */
async function breakpointProgram(lib: Library, checkpointer: unknown, streamMode: unknown): Promise<unknown[]> {
  const graph = fanOutGraph(lib, checkpointer);
  return [await chunksOf(graph, { log: ["in"] }, "b", streamMode), await chunksOf(graph, null, "b", streamMode)];
}

for (const fixture of storeFixtures.filter((f) => f.name !== "eventstoredb")) {
  describe(`graph.stream() chunks as LangGraph yields them (replaygraph on ${fixture.name})`, () => {
    let opened: StoreUnderTest | undefined;
    afterEach(async () => {
      await opened?.cleanup();
      opened = undefined;
    });

    for (const [name, streamMode] of Object.entries(modes)) {
      it(name, async () => {
        opened = await fixture.create();
        const expected = createIdNormalizer()(withoutRunnableConfig(await program(langgraph, new langgraph.MemorySaver(), streamMode)));
        const actual = createIdNormalizer()(withoutRunnableConfig(await program(replaygraph, opened.store, streamMode)));
        expect(actual).toEqual(expected);
      });

      it(`${name}: a fan-out that stops at a static breakpoint`, async () => {
        opened = await fixture.create();
        const expected = createIdNormalizer()(withoutRunnableConfig(await breakpointProgram(langgraph, new langgraph.MemorySaver(), streamMode)));
        const actual = createIdNormalizer()(withoutRunnableConfig(await breakpointProgram(replaygraph, opened.store, streamMode)));
        expect(actual).toEqual(expected);
      });
    }
  });
}
