import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { history, verify } from "replaygraph";
import { buildFunctionalApproval, runFunctionalApproval } from "./functional-approval.js";
import { expectReplayMatchesLive } from "./testing/expect-replay-matches-live.js";
import { stopSharedServers, storeFixtures } from "./testing/store-fixtures.js";

afterAll(stopSharedServers);

const question = {
  question: "Send this order?",
  text: "Order A-17: tea, unobtainium",
  stock: [
    { item: "tea", inStock: true },
    { item: "unobtainium", inStock: false },
  ],
};

describe.each(storeFixtures)("functional-approval on $name", (storeFixture) => {
  it("approved: the tasks before the question run once, send runs once, the journal lists each call", async () => {
    const fixture = await storeFixture.create();
    const threadId = `functional-${randomUUID()}`;
    const { graph, payloads, final, counts } = await runFunctionalApproval(fixture.store, threadId, { ok: true });
    expect(payloads).toEqual([question]);
    expect(final).toEqual({ status: "sent", receipt: { sentChars: 28 } });
    expect(counts).toEqual({ entry: 2, draft: 1, check: 2, send: 1 });
    const reopened = await fixture.reopen();
    await expectReplayMatchesLive(graph.graph, (store) => buildFunctionalApproval(store).graph, reopened, threadId);
    const cold = buildFunctionalApproval(reopened);
    expect(await cold.getState({ configurable: { thread_id: threadId } })).toEqual(await graph.getState({ configurable: { thread_id: threadId } }));
    const keys: string[] = [];
    for await (const entry of history(cold, threadId, { types: ["EffectRecorded"] })) keys.push((entry.event as { key: string }).key);
    expect([...keys].sort()).toEqual(["task:0:draft", "task:1:check-stock", "task:2:check-stock", "task:3:send"]);
    expect(await verify(cold, threadId)).toMatchObject({ ok: true });
    await fixture.cleanup();
  });

  it("rejected: the answer reaches the entrypoint, send never runs", async () => {
    const fixture = await storeFixture.create();
    const threadId = `functional-${randomUUID()}`;
    const { final, counts } = await runFunctionalApproval(fixture.store, threadId, { ok: false, reason: "out of stock" });
    expect(final).toEqual({ status: "discarded", reason: "out of stock" });
    expect(counts).toEqual({ entry: 2, draft: 1, check: 2, send: 0 });
    await fixture.cleanup();
  });
});
