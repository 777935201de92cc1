import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliCommands } from "./run-cli.js";
import { snapshotBuiltCli, type BuiltCli } from "./testing/built-cli.js";

let cli: BuiltCli;
beforeAll(async () => {
  cli = await snapshotBuiltCli();
}, 180_000);
afterAll(() => cli?.cleanup());

describe("the built replaygraph CLI: help and usage errors", () => {
  it("is the package's bin, a node script", async () => {
    const pkg = JSON.parse(await readFile(join(cli.root, "package.json"), "utf8")) as { bin: Record<string, string> };
    expect(pkg.bin).toEqual({ replaygraph: "dist/engine/cli/main.js" });
    expect((await readFile(join(cli.root, pkg.bin["replaygraph"]!), "utf8")).split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  it("prints the overview for help, --help, and (exit 2, on stderr) for no command at all", async () => {
    for (const args of [["help"], ["--help"]]) {
      const { code, stdout } = await cli.run(args);
      expect(code).toBe(0);
      for (const command of cliCommands) expect(stdout).toContain(`  ${command.name} `);
      expect(stdout).toMatch(/exit codes: 0 done, 1 divergence/);
    }
    const bare = await cli.run([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("usage: replaygraph <command>");
  });

  it("has help for every command, by `help <command>` and by `<command> --help`", async () => {
    for (const command of cliCommands) {
      const [viaHelp, viaFlag] = await Promise.all([cli.run(["help", command.name]), cli.run([command.name, "--help"])]);
      expect(viaHelp.code).toBe(0);
      expect(viaFlag.stdout).toBe(viaHelp.stdout);
      expect(viaHelp.stdout).toContain(`usage: replaygraph ${command.name}`);
      for (const flag of command.flags) expect(viaHelp.stdout).toContain(`--${flag.name}`);
      expect(viaHelp.stdout).toContain("examples:");
      if (command.usesStore) expect(viaHelp.stdout).toContain("--store <spec>");
    }
  });

  it("prints its version", async () => {
    const { code, stdout } = await cli.run(["--version"]);
    const pkg = JSON.parse(await readFile(join(cli.root, "package.json"), "utf8")) as { version: string };
    expect([code, stdout.trim()]).toEqual([0, pkg.version]);
  });

  it("refuses bad command lines with exit 2 and a UsageError that points to the help", async () => {
    const cases: [string[], RegExp][] = [
      [["histroy", "t"], /UsageError \[USAGE\]: Unknown command 'histroy' \(did you mean 'history'\?\)/],
      [["history", "t", "--frm", "3"], /Unknown flag '--frm' for 'history'. Run `replaygraph help history`/],
      [["history"], /'history' needs <thread>/],
      [["history", "t", "extra"], /takes 1 argument/],
      [["state", "t", "--at", "three"], /Flag '--at' needs an integer; got 'three'/],
      [["history", "t", "--type", "TaskExploded"], /'TaskExploded' is not an event type/],
      [["export", "t", "--out"], /Flag '--out' needs a value/],
      [["help", "nope"], /Unknown command 'nope'/],
      [["verify", "g.mjs", "t", "--configurable", "[1]"], /Flag '--configurable' needs a JSON object/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr, stdout } = await cli.run(args);
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stderr).toMatch(message);
      expect(stdout).toBe("");
    }
  });

  it("refuses a store it cannot open: exit 2 with InvalidStoreError (bad spec, missing SQLite file for a read), exit 4 for a file that is not SQLite", async () => {
    const badSpec = await cli.run(["threads", "--store", "mysql://x"]);
    expect([badSpec.code, badSpec.stderr]).toEqual([
      2,
      expect.stringMatching(/InvalidStoreError \[INVALID_STORE\]: Cannot use the store 'mysql:\/\/x'.*sqlite:<file>/),
    ]);
    const missing = await cli.run(["threads"], { env: { REPLAYGRAPH_STORE: "sqlite:./no-such.db" } });
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining("there is no file at")]);
    const notSqlite = await cli.run(["threads", "--store", "sqlite:./package.json"]);
    expect([notSqlite.code, notSqlite.stderr]).toEqual([4, expect.stringContaining("NOT_A_SQLITE_DATABASE")]);
  });
});
