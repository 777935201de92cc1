import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { buildSubgraphAsNodeGraph, buildSubgraphInNodeGraph, runSubgraphs } from "./subgraphs.js";
import { expectReplayMatchesLive } from "./testing/expect-replay-matches-live.js";
import { stopSharedServers, storeFixtures } from "./testing/store-fixtures.js";

afterAll(stopSharedServers);

describe.each(storeFixtures)("subgraphs on $name", (storeFixture) => {
  it("a compiled subgraph as a node: its interrupt surfaces on the parent; only the interrupted child node re-runs", async () => {
    const fixture = await storeFixture.create();
    const threadId = `sub-node-${randomUUID()}`;
    const { graph, payloads, pausedTasks, final, counts } = await runSubgraphs(fixture.store, threadId, "as-node", "Ada");
    expect(payloads).toEqual(["What's your name?"]);
    expect(pausedTasks).toEqual([["sub", ["What's your name?"]]]);
    expect(final).toEqual({ greeting: "Hello, Ada!", name: "Ada", summary: "greeted Ada" });
    expect(counts).toEqual({ start: 1, greet: 1, askName: 2, finish: 1 });
    await expectReplayMatchesLive(graph, buildSubgraphAsNodeGraph, await fixture.reopen(), threadId);
    await fixture.cleanup();
  });

  it("a subgraph invoked inside a node: the parent node re-runs from its start, the child resumes from its own state", async () => {
    const fixture = await storeFixture.create();
    const threadId = `sub-call-${randomUUID()}`;
    const { graph, payloads, pausedTasks, final, counts } = await runSubgraphs(fixture.store, threadId, "in-node", "Grace");
    expect(payloads).toEqual(["What's your name?"]);
    expect(pausedTasks).toEqual([["wrapper", ["What's your name?"]]]);
    expect(final).toEqual({ greeting: "Hello, Grace!", name: "Grace", summary: "greeted Grace" });
    expect(counts).toEqual({ wrapperBefore: 2, greet: 1, askName: 2, wrapperAfter: 1 });
    await expectReplayMatchesLive(graph, buildSubgraphInNodeGraph, await fixture.reopen(), threadId);
    await fixture.cleanup();
  });
});
