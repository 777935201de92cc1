/**
 * How hard the reliability tests push. CI runs the short version; `RELIABILITY_LONG=1` runs ten
 * times the generated cases (and the SIGKILL soak's long form).
 */
export const reliabilityLong = process.env["RELIABILITY_LONG"] === "1";

/** The number of fast-check runs for a property: `short` in CI, ten times more when long. */
export function runsOf(short: number): number {
  return reliabilityLong ? short * 10 : short;
}
