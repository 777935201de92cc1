import fc from "fast-check";
import { describe, it } from "vitest";
import { replayProperties } from "./properties/catalog.js";
import { parametersFor, runsFor, timeoutFor } from "./properties/scenario-property.js";

const runs = runsFor(400);

describe("replay properties: effects", () => {
  it(
    "rule 15: an effect() body runs exactly once per task, however many resumes and restarts",
    async () => {
      await fc.assert(replayProperties.effectsRunOnce(), parametersFor(runs));
    },
    timeoutFor(runs),
  );
});
