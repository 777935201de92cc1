import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { relative } from "node:path";

/** The libraries the upstream tests run against; each has a vitest project `conformance-<library>`. */
export const conformanceLibraries = ["langgraph", "replaygraph"] as const;
/** One of {@link conformanceLibraries}. */
export type ConformanceLibrary = (typeof conformanceLibraries)[number];

/**
 * What a case did: ran and passed, ran and failed, was skipped by upstream itself (`it.skip`), or
 * was excluded from the conformance run (see conformance/excluded.json and low-level-api-cases.ts).
 */
export type CaseOutcome = "pass" | "fail" | "skip" | "excluded";

/** The committed manifest, conformance/expected.json: each case's outcome on each library. */
export interface ConformanceManifest {
  readonly upstream: string;
  readonly cases: Record<string, Partial<Record<ConformanceLibrary, CaseOutcome>>>;
}

/** What the runner records on a case (`task.meta.conformance`) for the reporter. */
export interface CaseRecord {
  readonly key: string;
  readonly library: ConformanceLibrary;
  readonly outcome: CaseOutcome;
  readonly reason?: string;
}

declare module "vitest" {
  interface TaskMeta {
    conformance?: CaseRecord;
    /** On a file: describe bodies that threw while collecting (see upstream-vitest.ts). */
    conformanceCollectErrors?: ReadonlyArray<{ readonly describe: string; readonly reason: string }>;
  }
}

/** The name of the skipped case upstream-vitest.ts registers in a describe whose body threw: it exists on that library only. */
export const uncollectedPlaceholderName = "(the rest of this describe was not collected: its body threw)";

/** The folder holding the upstream files, as they sit under LangGraph's `src/tests/`. */
export const upstreamTestsDir = fileURLToPath(new URL("./upstream/tests/", import.meta.url));
/** The committed manifest's path. */
export const manifestPath = fileURLToPath(new URL("./expected.json", import.meta.url));
/** The hand-kept exclusions' path: case-name prefix → reason. */
export const exclusionsPath = fileURLToPath(new URL("./excluded.json", import.meta.url));
/** The generated summary's path. */
export const resultsPath = fileURLToPath(new URL("./RESULTS.md", import.meta.url));

/** A case's manifest key: its upstream file (relative to `src/tests/`), describe path and name. */
export function caseKey(filePath: string, names: readonly string[]): string {
  return [relative(upstreamTestsDir, filePath), ...names].join(" > ");
}

/** True when a path is one of the upstream files. */
export function isUpstreamFile(filePath: string): boolean {
  return filePath.startsWith(upstreamTestsDir);
}

/** Reads the committed manifest (an empty one if it does not exist yet). */
export function readManifest(): ConformanceManifest {
  try {
    return JSON.parse(readFileSync(manifestPath, "utf8")) as ConformanceManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { upstream: "", cases: {} };
    throw error;
  }
}

/** Reads the hand-kept exclusions: every case whose key starts with a listed prefix is excluded, for the reason given. */
export function readExclusions(): Record<string, string> {
  const parsed = JSON.parse(readFileSync(exclusionsPath, "utf8")) as { cases: Record<string, string> };
  return parsed.cases;
}
