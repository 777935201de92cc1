import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ExpectedRevisionConflictError, StoreUnavailableError } from "../../store/store-errors.js";
import { errorTaxonomy } from "./error-taxonomy.js";
import { ReplayGraphError } from "./replaygraph-error.js";
import { RunLeaseExpiredError } from "./run-lease-expired-error.js";
import { RunTimeoutError } from "./run-timeout-error.js";
import { NoPendingInterruptError, ThreadNotFoundError } from "./resume-errors.js";
import { RunNotFoundError, ThreadBusyError } from "./service-errors.js";

const root = new URL("../../", import.meta.url).pathname;

/**
 * Every named error class in the package's sources: its name, its base, its code. Fault-injection
 * decorators under `testing/` folders throw their own errors on purpose (a simulated crash must
 * look like any failure), so they are not part of the taxonomy.
 */
function errorClassesInSources(): { name: string; base: string; code: string }[] {
  const found: { name: string; base: string; code: string }[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "testing") visit(path);
      } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
        const source = readFileSync(path, "utf8");
        for (const match of source.matchAll(/export (?:abstract )?class (\w+) extends (\w+) \{[^}]*?readonly code(?:: string)? = "([A-Z_]+)"/gs)) {
          found.push({ name: match[1]!, base: match[2]!, code: match[3]! });
        }
      }
    }
  };
  visit(join(root, "engine"));
  visit(join(root, "store"));
  return found;
}

/** The README's error table: class, code, category, retryable. */
function readmeRows(): { name: string; code: string; category: string; retryable: boolean }[] {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Errors"), readme.indexOf("## Limits"));
  return [...section.matchAll(/^\| `(\w+)` \| `([A-Z_]+)` \| (\w+) \| (yes|no) \|/gm)].map((m) => ({
    name: m[1]!,
    code: m[2]!,
    category: m[3]!,
    retryable: m[4] === "yes",
  }));
}

describe("the error taxonomy", () => {
  const classes = errorClassesInSources();

  it("every named error in the sources has a class in the table, and the table names no code the sources lack", () => {
    expect(classes.length).toBeGreaterThan(60);
    const codes = new Set(classes.map((c) => c.code));
    expect([...codes].filter((code) => errorTaxonomy[code] === undefined)).toEqual([]);
    expect(Object.keys(errorTaxonomy).filter((code) => !codes.has(code))).toEqual([]);
  });

  it("every named error is a ReplayGraphError, store errors too", () => {
    const names = new Set(classes.map((c) => c.name));
    expect(classes.filter((c) => c.base !== "ReplayGraphError" && !names.has(c.base)).map((c) => `${c.name} extends ${c.base}`)).toEqual([]);
    const conflict = new ExpectedRevisionConflictError("thread-t", 3, 4);
    expect(conflict).toBeInstanceOf(ReplayGraphError);
    expect([conflict.category, conflict.retryable]).toEqual(["conflict", true]);
    expect([new StoreUnavailableError("down").category, new StoreUnavailableError("down").retryable]).toEqual(["unavailable", true]);
  });

  it("the README's table lists every error once, with the table's category and retryable flag", () => {
    const rows = readmeRows();
    expect(rows.map((r) => r.code).sort()).toEqual(Object.keys(errorTaxonomy).sort());
    for (const row of rows) {
      expect({ category: row.category, retryable: row.retryable }, row.code).toEqual(errorTaxonomy[row.code]);
      expect(classes.find((c) => c.code === row.code)?.name, row.code).toBe(row.name);
    }
  });

  it("RunTimeoutError and RunLeaseExpiredError are real classes whose messages say how to continue", () => {
    const timeout = new RunTimeoutError("r1", "over its timeoutMs of 50");
    expect([timeout.code, timeout.category, timeout.retryable]).toEqual(["RUN_TIMEOUT", "unavailable", true]);
    expect(timeout.message).toMatch(/ran out of time: over its timeoutMs of 50\. The steps it stored are kept/);
    const lease = new RunLeaseExpiredError("r1", "its lease expired at 2026-01-01T00:00:00.000Z: the process running it stopped");
    expect([lease.code, lease.name]).toEqual(["RUN_LEASE_EXPIRED", "RunLeaseExpiredError"]);
    expect(lease.message).toMatch(/lease expired.*crashedRuns: "requeue"/);
  });

  it("a missing thread is not a kind of 'nothing pending'", () => {
    const missing = new ThreadNotFoundError("t");
    expect(missing).toBeInstanceOf(ReplayGraphError);
    expect(missing).not.toBeInstanceOf(NoPendingInterruptError);
    expect([missing.category, new NoPendingInterruptError("t").category]).toEqual(["not_found", "conflict"]);
  });

  it("instanceof works across two copies of the package (the built one and the sources), by class", async () => {
    const built = join(root, "dist/engine/index.js");
    if (!existsSync(built)) throw new Error("dist/ is missing: run `npm run build` (npm test does) before this test.");
    const other = (await import(pathToFileURL(built).href)) as Record<string, new (...args: never[]) => Error>;
    expect(other["ReplayGraphError"]).not.toBe(ReplayGraphError);
    const busy = new (other["ThreadBusyError"] as unknown as new (threadId: string, runIds: string[]) => Error)("t", ["r1"]);
    expect(busy).toBeInstanceOf(ThreadBusyError);
    expect(busy).toBeInstanceOf(ReplayGraphError);
    expect(busy).not.toBeInstanceOf(RunNotFoundError);
    expect(new ThreadBusyError("t", ["r1"])).toBeInstanceOf(other["ThreadBusyError"]!);
    expect(new Error("plain")).not.toBeInstanceOf(ReplayGraphError);
  });
});
