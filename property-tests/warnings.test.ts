import fc from "fast-check";
import { describe, it } from "vitest";
import { replayProperties } from "./properties/catalog.js";
import { parametersFor, runsFor, timeoutFor } from "./properties/scenario-property.js";

const runs = runsFor(400);

describe("replay properties: warnings", () => {
  it(
    "rules 15, 16: a warning is raised exactly when a program does I/O (or an observed write) outside effect() before the interrupt it re-runs for",
    async () => {
      await fc.assert(replayProperties.sideEffectWarnings(), parametersFor(runs));
    },
    timeoutFor(runs),
  );

  it(
    "rules 4, 14: a warning is raised exactly when a program changes its interrupt sequence or swallows a pause; strict mode fails instead",
    async () => {
      await fc.assert(replayProperties.determinismWarnings(), parametersFor(runs));
    },
    timeoutFor(runs),
  );

  it(
    "rule 16: the warnings a call returns (onWarning, __warnings__) are those recorded in the thread",
    async () => {
      await fc.assert(replayProperties.warningsReturned(), parametersFor(runs));
    },
    timeoutFor(runs),
  );
});
