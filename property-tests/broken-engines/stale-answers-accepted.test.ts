import { describe, expect, it, vi } from "vitest";
import { replayProperties } from "../properties/catalog.js";
import { failureOf, findCounterexample } from "./find-counterexample.js";

// Broken engine: ids that are not pending are dropped from a resume map instead of refused, and a
// map left empty just continues the run (what LangGraph does with unknown ids).
vi.mock("../../engine/thread/decide-start-run.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../engine/thread/decide-start-run.js")>();
  const { pendingInterruptsOf } = await import("../../engine/thread/pending-interrupts.js");
  type Args = Parameters<typeof actual.decideStartRun>;
  return {
    ...actual,
    decideStartRun: (graph: Args[0], state: Args[1], command: Args[2]) => {
      const input = command.input;
      if (input.kind !== "command" || input.resume?.kind !== "map") return actual.decideStartRun(graph, state, command);
      const pending = new Set(pendingInterruptsOf(state).map((interrupt) => interrupt.id));
      const answers = Object.fromEntries(Object.entries(input.resume.answers).filter(([id]) => pending.has(id)));
      const lenient = Object.keys(answers).length > 0 ? { ...input, resume: { kind: "map" as const, answers } } : { kind: "continue" as const };
      return actual.decideStartRun(graph, state, { ...command, input: lenient });
    },
  };
});

describe("broken engine: stale and unknown answers are silently dropped", () => {
  it("the refusal property finds a counterexample", async () => {
    const result = await findCounterexample(replayProperties.staleAnswersRefused());
    expect(result.failed).toBe(true);
    expect(failureOf(result)).toMatch(/should be refused with UnknownInterruptError/);
  }, 120_000);
});
