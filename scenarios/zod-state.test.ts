import { randomUUID } from "node:crypto";
import { AIMessage, HumanMessage, type BaseMessage } from "@langchain/core/messages";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { Command, END, START, StateGraph, interrupt, verify, type EventStore } from "replaygraph";
import { MessagesZodMeta, registry } from "replaygraph/zod";
import { expectReplayMatchesLive } from "./testing/expect-replay-matches-live.js";
import { stopSharedServers, storeFixtures } from "./testing/store-fixtures.js";

// A zod-state chat graph (issue 17's "a zod-state graph with a bad input refused"): a bad input is
// refused with zod's error before anything is recorded; the run pauses for approval, is resumed on
// a fresh handle of the store (a new process), and the cold replay equals the live thread.

afterAll(stopSharedServers);

const State = z.object({
  messages: z.custom<BaseMessage[]>().register(registry, MessagesZodMeta),
  topic: z.string().min(3),
  decisions: z.array(z.enum(["approve", "reject"])).register(registry, { reducer: { fn: (a: string[], b: string[]) => a.concat(b) }, default: () => [] }),
});

function buildGraph(store: EventStore) {
  return new StateGraph(State)
    .addNode("draft", (state: any) => ({ messages: [new AIMessage({ content: `A post about ${state.topic}` })] }))
    .addNode("review", (state: any) => {
      const decision = interrupt({ draft: state.messages.at(-1)?.content });
      return { decisions: [decision] };
    })
    .addEdge(START, "draft")
    .addEdge("draft", "review")
    .addEdge("review", END)
    .compile({ checkpointer: store });
}

describe.each(storeFixtures)("a zod-state graph on $name", (storeFixture) => {
  it("refuses a bad input with zod's error, resumes in a new process, and replays to the live state", async () => {
    const fixture = await storeFixture.create();
    try {
      const threadId = `zod-${randomUUID()}`;
      const config = { configurable: { thread_id: threadId } };
      const live = buildGraph(fixture.store);

      const refused = await live.invoke({ topic: "z" }, config).catch((error: unknown) => error as { name: string; issues: { path: string[] }[] });
      expect(refused).toMatchObject({ name: "$ZodError", issues: [{ path: ["topic"], code: "too_small" }] });
      expect(await fixture.store.readStream(threadId)).toMatchObject({ events: [] });

      const paused = await live.invoke({ topic: "zod states", messages: [new HumanMessage("write a post")] }, config);
      expect(paused.__interrupt__?.map((each) => each.value)).toEqual([{ draft: "A post about zod states" }]);

      const resumed = buildGraph(await fixture.reopen());
      expect((await resumed.getState(config)).next).toEqual(["review"]);
      const done = await resumed.invoke(new Command({ resume: "approve" }), config);
      expect(done.decisions).toEqual(["approve"]);
      expect(done.messages.map((m: BaseMessage) => [m.getType(), m.content])).toEqual([
        ["human", "write a post"],
        ["ai", "A post about zod states"],
      ]);

      const reopened = await fixture.reopen();
      await expectReplayMatchesLive(resumed, buildGraph, reopened, threadId);
      expect(await verify(buildGraph(reopened), threadId)).toMatchObject({ ok: true });
    } finally {
      await fixture.cleanup();
    }
  });
});
