import { describe, expect, it, vi } from "vitest";
import { replayProperties } from "../properties/catalog.js";
import { failureOf, findCounterexample } from "./find-counterexample.js";

// Broken engine: warnings are recorded in the thread but left out of invoke()'s output.
vi.mock("../../engine/runtime/invoke-output.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../engine/runtime/invoke-output.js")>();
  type Args = Parameters<typeof actual.invokeOutputOf>;
  return { ...actual, invokeOutputOf: (graph: Args[0], state: Args[1]) => actual.invokeOutputOf(graph, state, []) };
});

describe("broken engine: warnings are not returned to the caller", () => {
  it("the returned-warnings property finds a counterexample", async () => {
    const result = await findCounterexample(replayProperties.warningsReturned());
    expect(result.failed).toBe(true);
    expect(failureOf(result)).toMatch(/__warnings__ had \[\] but the history records/);
  }, 120_000);
});
