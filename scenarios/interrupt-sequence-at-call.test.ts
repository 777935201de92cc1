import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import {
  Annotation,
  Command,
  END,
  INTERRUPT,
  NonDeterminismError,
  START,
  StateGraph,
  WARNINGS,
  history,
  interrupt,
  type EventStore,
  type HistoryEntry,
  type ReplayWarning,
} from "replaygraph";
import { stopSharedServers, storeFixtures } from "./testing/store-fixtures.js";

// Rule 14 at the moment it fires: a re-executed node whose earlier interrupt() call changed is
// reported in the run that re-executes it, even when the node then pauses at a later interrupt();
// with strict: true the task fails there, and the later question is never asked.

afterAll(stopSharedServers);

const State = Annotation.Root({ log: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });

type Change = "none" | "payload" | "reordered" | "skipped";

/** What the node asks, by change; after two answers, the next question is the third. */
const asked: Record<Change, readonly string[]> = {
  none: ["name?", "age?", "city?", "zip?"],
  payload: ["email?", "age?", "city?", "zip?"],
  reordered: ["age?", "name?", "city?", "zip?"],
  skipped: ["age?", "city?", "zip?"],
};
const nextQuestion = (change: Change) => asked[change][2]!;

/** A node asking three questions; `change` alters what it asks before the last once set. */
function interview(store: EventStore, strict: boolean, change: { current: Change }, catchIt = false) {
  return new StateGraph(State)
    .addNode("ask", () => {
      const questions = asked[change.current];
      const answers: unknown[] = [];
      for (const question of questions) {
        try {
          answers.push(interrupt(question));
        } catch (error) {
          // A node that catches what interrupt() throws: rethrows the pause, keeps going otherwise.
          if (!catchIt || !(error instanceof NonDeterminismError)) throw error;
          answers.push("caught");
        }
      }
      return { log: [answers.join("/")] };
    })
    .addEdge(START, "ask")
    .addEdge("ask", END)
    .compile({ checkpointer: store, strict });
}

async function entries(graph: { readonly checkpointer: EventStore | undefined }, threadId: string): Promise<HistoryEntry[]> {
  const all: HistoryEntry[] = [];
  for await (const entry of history(graph, threadId)) all.push(entry);
  return all;
}

const memoryAndSqlite = storeFixtures.filter((fixture) => fixture.name === "memory" || fixture.name === "sqlite");

describe.each(memoryAndSqlite)("interrupt-sequence-changed is raised at the changed call, on $name", (storeFixture) => {
  it.each(["payload", "reordered", "skipped"] as const)(
    "lenient, %s before the pending call: the warning is in the run that pauses at the next question, and in its history",
    async (kind) => {
      const fixture = await storeFixture.create();
      const threadId = `seq-${kind}-${randomUUID()}`;
      const config = { configurable: { thread_id: threadId } };
      const change = { current: "none" as Change };
      const graph = interview(fixture.store, false, change);
      await graph.invoke({}, config);
      await graph.invoke(new Command({ resume: "Ada" }), config);
      change.current = kind;
      const seen: ReplayWarning[] = [];
      const paused = await graph.invoke(new Command({ resume: 36 }), { ...config, onWarning: (warning) => seen.push(warning) });
      // The node paused again at a later question, and this run already reports the change.
      expect(paused[INTERRUPT]?.map((i) => i.value)).toEqual([nextQuestion(kind)]);
      // One warning for each answered call whose question changed (the first at call #0).
      const changed = kind === "payload" ? [0] : [0, 1];
      expect(paused[WARNINGS]).toEqual(changed.map((index) => expect.objectContaining({ kind: "interrupt-sequence-changed", node: "ask", index })));
      expect(seen.map((warning) => warning.index)).toEqual(changed);
      // In the history, the warning belongs to this run: before the event that paused it.
      const recorded = await entries({ checkpointer: await fixture.reopen() }, threadId);
      const lastRun = recorded.filter((entry) => entry.type === "RunStarted").at(-1)!.runId;
      const ofLastRun = recorded.filter((entry) => entry.runId === lastRun).map((entry) => entry.type);
      expect(ofLastRun).toContain("ReplayWarningRaised");
      expect(ofLastRun.indexOf("ReplayWarningRaised")).toBeLessThan(ofLastRun.indexOf("TaskInterrupted"));
      await fixture.cleanup();
    },
  );

  it.each([
    ["payload", false],
    ["reordered", false],
    ["skipped", false],
    ["payload", true],
  ] as const)("strict, %s (node catches the error: %s): the task fails at the changed call and the next question is never shown", async (kind, catchIt) => {
    const fixture = await storeFixture.create();
    const threadId = `seq-strict-${kind}-${randomUUID()}`;
    const config = { configurable: { thread_id: threadId } };
    const change = { current: "none" as Change };
    const graph = interview(fixture.store, true, change, catchIt);
    await graph.invoke({}, config);
    await graph.invoke(new Command({ resume: "Ada" }), config);
    change.current = kind;
    const chunks: unknown[] = [];
    const error = await (async () => {
      for await (const chunk of await graph.stream(new Command({ resume: 36 }), { ...config, streamMode: ["updates", "values"] })) chunks.push(chunk);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NonDeterminismError);
    expect([(error as NonDeterminismError).node, (error as NonDeterminismError).index]).toEqual(["ask", 0]);
    // No chunk, snapshot or history entry shows the later question.
    const question = nextQuestion(kind);
    expect(JSON.stringify(chunks)).not.toContain(question);
    const snapshot = await graph.getState(config);
    expect(JSON.stringify(snapshot.tasks)).not.toContain(question);
    const recorded = await entries({ checkpointer: await fixture.reopen() }, threadId);
    expect(JSON.stringify(recorded.map((entry) => entry.event))).not.toContain(question);
    expect(recorded.map((entry) => entry.type).slice(-3)).toEqual(["ReplayWarningRaised", "TaskFailed", "RunFailed"]);
    await fixture.cleanup();
  });
});
