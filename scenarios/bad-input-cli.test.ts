import { mkdir, readFile, writeFile, mkdtemp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteEventStore } from "replaygraph/sqlite";
import { snapshotBuiltCli, type BuiltCli } from "../engine/cli/testing/built-cli.js";
import { loadGoldenHistory } from "./golden-histories.js";

/**
 * Issue 8's bad-input catalogue, command-line part: each row runs the built CLI as a child process
 * with a bad command line or bad file against a SQLite store holding a real thread, and asserts
 * the exit code, the named error on stderr, and that the store file did not change.
 */
let cli: BuiltCli;
let dir: string;
let db: string;
const thread = "golden-plan-revision";

beforeAll(async () => {
  cli = await snapshotBuiltCli();
  dir = await mkdtemp(join(tmpdir(), "replaygraph-bad-cli-"));
  db = join(dir, "threads.db");
  const store = new SqliteEventStore(db);
  await loadGoldenHistory("plan-revision", store);
  await store.close();
  await writeFile(join(dir, "not-a-db.db"), "plain text, not SQLite");
  const exported = await cli.run(["export", thread, "--out", join(dir, "good.jsonl"), "--store", `sqlite:${db}`]);
  expect(exported.code).toBe(0);
  const text = await readFile(join(dir, "good.jsonl"), "utf8");
  await writeFile(join(dir, "truncated.jsonl"), text.slice(0, Math.floor(text.length / 2)));
  await writeFile(join(dir, "garbage.jsonl"), "{ not json\n");
  // The same thread, with one recorded write changed: not a prefix of what the store holds.
  const lines = text.trim().split("\n");
  const changed = lines.findIndex((line) => line.includes('"type":"TaskSucceeded"'));
  lines[changed] = lines[changed]!.replace(/"writes":\{/, '"writes":{"x":1,');
  await writeFile(join(dir, "conflicting.jsonl"), lines.join("\n") + "\n");
  await writeFile(join(dir, "not-a-graph.mjs"), "export const nothing = 1;\n");
  await mkdir(join(dir, "bad-config"));
  await writeFile(join(dir, "bad-config", "langgraph.json"), '{ "graphs": { "plan": ');
}, 240_000);
afterAll(async () => {
  await cli?.cleanup();
  await rm(dir, { recursive: true, force: true });
});

async function storeBytes(): Promise<Buffer[]> {
  return Promise.all([db, `${db}-wal`].filter((file) => existsSync(file)).map((file) => readFile(file)));
}

type Row = readonly [title: string, args: (store: string) => string[], exit: number, error: RegExp];

const rows: Row[] = [
  ["an unknown command", () => ["histroy", thread], 2, /UsageError/],
  ["an unknown flag", (store) => ["history", thread, "--frm", "3", "--store", store], 2, /Unknown flag '--frm'/],
  ["a missing thread argument", (store) => ["history", "--store", store], 2, /needs <thread>/],
  ["a store spec with an unknown scheme", () => ["threads", "--store", "mysql://db/threads"], 2, /\[INVALID_STORE\]/],
  [
    "a store file that does not exist (read-only commands never create one)",
    () => ["threads", "--store", `sqlite:${join(dir, "missing.db")}`],
    2,
    /missing\.db/,
  ],
  ["a store file that is not a database", () => ["threads", "--store", `sqlite:${join(dir, "not-a-db.db")}`], 4, /NotASqliteDatabaseError/],
  ["history of a thread the store does not have", (store) => ["history", "nobody", "--store", store], 3, /UnknownThreadError/],
  [
    "state at a revision past the end",
    (store) => ["state", thread, "--at", "100000", "--store", store, "--graph", "unused.mjs"],
    3,
    /RevisionOutOfRange|GraphModule|not found/i,
  ],
  ["state at a revision that is not a number", (store) => ["state", thread, "--at", "three", "--store", store], 2, /needs an integer/],
  ["verify with a graph module that does not exist", (store) => ["verify", join(dir, "nope.mjs"), thread, "--store", store], 3, /./],
  ["verify with a module that exports no graph", (store) => ["verify", join(dir, "not-a-graph.mjs"), thread, "--store", store], 3, /./],
  ["import of a truncated history file", (store) => ["import", join(dir, "truncated.jsonl"), "--store", store], 4, /TruncatedExportError/],
  ["import of a file that is not JSON Lines", (store) => ["import", join(dir, "garbage.jsonl"), "--store", store], 4, /InvalidExportError/],
  ["import over a thread that exists with other events", (store) => ["import", join(dir, "conflicting.jsonl"), "--store", store], 5, /ImportTargetExistsError/],
  [
    "import of a file that does not exist",
    (store) => ["import", join(dir, "nope.jsonl"), "--store", store],
    3,
    /FileNotFoundError \[FILE_NOT_FOUND\]: There is no history file at/,
  ],
  [
    "export into a folder that does not exist",
    (store) => ["export", thread, "--out", join(dir, "missing", "t.jsonl"), "--store", store],
    3,
    /FileNotFoundError \[FILE_NOT_FOUND\]: There is no folder at .*missing. Create it first/,
  ],
  [
    "fuzz --answers naming a file that does not exist",
    () => ["fuzz", join(dir, "not-a-graph.mjs"), "--answers", join(dir, "nope.schema.json")],
    3,
    /FileNotFoundError \[FILE_NOT_FOUND\]: There is no JSON Schema file at .*nope\.schema\.json/,
  ],
  ["fuzz with --runs 0", () => ["fuzz", join(dir, "not-a-graph.mjs"), "--runs", "0"], 2, /'--runs' needs an integer of at least 1; got 0/],
  ["threads with --limit -1", (store) => ["threads", "--limit", "-1", "--store", store], 2, /'--limit' needs an integer of at least 1; got -1/],
  ["history with --from after --to", (store) => ["history", thread, "--from", "20", "--to", "10", "--store", store], 2, /--from 20 is after --to 10/],
  ["history from a negative revision", (store) => ["history", thread, "--from", "-3", "--store", store], 2, /'--from' needs an integer of at least 0/],
  [
    "state with no --graph and a malformed ./langgraph.json",
    (store) => ["state", thread, "--store", store, "--cwd-with-bad-langgraph-json"],
    2,
    /InvalidLangGraphJsonError \[INVALID_LANGGRAPH_JSON\]: .*langgraph\.json cannot be read as a LangGraph config: it is not JSON/,
  ],
];

describe("bad input catalogue: the command line (issue 8)", () => {
  it.each(rows.map((row) => ({ title: row[0], row })))("$title: exit code, named error, store unchanged", async ({ row: [, args, exit, error] }) => {
    const before = await storeBytes();
    const words = args(`sqlite:${db}`);
    // A row that needs a folder holding a broken langgraph.json runs there.
    const badConfig = words.includes("--cwd-with-bad-langgraph-json");
    const result = await cli.run(
      words.filter((word) => word !== "--cwd-with-bad-langgraph-json"),
      badConfig ? { cwd: join(dir, "bad-config") } : {},
    );
    expect(result.code).toBe(exit);
    expect(result.stderr).toMatch(error);
    expect(await storeBytes()).toEqual(before);
  });
});

describe("bad input catalogue: what a failed or empty command leaves (issue 21)", () => {
  it("a failed import into a new SQLite file leaves no file behind", async () => {
    const target = join(dir, "fresh.db");
    const result = await cli.run(["import", join(dir, "garbage.jsonl"), "--store", `sqlite:${target}`]);
    expect([result.code, result.stderr]).toEqual([4, expect.stringMatching(/InvalidExportError/)]);
    for (const suffix of ["", "-wal", "-shm"]) expect(existsSync(`${target}${suffix}`)).toBe(false);
  });

  it("a failed export leaves no partial file", async () => {
    const result = await cli.run(["export", "nobody", "--out", join(dir, "nobody.jsonl"), "--store", `sqlite:${db}`]);
    expect(result.code).toBe(3);
    expect(existsSync(join(dir, "nobody.jsonl"))).toBe(false);
    expect(existsSync(join(dir, "nobody.jsonl.partial"))).toBe(false);
  });

  it("threads in a folder with no store says there are none (exit 0) and creates nothing", async () => {
    const empty = await mkdtemp(join(tmpdir(), "replaygraph-empty-"));
    try {
      const result = await cli.run(["threads"], { cwd: empty, env: { REPLAYGRAPH_STORE: "" } });
      expect([result.code, result.stdout.trim()]).toEqual([0, expect.stringMatching(/^\(no threads: there is no store at \.\/replaygraph\.db yet/)]);
      expect(existsSync(join(empty, "replaygraph.db"))).toBe(false);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it("demo on memory: suggests no audit command that could not work", async () => {
    const result = await cli.run(["demo", "--store", "memory:"]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/replaygraph (history|state|verify|export) /);
    expect(result.stdout).toContain("replaygraph demo --store sqlite:./demo.db");
  });

  it("history and threads tables fit the terminal width ($COLUMNS); piped output keeps whole rows", async () => {
    const narrow = await cli.run(["history", thread, "--store", `sqlite:${db}`], { env: { COLUMNS: "80" } });
    const lines = narrow.stdout.trimEnd().split("\n");
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(80);
    expect(lines.some((line) => line.endsWith("…"))).toBe(true);
    const wide = await cli.run(["history", thread, "--store", `sqlite:${db}`], { env: { COLUMNS: "" } });
    expect(
      Math.max(
        ...wide.stdout
          .trimEnd()
          .split("\n")
          .map((line) => line.length),
      ),
    ).toBeGreaterThan(80);
    const threads = await cli.run(["threads", "--store", `sqlite:${db}`], { env: { COLUMNS: "60" } });
    expect(
      Math.max(
        ...threads.stdout
          .trimEnd()
          .split("\n")
          .map((line) => line.length),
      ),
    ).toBeLessThanOrEqual(60);
  });
});

describe("the README's count of the bad-input catalogue", () => {
  it("is the engine's rows and these command-line rows, added up", async () => {
    const readme = await readFile(new URL("../README.md", import.meta.url), "utf8");
    const [, total, engine, commandLine] = /bad-input catalogue \((\d+) rows: (\d+) of the engine, (\d+) of the command line/.exec(readme) ?? [];
    expect(Number(commandLine)).toBe(rows.length);
    expect(Number(total)).toBe(Number(engine) + rows.length);
  });
});
