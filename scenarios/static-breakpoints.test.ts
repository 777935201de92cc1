import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { buildStaticBreakpointsGraph, runStaticBreakpoints } from "./static-breakpoints.js";
import { expectReplayMatchesLive } from "./testing/expect-replay-matches-live.js";
import { stopSharedServers, storeFixtures } from "./testing/store-fixtures.js";

afterAll(stopSharedServers);

describe.each(storeFixtures)("static-breakpoints on $name", (storeFixture) => {
  it("compile-time: stops before b and after b with __interrupt__: []; invoke(null) continues past each", async () => {
    const fixture = await storeFixture.create();
    const threadId = `bp-compile-${randomUUID()}`;
    const { graph, stops, counts } = await runStaticBreakpoints(fixture.store, threadId, { kind: "compile-time" });
    expect(stops).toEqual([
      { output: { log: ["input", "a"], __interrupt__: [] }, next: ["b"] },
      { output: { log: ["input", "a", "b"], __interrupt__: [] }, next: ["c"] },
      { output: { log: ["input", "a", "b", "c"] }, next: [] },
    ]);
    expect(counts).toEqual({ a: 1, b: 1, c: 1 });
    await expectReplayMatchesLive(graph, buildStaticBreakpointsGraph, await fixture.reopen(), threadId);
    await fixture.cleanup();
  });

  it("run-time: interruptBefore in the invoke config replaces the compiled lists for that run", async () => {
    const fixture = await storeFixture.create();
    const threadId = `bp-run-${randomUUID()}`;
    const { graph, stops, counts } = await runStaticBreakpoints(fixture.store, threadId, { kind: "run-time", interruptBefore: ["c"] });
    expect(stops).toEqual([
      { output: { log: ["input", "a", "b"], __interrupt__: [] }, next: ["c"] },
      { output: { log: ["input", "a", "b", "c"] }, next: [] },
    ]);
    expect(counts).toEqual({ a: 1, b: 1, c: 1 });
    await expectReplayMatchesLive(graph, buildStaticBreakpointsGraph, await fixture.reopen(), threadId);
    await fixture.cleanup();
  });

  it("Command({update}) at a breakpoint applies the update, then runs on to the next breakpoint", async () => {
    const fixture = await storeFixture.create();
    const threadId = `bp-update-${randomUUID()}`;
    const { graph, stops, counts } = await runStaticBreakpoints(fixture.store, threadId, { kind: "update-at-breakpoint", update: ["edited"] });
    expect(stops).toEqual([
      { output: { log: ["input", "a"], __interrupt__: [] }, next: ["b"] },
      { output: { log: ["input", "a", "edited", "b"], __interrupt__: [] }, next: ["c"] },
      { output: { log: ["input", "a", "edited", "b", "c"] }, next: [] },
    ]);
    expect(counts).toEqual({ a: 1, b: 1, c: 1 });
    await expectReplayMatchesLive(graph, buildStaticBreakpointsGraph, await fixture.reopen(), threadId);
    await fixture.cleanup();
  });
});
