import { describe, expect, it, vi } from "vitest";
import { replayProperties } from "../properties/catalog.js";
import { failureOf, findCounterexample } from "./find-counterexample.js";

// Broken engine: every payload hashes the same, so a changed interrupt() call goes unnoticed.
vi.mock("../../engine/serialization/stable-hash.js", () => ({ stableHash: () => "0000000000000000" }));

describe("broken engine: changed interrupt sequences are not detected", () => {
  it("the determinism warning property finds a counterexample", async () => {
    const result = await findCounterexample(replayProperties.determinismWarnings());
    expect(result.failed).toBe(true);
    expect(failureOf(result)).toMatch(/interrupt-sequence-changed|NonDeterminismError/);
  }, 120_000);
});
