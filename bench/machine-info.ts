import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import os from "node:os";
import Database from "better-sqlite3";

/** Where and with what a run was measured. */
export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryBytes: number;
  readonly os: string;
  readonly node: string;
  /** Package name to installed version. */
  readonly versions: Readonly<Record<string, string>>;
  readonly sqlite: string;
  /** The replaygraph commit measured, and whether engine/ or store/ had uncommitted changes. */
  readonly commit: string;
  /** ISO date and time the run started. */
  readonly date: string;
}

const measuredPackages = [
  "replaygraph",
  "@langchain/langgraph",
  "@langchain/langgraph-checkpoint",
  "@langchain/langgraph-checkpoint-sqlite",
  "@langchain/core",
  "better-sqlite3",
] as const;

/** Reads the machine, Node, SQLite and the installed versions of the packages under test. */
export function readMachineInfo(startedAt: Date): MachineInfo {
  const require = createRequire(import.meta.url);
  const versions: Record<string, string> = {};
  for (const name of measuredPackages) {
    versions[name] = (require(`${name}/package.json`) as { version: string }).version;
  }
  const db = new Database(":memory:");
  const sqlite = String(db.prepare("SELECT sqlite_version()").pluck().get());
  db.close();
  return {
    cpu: os.cpus()[0]?.model ?? "unknown",
    cores: os.cpus().length,
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    versions,
    sqlite,
    commit: commitOf(),
    date: startedAt.toISOString(),
  };
}

/** `abc1234`, with the number of uncommitted files under engine/ and store/ when there are any. */
function commitOf(): string {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const head = git("rev-parse", "--short", "HEAD");
    const dirty = git("status", "--porcelain", "--", "engine", "store")
      .split("\n")
      .filter((line) => line !== "").length;
    return dirty === 0 ? head : `${head} + ${dirty} uncommitted files under engine/ and store/`;
  } catch {
    return "unknown (not a git checkout)";
  }
}
