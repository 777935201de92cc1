import { InvalidConfigError } from "../errors/run-errors.js";
import type { RunConfig } from "./run-config.js";

/** The config's `maxConcurrency`, checked: a positive integer, or undefined (no limit). */
export function maxConcurrencyOf(config: RunConfig | undefined): number | undefined {
  const limit = config?.maxConcurrency;
  if (limit === undefined) return undefined;
  if (!Number.isInteger(limit) || limit < 1)
    throw new InvalidConfigError(`maxConcurrency must be a positive integer; got ${String(limit)}. Leave it out to run every task of a step at once.`);
  return limit;
}
