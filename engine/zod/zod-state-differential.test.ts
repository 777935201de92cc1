/**
 * Zod states, differential: the same programs, written once against LangGraph's names, run on
 * LangGraph JS 1.7.3 (`@langchain/langgraph` + `@langchain/langgraph/zod`) and on replaygraph
 * (`replaygraph` + `replaygraph/zod`), on a memory and a SQLite checkpointer. What a user observes
 * must be equal: outputs, getState, the history (values, next, step, source), and the errors of
 * refused inputs, writes and contexts (their class name and zod's issues: key, code, message).
 * On SQLite, replaygraph's thread is then rebuilt from a fresh handle of the file (a new
 * process) and must equal the live one.
 */
import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import * as langgraph from "@langchain/langgraph";
import * as langgraphZod from "@langchain/langgraph/zod";
import * as langgraphZodSchema from "@langchain/langgraph/zod/schema";
import * as replaygraph from "replaygraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import * as replaygraphZod from "replaygraph/zod";
import * as replaygraphZodSchema from "replaygraph/zod/schema";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { z as z3 } from "zod/v3";
import { expectReplayMatchesLive } from "../../scenarios/testing/expect-replay-matches-live.js";
import { observeBoth, parityStores, type LibrarySide } from "../../scenarios/testing/langgraph-sides.js";

/** A side with its library's zod module. */
function zodOf(side: LibrarySide): any {
  return side.name === "langgraph" ? langgraphZod : replaygraphZod;
}

const config = (threadId: string, extra: Record<string, unknown> = {}) => ({ configurable: { thread_id: threadId }, ...extra });

/** What a refusal shows: the error's class name and zod's issues. */
async function refusal(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
    return "accepted";
  } catch (error) {
    const { name, issues } = error as { name: string; issues?: { path: unknown; code: string; message: string }[] };
    return { name, issues: issues?.map(({ path, code, message }) => ({ path, code, message })) };
  }
}

async function historyOf(graph: any, threadId: string): Promise<unknown[]> {
  const all: unknown[] = [];
  for await (const snapshot of graph.getStateHistory(config(threadId))) {
    all.push({ values: snapshot.values, next: snapshot.next, step: snapshot.metadata?.step, source: snapshot.metadata?.source });
  }
  return all;
}

async function stateOf(graph: any, threadId: string): Promise<unknown> {
  const snapshot = await graph.getState(config(threadId));
  return { values: snapshot.values, next: snapshot.next };
}

/** A state with a registry reducer and default, a registered last-value default, a zod `.default()` and a checked string. */
function notesState(side: LibrarySide) {
  const { registry } = zodOf(side);
  return z.object({
    topic: z.string().min(3),
    notes: z.array(z.string()).register(registry, {
      reducer: { fn: (a: string[], b: string | string[]) => a.concat(b), schema: z.union([z.string(), z.array(z.string())]) },
      default: () => ["start"],
    }),
    status: z.string().register(registry, { default: () => "new" }),
    rounds: z.number().int().default(1),
  });
}

function notesGraph(side: LibrarySide, checkpointer: unknown = side.checkpointer) {
  const { StateGraph, START, END } = side.lib;
  return new StateGraph(notesState(side))
    .addNode("draft", (state: any) => ({ notes: `draft on ${state.topic}`, status: "drafted" }))
    .addNode("review", (state: any) => ({ notes: [`reviewed ${state.notes.length}`], rounds: state.rounds + 1 }))
    .addEdge(START, "draft")
    .addEdge("draft", "review")
    .addEdge("review", END)
    .compile({ checkpointer });
}

describe.each(parityStores)("zod states on $store, LangGraph 1.7.3 and replaygraph side by side", (store) => {
  it("new StateGraph(z.object(...)): registry reducers and defaults, zod defaults, output, getState and history", async () => {
    const observed = await observeBoth(store, async (side) => {
      const graph = notesGraph(side);
      const output = await graph.invoke({ topic: "zod" }, config("t1"));
      const second = await graph.invoke({ topic: "more", notes: ["given"] }, config("t1"));
      return { output, second, state: await stateOf(graph, "t1"), history: await historyOf(graph, "t1") };
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
    expect((observed.replaygraph as any).output).toEqual({ topic: "zod", notes: ["start", "draft on zod", "reviewed 2"], status: "drafted", rounds: 2 });
  });

  it("refuses a bad input with zod's error naming the key, before anything is written", async () => {
    const observed = await observeBoth(store, async (side) => {
      const graph = notesGraph(side);
      const tooShort = await refusal(() => graph.invoke({ topic: "z" }, config("bad")));
      const wrongType = await refusal(() => graph.invoke({ topic: "zod", notes: [1] }, config("bad")));
      const notInt = await refusal(() => graph.invoke({ topic: "zod", rounds: 1.5 }, config("bad")));
      return { tooShort, wrongType, notInt, state: await stateOf(graph, "bad"), history: await historyOf(graph, "bad") };
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
    expect((observed.replaygraph as any).tooShort).toEqual({
      name: "$ZodError",
      issues: [{ path: ["topic"], code: "too_small", message: "Too small: expected string to have >=3 characters" }],
    });
    expect((observed.replaygraph as any).history).toEqual([]);
  });

  it("a node's write is parsed by its key's schema: a bad one fails the run with zod's error", async () => {
    const observed = await observeBoth(store, async (side) => {
      const { StateGraph, START } = side.lib;
      const graph = new StateGraph(notesState(side))
        .addNode("ok", () => ({ status: "fine" }))
        .addNode("broken", () => ({ rounds: "three" }))
        .addEdge(START, "ok")
        .addEdge("ok", "broken")
        .compile({ checkpointer: side.checkpointer });
      const failed = await refusal(() => graph.invoke({ topic: "writes" }, config("w")));
      return { failed, state: await stateOf(graph, "w") };
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
    expect((observed.replaygraph as any).failed).toMatchObject({ name: "$ZodError", issues: [{ path: ["rounds"], code: "invalid_type" }] });
  });

  it("what nodes write is what the schema parsed: streamed updates and values show trimmed strings and coerced numbers", async () => {
    const observed = await observeBoth(store, async (side) => {
      const { StateGraph, START } = side.lib;
      const State = z.object({ name: z.string().trim(), size: z.coerce.number(), extra: z.string().optional() });
      const graph = new StateGraph(State)
        .addNode("tidy", (state: any) => ({ name: `  ${state.name}!  `, size: `${state.size * 2}` }))
        .addEdge(START, "tidy")
        .compile({ checkpointer: side.checkpointer });
      const chunks: unknown[] = [];
      for await (const chunk of await graph.stream({ name: "  ada ", size: "2" }, { ...config("s"), streamMode: ["updates", "values"] })) chunks.push(chunk);
      return { chunks, state: await stateOf(graph, "s") };
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
    expect((observed.replaygraph as any).state.values).toEqual({ name: "ada!", size: 4 });
  });

  it("addNode(..., { input: z.object(...) }): the node sees only its schema's keys, which join the graph's channels", async () => {
    const observed = await observeBoth(store, async (side) => {
      const { StateGraph, START } = side.lib;
      const State = z.object({ question: z.string(), answer: z.string().optional() });
      const Private = z.object({ question: z.string(), scratch: z.string().optional() });
      const seen: unknown[] = [];
      const graph = new StateGraph(State)
        .addNode(
          "think",
          (state: any) => {
            seen.push({ ...state });
            return { scratch: `thinking about ${state.question}` };
          },
          { input: Private },
        )
        .addNode("say", (state: any) => {
          seen.push({ ...state });
          return { answer: "42" };
        })
        .addEdge(START, "think")
        .addEdge("think", "say")
        .compile({ checkpointer: side.checkpointer });
      const output = await graph.invoke({ question: "why" }, config("n"));
      return { output, seen, state: await stateOf(graph, "n") };
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
  });

  it("zod 3 schemas: withLangGraph reducers, zod 3's ZodError for a bad input", async () => {
    const observed = await observeBoth(store, async (side) => {
      const { StateGraph, START } = side.lib;
      const { withLangGraph } = zodOf(side);
      const State = z3.object({
        city: z3.string().min(2),
        visits: withLangGraph(z3.array(z3.string()), {
          reducer: { fn: (a: string[], b: string[]) => a.concat(b), schema: z3.array(z3.string()) },
          default: () => [],
        }),
        note: z3.string().default("none"),
      });
      const graph = new StateGraph(State)
        .addNode("visit", (state: any) => ({ visits: [state.city] }))
        .addEdge(START, "visit")
        .compile({ checkpointer: side.checkpointer });
      const output = await graph.invoke({ city: "Oslo" }, config("z3"));
      const bad = await refusal(() => graph.invoke({ city: "O" }, config("z3-bad")));
      return { output, bad, history: await historyOf(graph, "z3") };
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
    expect((observed.replaygraph as any).bad).toMatchObject({ name: "ZodError", issues: [{ path: ["city"], code: "too_small" }] });
  });

  it("{ state, input, output } given as zod: the input schema checks and filters, the output schema shapes the result", async () => {
    const observed = await observeBoth(store, async (side) => {
      const { StateGraph, START } = side.lib;
      const { withLangGraph } = zodOf(side);
      const state = z.object({
        hey: z.string(),
        counter: z.number().gt(0),
        log: withLangGraph(z.array(z.string()), { reducer: { fn: (a: string[], b: string[]) => [...a, ...b] }, default: () => [] }),
      });
      const graph = new StateGraph({ state, input: state.pick({ counter: true }), output: state.pick({ hey: true, log: true }) })
        .addNode("agent", (s: any) => ({ hey: `agent ${s.counter}`, log: ["agent"] }))
        .addEdge(START, "agent")
        .compile({ checkpointer: side.checkpointer });
      const output = await graph.invoke({ counter: 7, hey: "dropped" }, config("io"));
      const negative = await refusal(() => graph.invoke({ counter: -1 }, config("io2")));
      const missing = await refusal(() => graph.invoke({ hey: "only" }, config("io2")));
      return { output, negative, missing, state: await stateOf(graph, "io"), refusedThread: await historyOf(graph, "io2") };
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
    expect((observed.replaygraph as any).output).toEqual({ hey: "agent 7", log: ["agent"] });
  });

  it("contextSchema as zod: context is checked (configurable when no context is given), and nodes read it", async () => {
    const observed = await observeBoth(store, async (side) => {
      const { StateGraph, START } = side.lib;
      const State = z.object({ answer: z.string().optional() });
      const Context = z.object({ model: z.enum(["small", "large"]) });
      const graph = new StateGraph(State, Context)
        .addNode("agent", (_: any, runConfig: any) => ({ answer: `by ${runConfig.context?.model ?? runConfig.configurable?.model}` }))
        .addEdge(START, "agent")
        .compile({ checkpointer: side.checkpointer });
      const withContext = await graph.invoke({}, config("c1", { context: { model: "large" } }));
      const viaConfigurable = await graph.invoke({}, { configurable: { thread_id: "c2", model: "small" } });
      const badContext = await refusal(() => graph.invoke({}, config("c3", { context: { model: "huge" } })));
      const noContext = await refusal(() => graph.invoke({}, config("c3")));
      return { withContext, viaConfigurable, badContext, noContext, refusedThread: await historyOf(graph, "c3") };
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
    expect((observed.replaygraph as any).withContext).toEqual({ answer: "by large" });
  });

  it("interrupt and Command resume on a zod state; a Command's update and updateState are parsed too", async () => {
    const observed = await observeBoth(store, async (side) => {
      const { StateGraph, START, interrupt, Command } = side.lib;
      const { withLangGraph } = zodOf(side);
      const State = z.object({
        plan: z.string(),
        approvals: withLangGraph(z.array(z.string()), {
          reducer: { fn: (a: string[], b: string | string[]) => a.concat(b), schema: z.union([z.string(), z.array(z.string())]) },
          default: () => [],
        }),
      });
      const graph = new StateGraph(State)
        .addNode("review", (state: any) => ({ approvals: `${interrupt({ plan: state.plan })} for ${state.plan}` }))
        .addEdge(START, "review")
        .compile({ checkpointer: side.checkpointer });
      const paused = await graph.invoke({ plan: "ship" }, config("r"));
      const badUpdate = await refusal(() => graph.invoke(new Command({ resume: "yes", update: { plan: 42 } }), config("r")));
      // (A resume with an update records one more checkpoint on replaygraph than on LangGraph, zod or not; kept apart here.)
      const resumed = await graph.invoke(new Command({ resume: "yes" }), config("r"));
      const badEdit = await refusal(() => graph.updateState(config("r"), { approvals: 5 }));
      await graph.updateState(config("r"), { approvals: ["edited"] });
      return {
        paused: paused.__interrupt__?.map((i: any) => i.value),
        badUpdate,
        resumed,
        badEdit,
        state: await stateOf(graph, "r"),
        history: await historyOf(graph, "r"),
      };
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
    expect((observed.replaygraph as any).resumed).toEqual({ plan: "ship", approvals: ["yes for ship"] });
  });

  it("MessagesZodState: messages merged by messagesStateReducer, by id", async () => {
    const observed = await observeBoth(store, async (side) => {
      const { StateGraph, START, MessagesZodState, messagesStateReducer } = side.lib;
      const meta = zodOf(side).schemaMetaRegistry.get(MessagesZodState.shape.messages);
      // LangGraph's MessagesZodState is a zod 3 object, so it is extended with zod 3 fields (a zod 3
      // partial input does not fill in `.default()`s, and a key without registry meta has no channel default).
      const State = MessagesZodState.extend({ turns: z3.number().optional() });
      const graph = new StateGraph(State)
        .addNode("agent", (state: any) => ({
          messages: [new AIMessage({ content: `reply ${state.messages.length}`, id: "ai-1" })],
          turns: (state.turns ?? 0) + 1,
        }))
        .addEdge(START, "agent")
        .compile({ checkpointer: side.checkpointer });
      await graph.invoke({ messages: [new HumanMessage({ content: "hi", id: "h-1" })] }, config("m"));
      const output = await graph.invoke(
        { messages: [new HumanMessage({ content: "again", id: "h-2" }), new HumanMessage({ content: "hi, edited", id: "h-1" })] },
        config("m"),
      );
      const shape = (messages: BaseMessage[]) => messages.map((m) => [m.getType(), m.content, m.id]);
      return { reducerIsMessagesStateReducer: meta?.reducer?.fn === messagesStateReducer, messages: shape(output.messages), turns: output.turns };
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
    expect(observed.replaygraph.reducerIsMessagesStateReducer).toBe(true);
    expect(observed.replaygraph.messages).toEqual([
      ["human", "hi, edited", "h-1"],
      ["ai", "reply 3", "ai-1"],
      ["human", "again", "h-2"],
    ]);
  });
});

describe("replaygraph/zod/schema", () => {
  it("gives the JSON schemas LangGraph's zod/schema gives: state, update, input, output and config", () => {
    const schemas = [];
    for (const [lib, zodModule, schemaModule] of [
      [langgraph, langgraphZod, langgraphZodSchema],
      [replaygraph, replaygraphZod, replaygraphZodSchema],
    ] as const) {
      const { registry, withLangGraph } = zodModule as any;
      const state = z.object({
        question: z.string().describe("What the user asked"),
        answer: z.string(),
        sources: z.array(z.string()).register(registry, {
          reducer: { fn: (a: string[], b: string | string[]) => a.concat(b), schema: z.union([z.string(), z.array(z.string())]) },
          default: () => [],
        }),
      });
      const context = z.object({ prompt: withLangGraph(z.string().min(1), { jsonSchemaExtra: { langgraph_nodes: ["respond"], langgraph_type: "prompt" } }) });
      const graph = new (lib as any).StateGraph({ state, input: state.pick({ question: true }), output: state.pick({ answer: true, sources: true }), context })
        .addNode("respond", () => ({ answer: "42" }))
        .addEdge(lib.START, "respond")
        .compile();
      const { getStateTypeSchema, getUpdateTypeSchema, getInputTypeSchema, getOutputTypeSchema, getConfigTypeSchema } = schemaModule as any;
      schemas.push({
        state: getStateTypeSchema(graph),
        update: getUpdateTypeSchema(graph),
        input: getInputTypeSchema(graph),
        output: getOutputTypeSchema(graph),
        config: getConfigTypeSchema(graph),
      });
    }
    expect(schemas[1]).toEqual(schemas[0]);
    expect(schemas[1]!.config).toMatchObject({
      properties: { prompt: { type: "string", minLength: 1, langgraph_type: "prompt", langgraph_nodes: ["respond"] } },
    });
  });

  it("is undefined for an Annotation state, as LangGraph's", () => {
    const State = replaygraph.Annotation.Root({ x: replaygraph.Annotation<number>() });
    const graph = new replaygraph.StateGraph(State)
      .addNode("a", () => ({}))
      .addEdge(replaygraph.START, "a")
      .compile();
    expect(replaygraphZodSchema.getStateTypeSchema(graph)).toBeUndefined();
    expect(replaygraphZodSchema.getConfigTypeSchema(graph)).toBeUndefined();
  });
});

describe("a zod-state thread on SQLite, reopened", () => {
  it("rebuilds the same getState and history from a fresh handle of the file", async () => {
    const sqlite = parityStores.find((each) => each.store === "sqlite")!;
    const side = await sqlite.replaygraph();
    try {
      const live = notesGraph(side);
      await live.invoke({ topic: "replay" }, config("again"));
      await live.invoke({ topic: "replay 2", notes: "extra" }, config("again"));
      const path = (side.checkpointer as { path?: string }).path ?? (side.checkpointer as any).filename;
      const reopened = new SqliteEventStore(path);
      try {
        await expectReplayMatchesLive(live as any, (store) => notesGraph(side, store) as any, reopened, "again");
        expect((await notesGraph(side, reopened).getState(config("again"))).values).toEqual({
          topic: "replay 2",
          notes: ["start", "draft on replay", "reviewed 2", "extra", "draft on replay 2", "reviewed 5"],
          status: "drafted",
          rounds: 2, // the second input's missing rounds parsed to its zod default, 1, as LangGraph does
        });
      } finally {
        await reopened.close();
      }
    } finally {
      await side.cleanup();
    }
  });
});

describe("replaygraph/zod's names", () => {
  it("exports every name of LangGraph's zod entry point", () => {
    for (const name of Object.keys(langgraphZod)) expect(Object.keys(replaygraphZod), name).toContain(name);
  });

  it("withLangGraph without a default takes the zod default, which a zod 4 input also fills in (as LangGraph)", async () => {
    const outputs = [];
    for (const [lib, zodModule] of [
      [langgraph, langgraphZod],
      [replaygraph, replaygraphZod],
    ] as const) {
      const schema = z.array(z.string()).default(() => ["d"]);
      const State = z.object({ items: (zodModule as any).withLangGraph(schema, { reducer: { fn: (a: string[], b: string[]) => a.concat(b) } }) });
      const graph = new (lib as any).StateGraph(State)
        .addNode("a", () => ({ items: ["a"] }))
        .addEdge(lib.START, "a")
        .compile();
      outputs.push(await graph.invoke({}));
    }
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[1]).toEqual({ items: ["d", "d", "a"] });
  });
});
