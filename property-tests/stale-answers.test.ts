import fc from "fast-check";
import { describe, it } from "vitest";
import { replayProperties } from "./properties/catalog.js";
import { parametersFor, runsFor, timeoutFor } from "./properties/scenario-property.js";

const runs = runsFor(400);

describe("replay properties: refusals", () => {
  it(
    "rules 6, 7, 10: a stale or unknown answer is refused with its named error and changes nothing",
    async () => {
      await fc.assert(replayProperties.staleAnswersRefused(), parametersFor(runs));
    },
    timeoutFor(runs),
  );
});
