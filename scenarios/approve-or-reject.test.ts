import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { buildApproveOrRejectGraph, runApproveOrReject } from "./approve-or-reject.js";
import { expectReplayMatchesLive } from "./testing/expect-replay-matches-live.js";
import { stopSharedServers, storeFixtures } from "./testing/store-fixtures.js";

afterAll(stopSharedServers);

describe.each(storeFixtures)("approve-or-reject on $name", (storeFixture) => {
  it("approved: the approval payload surfaces, only `proceed` runs", async () => {
    const fixture = await storeFixture.create();
    const threadId = `approve-${randomUUID()}`;
    const { graph, payloads, final, counts } = await runApproveOrReject(fixture.store, threadId, true);
    expect(payloads).toEqual([{ question: "Do you approve this transfer?", details: { action: "transfer", amount: 500 } }]);
    expect(final).toEqual({ action: "transfer", amount: 500, approved: true, status: "transferred" });
    expect(counts).toEqual({ approval: 2, proceed: 1, cancel: 0 });
    await expectReplayMatchesLive(graph, buildApproveOrRejectGraph, await fixture.reopen(), threadId);
    await fixture.cleanup();
  });

  it("rejected: `false` is an answer, only `cancel` runs", async () => {
    const fixture = await storeFixture.create();
    const threadId = `reject-${randomUUID()}`;
    const { graph, payloads, final, counts } = await runApproveOrReject(fixture.store, threadId, false);
    expect(payloads).toHaveLength(1);
    expect(final).toEqual({ action: "transfer", amount: 500, approved: false, status: "cancelled" });
    expect(counts).toEqual({ approval: 2, proceed: 0, cancel: 1 });
    await expectReplayMatchesLive(graph, buildApproveOrRejectGraph, await fixture.reopen(), threadId);
    await fixture.cleanup();
  });
});
