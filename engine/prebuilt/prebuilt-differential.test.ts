import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { tool } from "@langchain/core/tools";
import * as langgraph from "@langchain/langgraph";
import * as langgraphPrebuilt from "@langchain/langgraph/prebuilt";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import * as replaygraph from "replaygraph";
import * as replaygraphPrebuilt from "replaygraph/prebuilt";
import { EventStoreDBEventStore } from "replaygraph/eventstoredb";
import { SqliteEventStore } from "replaygraph/sqlite";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { expectReplayMatchesLive } from "../../scenarios/testing/expect-replay-matches-live.js";
import { EsdbWireServer } from "../../store/eventstoredb/testing/esdb-wire-server.js";
import { ScriptedChatModel } from "./testing/scripted-chat-model.js";

// Differential: each program runs on LangGraph 1.7's prebuilt and on replaygraph/prebuilt, with
// the same scripted chat model and real LangChain tools, on a memory and a SQLite checkpointer;
// on SQLite every resume runs on a fresh handle of the file (a restarted process). On EventStoreDB
// (replaygraph through the real @eventstore/db-client, against the wire-level test server: no
// EventStoreDB node runs here) LangGraph, which has no EventStoreDB saver, runs on its MemorySaver,
// and every resume runs on a new client connection.

interface Side {
  readonly name: "langgraph" | "replaygraph";
  readonly lib: any;
  readonly prebuilt: any;
  checkpointer: any;
  /** A new checkpointer on the same data (the memory ones are the same object). */
  reopen(): any;
  cleanup(): Promise<void>;
}

async function sqliteFile() {
  const dir = await mkdtemp(join(tmpdir(), "replaygraph-prebuilt-"));
  return { path: join(dir, "threads.db"), remove: () => rm(dir, { recursive: true, force: true }) };
}

const stores = {
  memory: {
    langgraph: async (): Promise<Side> => {
      const saver = new langgraph.MemorySaver();
      return { name: "langgraph", lib: langgraph, prebuilt: langgraphPrebuilt, checkpointer: saver, reopen: () => saver, cleanup: async () => undefined };
    },
    replaygraph: async (): Promise<Side> => {
      const store = new replaygraph.MemorySaver();
      return { name: "replaygraph", lib: replaygraph, prebuilt: replaygraphPrebuilt, checkpointer: store, reopen: () => store, cleanup: async () => undefined };
    },
  },
  sqlite: {
    langgraph: async (): Promise<Side> => {
      const file = await sqliteFile();
      return {
        name: "langgraph",
        lib: langgraph,
        prebuilt: langgraphPrebuilt,
        checkpointer: SqliteSaver.fromConnString(file.path),
        reopen: () => SqliteSaver.fromConnString(file.path),
        cleanup: file.remove,
      };
    },
    replaygraph: async (): Promise<Side> => {
      const file = await sqliteFile();
      const opened: SqliteEventStore[] = [new SqliteEventStore(file.path)];
      return {
        name: "replaygraph",
        lib: replaygraph,
        prebuilt: replaygraphPrebuilt,
        checkpointer: opened[0],
        reopen: () => {
          opened.push(new SqliteEventStore(file.path));
          return opened[opened.length - 1];
        },
        cleanup: async () => {
          for (const store of opened) await store.close().catch(() => undefined);
          await file.remove();
        },
      };
    },
  },
  eventstoredb: {
    langgraph: async (): Promise<Side> => {
      const saver = new langgraph.MemorySaver();
      return { name: "langgraph", lib: langgraph, prebuilt: langgraphPrebuilt, checkpointer: saver, reopen: () => saver, cleanup: async () => undefined };
    },
    replaygraph: async (): Promise<Side> => {
      // A server per program: every program uses thread "t1".
      const server = await EsdbWireServer.start({ batchAppend: true });
      const { connectionString } = server;
      const opened: EventStoreDBEventStore[] = [new EventStoreDBEventStore({ connectionString })];
      return {
        name: "replaygraph",
        lib: replaygraph,
        prebuilt: replaygraphPrebuilt,
        checkpointer: opened[0],
        reopen: () => {
          opened.push(new EventStoreDBEventStore({ connectionString }));
          return opened[opened.length - 1];
        },
        cleanup: async () => {
          for (const store of opened) await store.close().catch(() => undefined);
          await server.stop();
        },
      };
    },
  },
};

type StoreName = keyof typeof stores;

async function onBoth<T>(store: StoreName, program: (side: Side) => Promise<T>): Promise<{ langgraph: T; replaygraph: T }> {
  const out: T[] = [];
  for (const open of [stores[store].langgraph, stores[store].replaygraph]) {
    const side = await open();
    try {
      out.push(await program(side));
    } finally {
      await side.cleanup();
    }
  }
  return { langgraph: out[0]!, replaygraph: out[1]! };
}

/** What a user compares of a message: class, content, tool calls, tool call id, name, status (message ids differ by design). */
function shapeOf(message: BaseMessage) {
  const m = message as any;
  return {
    type: message.getType(),
    content: message.content,
    ...(m.tool_calls?.length ? { tool_calls: m.tool_calls.map((call: any) => ({ id: call.id, name: call.name, args: call.args })) } : {}),
    ...(m.tool_call_id !== undefined ? { tool_call_id: m.tool_call_id, status: m.status } : {}),
    ...(m.name !== undefined ? { name: m.name } : {}),
  };
}

function interruptsOf(result: any) {
  return (result?.__interrupt__ ?? []).map((entry: any) => entry.value);
}

/** The tools of one side, counting their executions; `send_email` asks for approval with `interrupt()` when `ask` is set. */
function toolsOf(side: Side, options: { ask?: boolean } = {}) {
  const runs: Record<string, number> = { get_weather: 0, send_email: 0, fail: 0 };
  const getWeather = tool(
    async ({ city }: { city: string }) => {
      runs.get_weather!++;
      return `It's sunny in ${city}.`;
    },
    { name: "get_weather", description: "Weather of a city.", schema: z.object({ city: z.string() }) },
  );
  const sendEmail = tool(
    async ({ to, body }: { to: string; body: string }) => {
      const approved = options.ask ? side.lib.interrupt({ question: "Send this email?", to, body }) : "yes";
      runs.send_email!++;
      return approved === "yes" ? `Sent to ${to}: ${body}` : `Not sent (${String(approved)}).`;
    },
    { name: "send_email", description: "Sends an email.", schema: z.object({ to: z.string(), body: z.string() }) },
  );
  const fail = tool(
    async () => {
      runs.fail!++;
      throw new Error("the service is down");
    },
    { name: "fail", description: "Always fails.", schema: z.object({}) },
  );
  return { runs, tools: [getWeather, sendEmail, fail] };
}

const weatherAndEmail = () => [
  new AIMessage({
    content: "",
    tool_calls: [
      { id: "call_weather", name: "get_weather", args: { city: "Paris" }, type: "tool_call" },
      { id: "call_email", name: "send_email", args: { to: "ada@example.com", body: "Sunny!" }, type: "tool_call" },
    ],
  }),
  new AIMessage("Done: weather checked and email handled."),
];

const config = (thread: string) => ({ configurable: { thread_id: thread } });

describe.each(["memory", "sqlite", "eventstoredb"] as const)("replaygraph/prebuilt against @langchain/langgraph/prebuilt (%s)", (store) => {
  it("createReactAgent runs the tool calls in one step and answers; same messages, tool runs and final next", async () => {
    const observed = await onBoth(store, async (side) => {
      const { runs, tools } = toolsOf(side);
      const llm = new ScriptedChatModel(weatherAndEmail());
      const agent = side.prebuilt.createReactAgent({ llm, tools, checkpointer: side.checkpointer, prompt: "You are terse." });
      const result = await agent.invoke({ messages: [new HumanMessage("Weather, then email Ada")] }, config("t1"));
      const state = await agent.getState(config("t1"));
      return { messages: result.messages.map(shapeOf), runs, next: state.next, bound: llm.boundTools, firstInput: llm.calls[0]!.map(shapeOf) };
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
    expect(observed.replaygraph.runs).toEqual({ get_weather: 1, send_email: 1, fail: 0 });
    expect(observed.replaygraph.firstInput[0]).toEqual({ type: "system", content: "You are terse." });
  });

  it("a failing tool becomes an error ToolMessage with LangGraph's text (handleToolErrors)", async () => {
    const observed = await onBoth(store, async (side) => {
      const { tools } = toolsOf(side);
      const llm = new ScriptedChatModel([
        new AIMessage({
          content: "",
          tool_calls: [
            { id: "call_fail", name: "fail", args: {}, type: "tool_call" },
            { id: "call_missing", name: "nope", args: {}, type: "tool_call" },
          ],
        }),
        new AIMessage("Sorry."),
      ]);
      const agent = side.prebuilt.createReactAgent({ llm, tools, checkpointer: side.checkpointer });
      const result = await agent.invoke({ messages: [new HumanMessage("Try")] }, config("t1"));
      return result.messages.map(shapeOf);
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
    expect(observed.replaygraph[2]).toMatchObject({ type: "tool", status: "error", content: "Error: the service is down\n Please fix your mistakes." });
  });

  it("approve: interruptBefore ['tools'] pauses with next ['tools']; invoke(null) on a fresh handle runs the tools", async () => {
    const observed = await onBoth(store, async (side) => {
      const { runs, tools } = toolsOf(side);
      const build = (checkpointer: any) =>
        side.prebuilt.createReactAgent({ llm: new ScriptedChatModel(weatherAndEmail()), tools, checkpointer, interruptBefore: ["tools"] });
      const agent = build(side.checkpointer);
      await agent.invoke({ messages: [new HumanMessage("Weather, then email Ada")] }, config("t1"));
      const paused = await agent.getState(config("t1"));
      const runsBefore = { ...runs };
      const resumed = build(side.reopen());
      const result = await resumed.invoke(null, config("t1"));
      const done = await resumed.getState(config("t1"));
      if (side.name === "replaygraph") await expectReplayMatchesLive(resumed, (cp) => build(cp), side.reopen(), "t1");
      return {
        pausedNext: paused.next,
        pausedLast: shapeOf(paused.values.messages.at(-1)),
        runsBefore,
        runs,
        messages: result.messages.map(shapeOf),
        next: done.next,
      };
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
    expect(observed.replaygraph.pausedNext).toEqual(["tools"]);
    expect(observed.replaygraph.runsBefore).toEqual({ get_weather: 0, send_email: 0, fail: 0 });
  });

  it("edit: updateState replaces the AIMessage (same id) with edited tool_calls; the tool runs with the edited arguments", async () => {
    const observed = await onBoth(store, async (side) => {
      const { runs, tools } = toolsOf(side);
      const build = (checkpointer: any) =>
        side.prebuilt.createReactAgent({ llm: new ScriptedChatModel(weatherAndEmail()), tools, checkpointer, interruptBefore: ["tools"] });
      const agent = build(side.checkpointer);
      await agent.invoke({ messages: [new HumanMessage("Weather, then email Ada")] }, config("t1"));
      const paused = await agent.getState(config("t1"));
      const last = paused.values.messages.at(-1) as AIMessage;
      const edited = new AIMessage({
        id: last.id!,
        content: last.content,
        tool_calls: last.tool_calls!.map((call) => (call.name === "send_email" ? { ...call, args: { ...call.args, to: "grace@example.com" } } : call)),
      });
      await agent.updateState(config("t1"), { messages: [edited] });
      const resumed = build(side.reopen());
      const result = await resumed.invoke(null, config("t1"));
      if (side.name === "replaygraph") await expectReplayMatchesLive(resumed, (cp) => build(cp), side.reopen(), "t1");
      return {
        count: result.messages.length,
        messages: result.messages.map(shapeOf),
        runs,
        sameId: (await resumed.getState(config("t1"))).values.messages[1].id === last.id,
      };
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
    expect(observed.replaygraph.messages[3]).toMatchObject({ type: "tool", content: "Sent to grace@example.com: Sunny!" });
    expect(observed.replaygraph.count).toBe(5);
  });

  it("reject: a ToolMessage written as 'tools' by updateState answers the call; the agent goes on without running the tool", async () => {
    const observed = await onBoth(store, async (side) => {
      const { runs, tools } = toolsOf(side);
      const script = [
        new AIMessage({ content: "", tool_calls: [{ id: "call_email", name: "send_email", args: { to: "ada@example.com", body: "Hi" }, type: "tool_call" }] }),
        new AIMessage("Understood, not sent."),
      ];
      const build = (checkpointer: any) =>
        side.prebuilt.createReactAgent({ llm: new ScriptedChatModel(script), tools, checkpointer, interruptBefore: ["tools"] });
      const agent = build(side.checkpointer);
      await agent.invoke({ messages: [new HumanMessage("Email Ada")] }, config("t1"));
      await agent.updateState(
        config("t1"),
        { messages: [new ToolMessage({ tool_call_id: "call_email", name: "send_email", content: "The user rejected this email." })] },
        "tools",
      );
      const afterReject = await agent.getState(config("t1"));
      const resumed = build(side.reopen());
      const result = await resumed.invoke(null, config("t1"));
      if (side.name === "replaygraph") await expectReplayMatchesLive(resumed, (cp) => build(cp), side.reopen(), "t1");
      return { nextAfterReject: afterReject.next, messages: result.messages.map(shapeOf), runs };
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
    expect(observed.replaygraph.nextAfterReject).toEqual(["agent"]);
    expect(observed.replaygraph.runs.send_email).toBe(0);
  });

  it("interrupt() in a tool pauses the agent; Command({ resume }) on a fresh handle finishes it; a finished tool of that step is not run again (journaled)", async () => {
    const observed = await onBoth(store, async (side) => {
      const { runs, tools } = toolsOf(side, { ask: true });
      const build = (checkpointer: any) => side.prebuilt.createReactAgent({ llm: new ScriptedChatModel(weatherAndEmail()), tools, checkpointer });
      const agent = build(side.checkpointer);
      const first = await agent.invoke({ messages: [new HumanMessage("Weather, then email Ada")] }, config("t1"));
      const paused = await agent.getState(config("t1"));
      const resumed = build(side.reopen());
      const result = await resumed.invoke(new side.lib.Command({ resume: "yes" }), config("t1"));
      const done = await resumed.getState(config("t1"));
      if (side.name === "replaygraph") await expectReplayMatchesLive(resumed, (cp) => build(cp), side.reopen(), "t1");
      return { interrupts: interruptsOf(first), pausedNext: paused.next, messages: result.messages.map(shapeOf), next: done.next, runs };
    });
    const { runs: lgRuns, ...lg } = observed.langgraph;
    const { runs: rgRuns, ...rg } = observed.replaygraph;
    expect(rg).toEqual(lg);
    expect(rg.interrupts).toEqual([{ question: "Send this email?", to: "ada@example.com", body: "Sunny!" }]);
    // The departure that is the point: LangGraph re-runs the whole ToolNode on resume, so the
    // weather tool, which finished before the email tool paused, runs twice there; once here.
    expect(lgRuns).toEqual({ get_weather: 2, send_email: 1, fail: 0 });
    expect(rgRuns).toEqual({ get_weather: 1, send_email: 1, fail: 0 });
  });

  it("ToolNode and toolsCondition in a hand-built graph, with an interrupting tool and a resume on a fresh handle", async () => {
    const observed = await onBoth(store, async (side) => {
      const { StateGraph, MessagesAnnotation, START, END, Command } = side.lib;
      const { ToolNode, toolsCondition } = side.prebuilt;
      const { runs, tools } = toolsOf(side, { ask: true });
      const llm = new ScriptedChatModel(weatherAndEmail());
      const build = (checkpointer: any) =>
        new StateGraph(MessagesAnnotation)
          .addNode("agent", async (state: any) => ({ messages: [await llm.invoke(state.messages)] }))
          .addNode("tools", new ToolNode(tools))
          .addEdge(START, "agent")
          .addConditionalEdges("agent", toolsCondition, ["tools", END])
          .addEdge("tools", "agent")
          .compile({ checkpointer });
      const graph = build(side.checkpointer);
      const first = await graph.invoke({ messages: [new HumanMessage("Go")] }, config("t1"));
      const result = await build(side.reopen()).invoke(new Command({ resume: "no" }), config("t1"));
      return { interrupts: interruptsOf(first), messages: result.messages.map(shapeOf), emailRuns: runs.send_email, weatherRuns: runs.get_weather };
    });
    expect(observed.replaygraph.messages).toEqual(observed.langgraph.messages);
    expect(observed.replaygraph.interrupts).toEqual(observed.langgraph.interrupts);
    expect(observed.replaygraph.messages[3]).toMatchObject({ type: "tool", content: "Not sent (no)." });
    expect(observed.replaygraph.weatherRuns).toBe(1);
  });
});

describe.each(["memory", "sqlite", "eventstoredb"] as const)("createReactAgent's options and Commands from tools, on both libraries (%s)", (store) => {
  it("a tool returning a Command updates another state key and adds its ToolMessage beside the other tools' messages", async () => {
    const observed = await onBoth(store, async (side) => {
      const { StateGraph, MessagesAnnotation, Annotation, START, END, Command } = side.lib;
      const { ToolNode, toolsCondition } = side.prebuilt;
      const { tools } = toolsOf(side);
      const setUser = tool(
        async ({ name }: { name: string }, runtime: any) =>
          new Command({
            update: {
              user: name,
              messages: [new ToolMessage({ content: `user is ${name}`, tool_call_id: runtime.toolCall?.id ?? runtime.toolCallId, name: "set_user" })],
            },
          }),
        { name: "set_user", description: "Sets the user.", schema: z.object({ name: z.string() }) },
      );
      const script = [
        new AIMessage({
          content: "",
          tool_calls: [
            { id: "c_weather", name: "get_weather", args: { city: "Oslo" }, type: "tool_call" },
            { id: "c_user", name: "set_user", args: { name: "Ada" }, type: "tool_call" },
          ],
        }),
        new AIMessage("Hi Ada."),
      ];
      const llm = new ScriptedChatModel(script);
      const State = Annotation.Root({ ...MessagesAnnotation.spec, user: Annotation() });
      const graph = new StateGraph(State)
        .addNode("agent", async (state: any) => ({ messages: [await llm.invoke(state.messages)] }))
        .addNode("tools", new ToolNode([...tools, setUser]))
        .addEdge(START, "agent")
        .addConditionalEdges("agent", toolsCondition, ["tools", END])
        .addEdge("tools", "agent")
        .compile({ checkpointer: side.checkpointer });
      const result = await graph.invoke({ messages: [new HumanMessage("I am Ada; weather in Oslo?")] }, config("t1"));
      return { user: result.user, messages: result.messages.map(shapeOf) };
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
    expect(observed.replaygraph.user).toBe("Ada");
    expect(observed.replaygraph.messages.map((message: any) => message.content)).toEqual([
      "I am Ada; weather in Oslo?",
      "",
      "It's sunny in Oslo.",
      "user is Ada",
      "Hi Ada.",
    ]);
  });

  it("prompt as a SystemMessage and as a function of the state, name on the model's messages, responseFormat into structuredResponse", async () => {
    const observed = await onBoth(store, async (side) => {
      const { tools } = toolsOf(side);
      const runs: any[] = [];
      for (const prompt of [new SystemMessage("Be brief."), (state: any) => [new SystemMessage("From a function."), ...state.messages]]) {
        const llm = new ScriptedChatModel(weatherAndEmail());
        llm.structured = { summary: "sunny, emailed" };
        const agent = side.prebuilt.createReactAgent({
          llm,
          tools,
          prompt,
          name: "helper",
          responseFormat: { schema: z.object({ summary: z.string() }), prompt: "Summarize." },
          checkpointer: side.checkpointer,
        });
        const thread = `t-${runs.length}`;
        const result = await agent.invoke({ messages: [new HumanMessage("Weather, then email Ada")] }, config(thread));
        runs.push({
          modelInputs: llm.calls.map((call) => call.map(shapeOf)),
          structuredInput: llm.structuredCalls.map((call) => call.map(shapeOf)),
          structuredResponse: result.structuredResponse,
          messages: result.messages.map(shapeOf),
          next: (await agent.getState(config(thread))).next,
          nodes: Object.keys(agent.getGraph().nodes).sort(),
        });
      }
      return runs;
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
    expect(observed.replaygraph[0].structuredResponse).toEqual({ summary: "sunny, emailed" });
    expect(observed.replaygraph[1].modelInputs[0][0]).toEqual({ type: "system", content: "From a function." });
    expect(observed.replaygraph[0].messages[1]).toMatchObject({ type: "ai", name: "helper" });
  });
});

describe("ToolNode outside a graph, as LangGraph's", () => {
  it("invoke({ messages }) and invoke(messages) give the same ToolMessages on both libraries", async () => {
    const observed = await onBoth("memory", async (side) => {
      const { tools } = toolsOf(side);
      const node = new side.prebuilt.ToolNode(tools);
      const messages = [new HumanMessage("hi"), weatherAndEmail()[0]!];
      const asState = await node.invoke({ messages });
      const asArray = await node.invoke(messages);
      return { state: asState.messages.map(shapeOf), array: asArray.map(shapeOf) };
    });
    expect(observed.replaygraph).toEqual(observed.langgraph);
    expect(observed.replaygraph.state).toHaveLength(2);
  });

  it("createReactAgent refuses LangGraph options it does not have, with NotSupportedError", () => {
    const llm = new ScriptedChatModel([]);
    for (const option of [{ preModelHook: () => ({}) }, { stateSchema: replaygraph.MessagesAnnotation }, { version: "v2" }]) {
      expect(() => replaygraphPrebuilt.createReactAgent({ llm, tools: [], ...option } as any)).toThrow(replaygraph.NotSupportedError);
    }
    expect(() => replaygraphPrebuilt.createReactAgent({ llm, tools: [], version: "v1" } as any)).not.toThrow();
  });

  it("every name @langchain/langgraph/prebuilt exports imports from replaygraph/prebuilt; the deprecated executors are NotSupported stubs", () => {
    expect(
      Object.keys(replaygraphPrebuilt)
        .filter((name) => name in langgraphPrebuilt)
        .sort(),
    ).toEqual(Object.keys(langgraphPrebuilt).sort());
    expect(() => (replaygraphPrebuilt.createAgentExecutor as any)({})).toThrow(replaygraph.NotSupportedError);
  });

  it("toolsCondition routes on the last message's tool calls", () => {
    const { toolsCondition } = replaygraphPrebuilt;
    for (const messages of [[new AIMessage("x")], [weatherAndEmail()[0]!], [new HumanMessage("x")]]) {
      expect(toolsCondition({ messages })).toBe(langgraphPrebuilt.toolsCondition({ messages }));
      expect(toolsCondition(messages)).toBe(langgraphPrebuilt.toolsCondition(messages));
    }
    expect(toolsCondition([weatherAndEmail()[0]!])).toBe("tools");
  });
});
