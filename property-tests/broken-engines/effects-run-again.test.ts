import { describe, expect, it, vi } from "vitest";
import { printScenario } from "../model/print-scenario.js";
import { replayProperties } from "../properties/catalog.js";
import { failureOf, findCounterexample } from "./find-counterexample.js";

// Broken engine: effect() runs its body on every execution (and still returns the journaled result).
vi.mock("../../engine/runtime/effect.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../engine/runtime/effect.js")>();
  return {
    ...actual,
    effect: async <T>(key: string, fn: () => T | Promise<T>): Promise<T> => {
      const fresh = await fn();
      return actual.effect(key, () => fresh);
    },
  };
});

describe("broken engine: effect bodies run again on re-execution", () => {
  it("the effect property finds a counterexample and shrinks it to a node that journals an effect before an interrupt", async () => {
    const result = await findCounterexample(replayProperties.effectsRunOnce(), { shrink: true });
    expect(result.failed).toBe(true);
    expect(failureOf(result)).toMatch(/the body of effect .* ran 2 time\(s\); expected exactly once/);
    const program = printScenario(result.counterexample![0]);
    expect(program).toMatch(/await journal\("[\w-]+", [\s\S]*ask\(/);
    expect(result.counterexample![0].steps).toHaveLength(1);
  }, 120_000);
});
