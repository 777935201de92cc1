import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { buildInterruptInToolGraph, runInterruptInTool, type EmailArgs, type ToolCall } from "./interrupt-in-tool.js";
import { expectReplayMatchesLive } from "./testing/expect-replay-matches-live.js";
import { stopSharedServers, storeFixtures } from "./testing/store-fixtures.js";

afterAll(stopSharedServers);

const proposed: EmailArgs = { to: "ada@example.com", subject: "Meeting" };
const edited: EmailArgs = { to: "ada@example.org", subject: "Meeting moved to 3pm" };
const toolCalls: ToolCall[] = [
  { name: "lookupAddress", args: { person: "Ada" } },
  { name: "sendEmail", args: proposed },
];

describe.each(storeFixtures)("interrupt-in-tool on $name", (storeFixture) => {
  it("the tool asks about its own args; it executes once, with the edited args; the tool node ran twice (rule 12)", async () => {
    const fixture = await storeFixture.create();
    const threadId = `tool-${randomUUID()}`;
    const { graph, payloads, final, world } = await runInterruptInTool(fixture.store, threadId, toolCalls, edited);
    expect(payloads).toEqual([{ tool: "sendEmail", args: proposed }]);
    expect(world.outbox).toEqual([edited]);
    expect(final.results).toEqual(["lookupAddress: ada@example.com", "sendEmail: sent 'Meeting moved to 3pm' to ada@example.org"]);
    // Rule 12: the whole node ran again on resume, the pure tool before the interrupt included.
    expect(world.counts).toEqual({ toolNode: 2, lookupAddress: 2, approvalAsked: 2 });
    await expectReplayMatchesLive(graph, buildInterruptInToolGraph, await fixture.reopen(), threadId);
    await fixture.cleanup();
  });
});
