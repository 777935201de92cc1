import { createWriteStream, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { finished } from "node:stream/promises";
import { goldenHistories, goldenHistoryFile } from "./golden-histories.js";
import { recordGoldenHistory } from "./record-golden-history.js";

/**
 * `npm run record-histories`: records every golden history again into `scenarios/histories/`.
 * Do it only on purpose (a new scenario, a deliberate change of format): a golden history is
 * there to show that threads recorded by older code still replay and verify today.
 */
for (const golden of goldenHistories) {
  const file = goldenHistoryFile(golden.name);
  mkdirSync(dirname(file), { recursive: true });
  const output = createWriteStream(file);
  await recordGoldenHistory(golden, output);
  output.end();
  await finished(output);
  console.log(`recorded ${file}`);
}
