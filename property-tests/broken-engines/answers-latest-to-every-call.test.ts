import { describe, expect, it, vi } from "vitest";
import { replayProperties } from "../properties/catalog.js";
import { failureOf, findCounterexample } from "./find-counterexample.js";

// Broken engine: every answered interrupt() call returns the latest answer, not its own by position.
vi.mock("../../engine/runtime/interrupt.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../engine/runtime/interrupt.js")>();
  const { currentTask } = await import("../../engine/runtime/task-context.js");
  return {
    ...actual,
    interrupt: (value: unknown) => {
      const answer = actual.interrupt(value);
      const answers = currentTask()!.answers;
      return answers[answers.length - 1] ?? answer;
    },
  };
});

describe("broken engine: answers are delivered to the latest question, not by position", () => {
  it("the answers-by-position property finds a counterexample", async () => {
    const result = await findCounterexample(replayProperties.answersByPosition());
    expect(result.failed).toBe(true);
    expect(failureOf(result)).toMatch(/returned .*; the answer given to that call was/);
  }, 120_000);
});
