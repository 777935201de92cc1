import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { AmbiguousResumeError } from "replaygraph";
import { buildParallelInterruptsGraph, runParallelInterrupts } from "./parallel-interrupts.js";
import { expectReplayMatchesLive } from "./testing/expect-replay-matches-live.js";
import { stopSharedServers, storeFixtures } from "./testing/store-fixtures.js";

afterAll(stopSharedServers);

describe.each(storeFixtures)("parallel-interrupts on $name", (storeFixture) => {
  it("both interrupts surface; a bare resume is refused and changes nothing; one id map answers both; join runs once", async () => {
    const fixture = await storeFixture.create();
    const threadId = `parallel-${randomUUID()}`;
    const outcome = await runParallelInterrupts(fixture.store, threadId);
    const { graph, interrupts, bareResumeError, beforeBareResume, afterBareResume, final, counts } = outcome;

    expect(interrupts.map((pending) => pending.value)).toEqual(["question_a", "question_b"]);
    expect(interrupts[0]?.id).not.toBe(interrupts[1]?.id);
    expect(beforeBareResume.state.next).toEqual(["a", "b"]);
    expect(beforeBareResume.storedEvents).toBeGreaterThan(0);

    expect(bareResumeError).toBeInstanceOf(AmbiguousResumeError);
    const pendingIds = (bareResumeError as AmbiguousResumeError).pending.map((pending) => pending.id);
    expect(pendingIds.sort()).toEqual(interrupts.map((pending) => pending.id).sort());
    expect(afterBareResume).toEqual(beforeBareResume);

    expect(final).toEqual({ vals: ["a:answer for question_a", "b:answer for question_b"], joined: "a:answer for question_a | b:answer for question_b" });
    expect(counts).toEqual({ a: 2, b: 2, join: 1 });
    await expectReplayMatchesLive(graph, buildParallelInterruptsGraph, await fixture.reopen(), threadId);
    await fixture.cleanup();
  });
});
