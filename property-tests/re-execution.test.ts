import fc from "fast-check";
import { describe, it } from "vitest";
import { replayProperties } from "./properties/catalog.js";
import { parametersFor, runsFor, timeoutFor } from "./properties/scenario-property.js";

const runs = runsFor(400);

describe("replay properties: re-execution", () => {
  it(
    "rules 12, 18: a node re-runs from its start on every resume that answers it (counted per task), and never otherwise",
    async () => {
      await fc.assert(replayProperties.reRunsFromStart(), parametersFor(runs));
    },
    timeoutFor(runs),
  );

  it(
    "rules 13, 2: the k-th interrupt() call of a task returns the k-th answer, in every schedule; each call keeps its id",
    async () => {
      await fc.assert(replayProperties.answersByPosition(), parametersFor(runs));
    },
    timeoutFor(runs),
  );
});
