import { describe, expect, it, vi } from "vitest";
import { replayProperties } from "../properties/catalog.js";
import { failureOf, findCounterexample } from "./find-counterexample.js";

// Broken engine: replay windows close without warning about the I/O or observed writes they saw.
vi.mock("../../engine/runtime/replay-window.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../engine/runtime/replay-window.js")>();
  return {
    ...actual,
    closeReplayWindow: (task: Parameters<typeof actual.closeReplayWindow>[0]) => {
      const before = task.warnings.length;
      actual.closeReplayWindow(task);
      task.warnings.length = before;
    },
  };
});

describe("broken engine: no idempotency warnings", () => {
  it("the side-effect warning property finds a counterexample", async () => {
    const result = await findCounterexample(replayProperties.sideEffectWarnings());
    expect(result.failed).toBe(true);
    expect(failureOf(result)).toMatch(/(io-before-interrupt|side-effect-repeated).*: 0 recorded; expected 1/);
  }, 120_000);
});
