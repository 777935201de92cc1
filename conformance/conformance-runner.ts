import type { File, Task, Test } from "@vitest/runner";
import { TestRunner } from "vitest";
import {
  caseKey,
  conformanceLibraries,
  isUpstreamFile,
  readExclusions,
  readManifest,
  type CaseOutcome,
  type CaseRecord,
  type ConformanceLibrary,
} from "./conformance-manifest.js";
import { collectErrors } from "./upstream-vitest.js";
import { caseSpanAt, lowLevelApiNames, upstreamCaseSpans, type UpstreamCaseSpan } from "./low-level-api-cases.js";

function libraryUnderTest(): ConformanceLibrary {
  const named = process.env.CONFORMANCE_LIBRARY;
  const library = conformanceLibraries.find((candidate) => candidate === named);
  if (!library) throw new Error(`CONFORMANCE_LIBRARY must be one of ${conformanceLibraries.join(", ")}; got ${String(named)}`);
  return library;
}

/**
 * The vitest runner of the conformance projects. It runs the upstream LangGraph cases as they are
 * and then holds each outcome against conformance/expected.json: a case passes when it did what
 * the manifest says (a case expected to fail passes by failing), and fails when it did anything
 * else, newly passing included, so the manifest is a ratchet. Excluded cases are skipped.
 * With CONFORMANCE_UPDATE=1 it only records outcomes (the reporter rewrites the manifest).
 * Every case's outcome and first error go to `task.meta.conformance` for the reporter.
 */
export default class ConformanceRunner extends TestRunner {
  private readonly library = libraryUnderTest();
  private readonly updating = process.env.CONFORMANCE_UPDATE === "1";
  private readonly manifest = readManifest();
  private readonly exclusions = Object.entries(readExclusions());
  private readonly spansByFile = new Map<string, UpstreamCaseSpan[]>();
  private readonly keysByTask = new Map<string, string>();
  private readonly keyCounts = new Map<string, number>();

  onCollected(files: File[]): void {
    const errors = collectErrors().splice(0);
    for (const file of files) if (isUpstreamFile(file.filepath) && errors.length > 0) file.meta.conformanceCollectErrors = errors;
  }

  override async onBeforeRunTask(task: Task): Promise<void> {
    await super.onBeforeRunTask(task);
    if (task.type !== "test" || !isUpstreamFile(task.file.filepath)) return;
    const key = this.keyOf(task);
    if (task.mode === "skip" || task.mode === "todo") {
      this.record(task, { key, library: this.library, outcome: "skip", reason: "skipped upstream" });
      return;
    }
    const exclusion = this.exclusionOf(task, key);
    if (exclusion) {
      task.mode = "skip";
      this.record(task, { key, library: this.library, outcome: "excluded", reason: exclusion });
    }
  }

  override onAfterRunTask(task: Task): void {
    super.onAfterRunTask(task);
    if (task.type !== "test" || !isUpstreamFile(task.file.filepath) || !task.result) return;
    const outcome: CaseOutcome = task.result.state === "pass" ? "pass" : "fail";
    const firstError = task.result.errors?.[0];
    const reason = firstError ? `${firstError.name ?? "Error"}: ${firstError.message}` : undefined;
    const key = this.keyOf(task);
    this.record(task, { key, library: this.library, outcome, ...(reason === undefined ? {} : { reason }) });
    // CONFORMANCE_SHOW_ERRORS=1: print each failing case's first error with its stack (a case expected to fail hides it otherwise).
    if (process.env.CONFORMANCE_SHOW_ERRORS === "1" && firstError) console.error(`[${this.library}] ${key}\n${firstError.stack ?? reason}`);
    if (this.updating) {
      task.result.state = "pass";
      delete task.result.errors;
      return;
    }
    const expected = this.manifest.cases[key]?.[this.library];
    if (expected === outcome) {
      task.result.state = "pass";
      delete task.result.errors;
      return;
    }
    const said = expected === undefined ? "has no entry in conformance/expected.json" : `is expected to ${expected} on ${this.library}`;
    const message = `${key} ${said} but it ${outcome === "pass" ? "passed" : "failed"}${reason ? ` (${reason.split("\n")[0]})` : ""}. If that is the new truth, run \`npm run conformance:update\` and commit conformance/expected.json and RESULTS.md.`;
    task.result.state = "fail";
    task.result.errors = [{ name: "ConformanceMismatch", message, stack: `ConformanceMismatch: ${message}` }];
  }

  private record(task: Test, record: CaseRecord): void {
    task.meta.conformance = record;
  }

  private keyOf(task: Test): string {
    const known = this.keysByTask.get(task.id);
    if (known) return known;
    const names: string[] = [task.name];
    for (let suite = task.suite; suite && suite !== task.file; suite = suite.suite) names.unshift(suite.name);
    const base = caseKey(task.file.filepath, names);
    // Upstream repeats a few names within one describe; number the repeats in run order.
    const seen = (this.keyCounts.get(base) ?? 0) + 1;
    this.keyCounts.set(base, seen);
    const key = seen === 1 ? base : `${base} (#${seen})`;
    this.keysByTask.set(task.id, key);
    return key;
  }

  private exclusionOf(task: Test, key: string): string | undefined {
    const byHand = this.exclusions.find(([prefix]) => key.startsWith(prefix));
    if (byHand) return byHand[1];
    const line = task.location?.line;
    if (line === undefined) return undefined;
    let spans = this.spansByFile.get(task.file.filepath);
    if (!spans) {
      spans = upstreamCaseSpans(task.file.filepath);
      this.spansByFile.set(task.file.filepath, spans);
    }
    const names = caseSpanAt(spans, line)?.lowLevelNames ?? [];
    if (names.length === 0) return undefined;
    const apis = [...new Set(names.map((name) => lowLevelApiNames.get(name)))].join(", ");
    return `low-level API, not the StateGraph model: ${apis} (${names.join(", ")})`;
  }
}
