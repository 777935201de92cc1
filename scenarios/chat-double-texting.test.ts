import type { BaseMessage } from "@langchain/core/messages";
import { afterAll, describe, expect, it } from "vitest";
import { createEngine } from "replaygraph";
import { buildChatAgent, question, transcript } from "./chat-double-texting.js";
import { sleep, stepMs } from "./double-texting.js";
import { expectReplayMatchesLive } from "./testing/expect-replay-matches-live.js";
import { stopSharedServers, storeFixtures } from "./testing/store-fixtures.js";

// Seed 002's own graph shape (LangChain messages, a model that calls a stubbed search tool through
// the prebuilt ToolNode) under double texting: a second message arrives while the first run is in
// its tool step. Each store ends with a cold replay on a new handle equal to the live thread.

afterAll(stopSharedServers);

describe.each(storeFixtures)("double texting a messages agent with a search tool (seed 002) on $name", (fixture) => {
  async function setUp() {
    const under = await fixture.create();
    const graph = buildChatAgent(under.store);
    const engine = createEngine({ store: under.store, graphs: { agent: graph } });
    const thread = await engine.threads.create();
    const first = await engine.runs.create(thread.thread_id, "agent", { input: question("sf weather") });
    // The first run has committed its tool call and is searching when the second message arrives.
    await sleep(stepMs * 1.5);
    return { ...under, graph, engine, threadId: thread.thread_id, first };
  }

  it("interrupt: the first run stops in its search; the second runs its own search and answers", async () => {
    const { engine, threadId, first, graph, reopen, cleanup } = await setUp();
    try {
      const second = await engine.runs.create(threadId, "agent", { input: question("nyc weather"), multitaskStrategy: "interrupt" });
      await engine.runs.join(threadId, second.run_id);
      expect(transcript((await engine.threads.getState(threadId)).values.messages as BaseMessage[])).toEqual([
        "human: sf weather",
        "ai: search(sf weather)",
        "human: nyc weather",
        "ai: search(nyc weather)",
        "tool: 3 results for nyc weather",
        "ai: answer from 3 results for nyc weather",
      ]);
      expect([(await engine.runs.get(threadId, first.run_id)).status, (await engine.runs.get(threadId, second.run_id)).status]).toEqual([
        "interrupted",
        "success",
      ]);
      await expectReplayMatchesLive(graph, buildChatAgent, await reopen(), threadId);
    } finally {
      await cleanup();
    }
  });

  it("enqueue: the second message waits for the first answer; both conversations complete in order", async () => {
    const { engine, threadId, first, graph, reopen, cleanup } = await setUp();
    try {
      const second = await engine.runs.create(threadId, "agent", { input: question("nyc weather"), multitaskStrategy: "enqueue" });
      await engine.runs.join(threadId, second.run_id);
      expect(transcript((await engine.threads.getState(threadId)).values.messages as BaseMessage[])).toEqual([
        "human: sf weather",
        "ai: search(sf weather)",
        "tool: 3 results for sf weather",
        "ai: answer from 3 results for sf weather",
        "human: nyc weather",
        "ai: search(nyc weather)",
        "tool: 3 results for nyc weather",
        "ai: answer from 3 results for nyc weather",
      ]);
      expect([(await engine.runs.get(threadId, first.run_id)).status, (await engine.runs.get(threadId, second.run_id)).status]).toEqual(["success", "success"]);
      await expectReplayMatchesLive(graph, buildChatAgent, await reopen(), threadId);
    } finally {
      await cleanup();
    }
  });
});
