import { describe, expect, it, vi } from "vitest";
import { replayProperties } from "../properties/catalog.js";
import { failureOf, findCounterexample } from "./find-counterexample.js";

// Broken engine: folding writes into channel values stamps the state with a random number, as a
// reducer that reads Math.random() would. Two replays of the same recorded events then differ.
vi.mock("../../engine/thread/apply-writes.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../engine/thread/apply-writes.js")>();
  return {
    ...actual,
    applyWrites: (...args: Parameters<typeof actual.applyWrites>) => {
      const values = actual.applyWrites(...args);
      return args[2].length === 0 ? values : { ...values, stamp: Math.random() };
    },
  };
});

describe("broken engine: a reducer that is not a function of its writes", () => {
  it("the replay property finds a counterexample, and names two folds of the stream that differ", async () => {
    const result = await findCounterexample(replayProperties.replayMatchesLive());
    expect(result.failed).toBe(true);
    expect(failureOf(result)).toMatch(/folding the recorded events of thread 't' twice gives two states, at \.values\.stamp/);
  }, 120_000);
});
