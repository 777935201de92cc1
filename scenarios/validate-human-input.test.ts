import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { buildValidateHumanInputGraph, runValidateHumanInput } from "./validate-human-input.js";
import { expectReplayMatchesLive } from "./testing/expect-replay-matches-live.js";
import { stopSharedServers, storeFixtures } from "./testing/store-fixtures.js";

afterAll(stopSharedServers);

describe.each(storeFixtures)("validate-human-input on $name", (storeFixture) => {
  it("asks again after each invalid answer; the k-th answer goes to the k-th interrupt() call", async () => {
    const fixture = await storeFixture.create();
    const threadId = `age-${randomUUID()}`;
    const { graph, interrupts, final, answerLog } = await runValidateHumanInput(fixture.store, threadId, ["thirty", -1, 30]);
    expect(interrupts.map((pending) => pending.value)).toEqual([
      "What is your age?",
      "'thirty' is not a valid age. Please enter a positive number.",
      "'-1' is not a valid age. Please enter a positive number.",
    ]);
    // Rule 2: one id per call index, each in LangGraph's 32-hex shape.
    expect(new Set(interrupts.map((pending) => pending.id)).size).toBe(3);
    for (const { id } of interrupts) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(final).toEqual({ age: 30 });
    // Rule 13: every execution replays the earlier answers in call order, then receives the new one.
    expect(answerLog).toEqual([[], ["thirty"], ["thirty", -1], ["thirty", -1, 30]]);
    await expectReplayMatchesLive(graph, buildValidateHumanInputGraph, await fixture.reopen(), threadId);
    await fixture.cleanup();
  });
});
