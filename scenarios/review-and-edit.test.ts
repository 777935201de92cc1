import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { buildReviewAndEditGraph, draftAbout, runReviewAndEdit } from "./review-and-edit.js";
import { expectReplayMatchesLive } from "./testing/expect-replay-matches-live.js";
import { stopSharedServers, storeFixtures } from "./testing/store-fixtures.js";

afterAll(stopSharedServers);

describe.each(storeFixtures)("review-and-edit on $name", (storeFixture) => {
  it("the reviewer sees the draft, the edited text wins, the draft node does not re-run", async () => {
    const fixture = await storeFixture.create();
    const threadId = `review-${randomUUID()}`;
    const edited = "A short, corrected note about event sourcing.";
    const { graph, payloads, final, counts } = await runReviewAndEdit(fixture.store, threadId, "event sorcing", edited);
    expect(payloads).toEqual([{ instruction: "Review and edit this content", content: draftAbout("event sorcing") }]);
    expect(final).toEqual({ topic: "event sorcing", content: edited, published: edited });
    expect(counts).toEqual({ draft: 1, review: 2, publish: 1 });
    await expectReplayMatchesLive(graph, buildReviewAndEditGraph, await fixture.reopen(), threadId);
    await fixture.cleanup();
  });
});
