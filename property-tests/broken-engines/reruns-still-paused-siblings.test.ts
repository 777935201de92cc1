import { describe, expect, it, vi } from "vitest";
import { replayProperties } from "../properties/catalog.js";
import { failureOf, findCounterexample } from "./find-counterexample.js";

// Broken engine: a partial resume re-runs every paused task, answered or not (LangGraph #6208).
vi.mock("../../engine/thread/pending-interrupts.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../engine/thread/pending-interrupts.js")>();
  return { ...actual, isRunnable: (task: Parameters<typeof actual.isRunnable>[0]) => actual.isRunnable(task) || task.status === "interrupted" };
});

describe("broken engine: a partial resume re-runs tasks that got no answer", () => {
  it("the re-run property finds a counterexample", async () => {
    const result = await findCounterexample(replayProperties.reRunsFromStart());
    expect(result.failed).toBe(true);
    expect(failureOf(result)).toMatch(/ran \d+ time\(s\); expected \d+/);
  }, 120_000);
});
