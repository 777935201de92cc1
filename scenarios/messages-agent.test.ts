import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { text } from "node:stream/consumers";
import * as LangGraph from "@langchain/langgraph";
import { SqliteEventStore } from "replaygraph/sqlite";
import { AIMessage, HumanMessage, RemoveMessage, type BaseMessage } from "@langchain/core/messages";
import {
  Command,
  CompiledStateGraph,
  END,
  exportHistory,
  importHistory,
  interrupt,
  MemorySaver,
  MessagesAnnotation,
  verify,
  REMOVE_ALL_MESSAGES,
  START,
  StateGraph,
  type EventStore,
} from "replaygraph";
import { afterAll, describe, expect, it } from "vitest";
import { agentInput, buildMessagesAgent } from "./messages-agent.js";
import { expectReplayMatchesLive } from "./testing/expect-replay-matches-live.js";
import { stopSharedServers, storeFixtures } from "./testing/store-fixtures.js";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What a user sees of a list of messages: class, content and every field, with ids the engine
 * invented (UUIDs) named by where they first appear, so LangGraph's random ids and replaygraph's
 * recorded ones compare; ids the program chose are kept.
 */
function observed(messages: readonly BaseMessage[], names = new Map<string, string>()): unknown[] {
  return messages.map((message) => {
    const fields = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(message).filter(([key]) => !key.startsWith("lc_")))));
    const id = message.id as string;
    if (uuid.test(id) && !names.has(id)) names.set(id, `invented-${names.size}`);
    return {
      class: message.constructor.name,
      ...fields,
      id: names.get(id) ?? id,
      serialized: { ...JSON.parse(JSON.stringify(message)), kwargs: { ...JSON.parse(JSON.stringify(message)).kwargs, id: names.get(id) ?? id } },
    };
  });
}

async function runOnLangGraph(): Promise<{ steps: unknown[][]; final: unknown[] }> {
  const graph = buildMessagesAgent(LangGraph).compile({ checkpointer: new LangGraph.MemorySaver() });
  const config = { configurable: { thread_id: "lg" } };
  const steps: unknown[][] = [];
  for await (const chunk of await graph.stream(agentInput(), { ...config, streamMode: "values" })) steps.push(observed(chunk.messages));
  return { steps, final: observed((await graph.getState(config)).values.messages) };
}

describe("a messages agent (MessagesAnnotation, tool calls, RemoveMessage, REMOVE_ALL_MESSAGES, coercion)", () => {
  afterAll(() => stopSharedServers());

  for (const fixture of storeFixtures) {
    it(`${fixture.name}: every step's messages are LangGraph's (class, fields, ids), and a new process reads the same state back`, async () => {
      const expected = await runOnLangGraph();
      const underTest = await fixture.create();
      try {
        const build = (store: EventStore) =>
          buildMessagesAgent({ StateGraph, MessagesAnnotation, START, END, REMOVE_ALL_MESSAGES }).compile({ checkpointer: store }) as CompiledStateGraph<any>;
        const graph = build(underTest.store);
        const config = { configurable: { thread_id: "rg" } };
        const steps: unknown[][] = [];
        for await (const chunk of await graph.stream(agentInput() as never, { ...config, streamMode: "values" }))
          steps.push(observed((chunk as { messages: BaseMessage[] }).messages));
        expect(steps).toEqual(expected.steps);
        const live = await graph.getState(config);
        expect(observed(live.values["messages"] as BaseMessage[])).toEqual(expected.final);

        // A new process: a fresh store handle and a fresh compiled graph read the stream back.
        const reopened = await underTest.reopen();
        const cold = await build(reopened).getState(config);
        const liveMessages = live.values["messages"] as BaseMessage[];
        const coldMessages = cold.values["messages"] as BaseMessage[];
        expect(coldMessages.map((message) => message.constructor)).toEqual(liveMessages.map((message) => message.constructor));
        expect(coldMessages.map((message) => message.id)).toEqual(liveMessages.map((message) => message.id));
        expect(observed(coldMessages)).toEqual(observed(liveMessages));
        await expectReplayMatchesLive(graph, build, reopened, "rg");
      } finally {
        await underTest.cleanup();
      }
    });
  }

  it("the ids the engine gives messages without one are recorded: a replay and a re-run of the same thread give the same ids", async () => {
    const fixture = storeFixtures.find((candidate) => candidate.name === "sqlite")!;
    const underTest = await fixture.create();
    try {
      const build = (store: EventStore) =>
        buildMessagesAgent({ StateGraph, MessagesAnnotation, START, END, REMOVE_ALL_MESSAGES }).compile({ checkpointer: store }) as CompiledStateGraph<any>;
      const config = { configurable: { thread_id: "ids" } };
      const graph = build(underTest.store);
      await graph.invoke(agentInput() as never, config);
      const history: BaseMessage[][] = [];
      for await (const snapshot of graph.getStateHistory(config)) history.push(snapshot.values["messages"] as BaseMessage[]);
      const invented = history
        .flat()
        .map((message) => message.id!)
        .filter((id) => uuid.test(id));
      expect(invented.length).toBeGreaterThan(4);
      for (let i = 0; i < 3; i++) {
        const again: BaseMessage[][] = [];
        for await (const snapshot of build(await underTest.reopen()).getStateHistory(config)) again.push(snapshot.values["messages"] as BaseMessage[]);
        expect(again.map((messages) => messages.map((message) => message.id))).toEqual(history.map((messages) => messages.map((message) => message.id)));
      }
    } finally {
      await underTest.cleanup();
    }
  });

  it("export to a history file and import into a fresh SQLite file: the same events, classes and ids; verify re-runs the nodes without a divergence", async () => {
    const dir = await mkdtemp(join(tmpdir(), "replaygraph-messages-export-"));
    try {
      const build = (store: EventStore) =>
        buildMessagesAgent({ StateGraph, MessagesAnnotation, START, END, REMOVE_ALL_MESSAGES }).compile({ checkpointer: store }) as CompiledStateGraph<any>;
      const config = { configurable: { thread_id: "exported" } };
      const source = new SqliteEventStore(join(dir, "source.db"));
      const graph = build(source);
      await graph.invoke(agentInput() as never, config);
      const output = new PassThrough();
      const written = text(output);
      await exportHistory(source, "exported", output);
      output.end();
      const file = join(dir, "exported.jsonl");
      await writeFile(file, await written);
      const target = new SqliteEventStore(join(dir, "target.db"));
      await importHistory(target, file);
      const before = (await source.readStream("thread-exported")).events.map(({ revision, id, type, data }) => ({ revision, id, type, data }));
      const after = (await target.readStream("thread-exported")).events.map(({ revision, id, type, data }) => ({ revision, id, type, data }));
      expect(after).toEqual(before);
      const live = (await graph.getState(config)).values["messages"] as BaseMessage[];
      const imported = (await build(target).getState(config)).values["messages"] as BaseMessage[];
      expect(imported.map((message) => [message.constructor, message.id])).toEqual(live.map((message) => [message.constructor, message.id]));
      expect(observed(imported)).toEqual(observed(live));
      const verified = await verify(build(target), "exported");
      expect(verified.ok ? "no divergence" : verified.divergence).toBe("no divergence");
      await Promise.all([source.close(), target.close()]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a cold load from a snapshot gives the same messages (classes, ids) as the full replay", async () => {
    const store = new MemorySaver();
    const build = (snapshotEvery: number) =>
      buildMessagesAgent({ StateGraph, MessagesAnnotation, START, END, REMOVE_ALL_MESSAGES }).compile({
        checkpointer: store,
        snapshotEvery,
      }) as CompiledStateGraph<any>;
    const config = { configurable: { thread_id: "snap" } };
    const live = build(2);
    await live.invoke(agentInput() as never, config);
    expect((await store.listStreams({ prefix: "snapshot-" })).streams).toEqual(["snapshot-thread-snap"]);
    const fromSnapshot = (await build(2).getState(config)).values["messages"] as BaseMessage[];
    const fullReplay = (await build(0).getState(config)).values["messages"] as BaseMessage[];
    expect(fromSnapshot.map((message) => [message.constructor, message.id])).toEqual(fullReplay.map((message) => [message.constructor, message.id]));
    expect(observed(fromSnapshot)).toEqual(observed(fullReplay));
  });

  it("updateState and Command({ update }) writes get their ids when recorded too: a fresh store handle reads the same ids, as LangGraph's merge would place them", async () => {
    const fixture = storeFixtures.find((candidate) => candidate.name === "sqlite")!;
    const underTest = await fixture.create();
    try {
      const build = (store: EventStore) =>
        new StateGraph(MessagesAnnotation)
          .addNode("ask", () => ({ messages: [new AIMessage(String(interrupt("next?")))] }))
          .addEdge(START, "ask")
          .addEdge("ask", END)
          .compile({ checkpointer: store });
      const lg = new LangGraph.StateGraph(LangGraph.MessagesAnnotation)
        .addNode("ask", () => ({ messages: [new AIMessage(String(LangGraph.interrupt("next?")))] }))
        .addEdge(LangGraph.START, "ask")
        .addEdge("ask", LangGraph.END)
        .compile({ checkpointer: new LangGraph.MemorySaver() });
      const config = { configurable: { thread_id: "updates" } };
      const graph = build(underTest.store);
      await graph.invoke({ messages: ["hello"] }, config);
      await graph.invoke(new Command({ resume: "go", update: { messages: ["with the answer"] } }), config);
      await graph.updateState(config, { messages: [{ role: "user", content: "edited in" }, new HumanMessage("and this")] });
      await lg.invoke({ messages: ["hello"] }, config);
      await lg.invoke(new LangGraph.Command({ resume: "go", update: { messages: ["with the answer"] } }), config);
      await lg.updateState(config, { messages: [{ role: "user", content: "edited in" }, new HumanMessage("and this")] });
      const ours = (await graph.getState(config)).values.messages as BaseMessage[];
      const theirs = (await lg.getState(config)).values.messages as BaseMessage[];
      expect(observed(ours)).toEqual(observed(theirs));
      expect(ours.every((message) => uuid.test(message.id!))).toBe(true);
      const cold = (await build(await underTest.reopen()).getState(config)).values.messages as BaseMessage[];
      expect(cold.map((message) => [message.constructor, message.id])).toEqual(ours.map((message) => [message.constructor, message.id]));
    } finally {
      await underTest.cleanup();
    }
  });

  it("a RemoveMessage of an id the channel does not hold is refused, by LangGraph and by replaygraph (nothing of it is stored)", async () => {
    const build = (library: { StateGraph: new (state: any) => any; MessagesAnnotation: unknown; START: string }, checkpointer: unknown) =>
      new library.StateGraph(library.MessagesAnnotation)
        .addNode("remove", () => ({ messages: [new RemoveMessage({ id: "nope" })] }))
        .addEdge(library.START, "remove")
        .compile({ checkpointer });
    const config = { configurable: { thread_id: "remove" } };
    await expect(build(LangGraph, new LangGraph.MemorySaver()).invoke({ messages: [] }, config)).rejects.toThrow(/'nope'/);
    const graph = build({ StateGraph, MessagesAnnotation, START }, new MemorySaver());
    await expect(graph.invoke({ messages: [] }, config)).rejects.toThrow(/'nope'.*RemoveMessage|RemoveMessage.*'nope'/);
    expect((await graph.getState(config)).values.messages).toEqual([]);
  });
});

describe("messages in interrupt payloads and answers", () => {
  afterAll(() => stopSharedServers());

  for (const fixture of storeFixtures) {
    it(`${fixture.name}: a message asked about and a message answered come back as messages, in the state and after a restart`, async () => {
      const underTest = await fixture.create();
      try {
        const build = (store: EventStore) =>
          new StateGraph(MessagesAnnotation)
            .addNode("review", (state) => {
              const last = state.messages.at(-1)!;
              const answer = interrupt<unknown, BaseMessage>({ draft: last });
              return { messages: [answer] };
            })
            .addEdge(START, "review")
            .addEdge("review", END)
            .compile({ checkpointer: store });
        const config = { configurable: { thread_id: "review" } };
        const graph = build(underTest.store);
        const paused = (await graph.invoke({ messages: [new HumanMessage({ id: "q", content: "draft reply" })] }, config)) as unknown as {
          __interrupt__: { value: { draft: BaseMessage } }[];
        };
        expect(paused.__interrupt__[0]!.value.draft).toBeInstanceOf(HumanMessage);
        expect(paused.__interrupt__[0]!.value.draft.id).toBe("q");

        const restarted = build(await underTest.reopen());
        const pending = (await restarted.getState(config)).tasks[0]!.interrupts[0]!.value as { draft: BaseMessage };
        expect(pending.draft).toBeInstanceOf(HumanMessage);
        expect(pending.draft.content).toBe("draft reply");

        const done = await restarted.invoke(new Command({ resume: new HumanMessage({ content: "approved as is" }) }), config);
        const messages = done.messages as BaseMessage[];
        expect(messages.map((message) => message.constructor)).toEqual([HumanMessage, HumanMessage]);
        expect(messages[1]!.content).toBe("approved as is");
        expect(messages[1]!.id).toMatch(uuid);
        const cold = (await build(await underTest.reopen()).getState(config)).values.messages as BaseMessage[];
        expect(cold.map((message) => [message.constructor, message.id, message.content])).toEqual(
          messages.map((message) => [message.constructor, message.id, message.content]),
        );
      } finally {
        await underTest.cleanup();
      }
    });
  }
});
