import fc from "fast-check";
import { describe, it } from "vitest";
import { replayProperties } from "./properties/catalog.js";
import { parametersFor, runsFor, timeoutFor } from "./properties/scenario-property.js";

const runs = runsFor(400);

describe("replay properties: history", () => {
  it(
    "rules 26, 2: replaying the stream gives the live state at every revision; a restart sees the same pending interrupts",
    async () => {
      await fc.assert(replayProperties.replayMatchesLive(), parametersFor(runs));
    },
    timeoutFor(runs),
  );
});
