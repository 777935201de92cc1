import { readFile, writeFile, mkdtemp, rm } from "node:fs/promises";
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
  ["a store file that does not exist (read-only commands never create one)", () => ["threads", "--store", `sqlite:${join(dir, "missing.db")}`], 2, /missing\.db/],
  ["a store file that is not a database", () => ["threads", "--store", `sqlite:${join(dir, "not-a-db.db")}`], 4, /NotASqliteDatabaseError/],
  ["history of a thread the store does not have", (store) => ["history", "nobody", "--store", store], 3, /UnknownThreadError/],
  ["state at a revision past the end", (store) => ["state", thread, "--at", "100000", "--store", store, "--graph", "unused.mjs"], 3, /RevisionOutOfRange|GraphModule|not found/i],
  ["state at a revision that is not a number", (store) => ["state", thread, "--at", "three", "--store", store], 2, /needs an integer/],
  ["verify with a graph module that does not exist", (store) => ["verify", join(dir, "nope.mjs"), thread, "--store", store], 3, /./],
  ["verify with a module that exports no graph", (store) => ["verify", join(dir, "not-a-graph.mjs"), thread, "--store", store], 3, /./],
  ["import of a truncated history file", (store) => ["import", join(dir, "truncated.jsonl"), "--store", store], 4, /TruncatedExportError/],
  ["import of a file that is not JSON Lines", (store) => ["import", join(dir, "garbage.jsonl"), "--store", store], 4, /InvalidExportError/],
  ["import over a thread that exists with other events", (store) => ["import", join(dir, "conflicting.jsonl"), "--store", store], 5, /ImportTargetExistsError/],
];

describe("bad input catalogue: the command line (issue 8)", () => {
  it.each(rows.map((row) => ({ title: row[0], row })))("$title: exit code, named error, store unchanged", async ({ row: [, args, exit, error] }) => {
    const before = await storeBytes();
    const result = await cli.run(args(`sqlite:${db}`));
    expect(result.code).toBe(exit);
    expect(result.stderr).toMatch(error);
    expect(await storeBytes()).toEqual(before);
  });
});
