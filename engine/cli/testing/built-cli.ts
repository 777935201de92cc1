import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const stampFile = join(root, "dist", ".build-stamp");

/** A private copy of the built package and a way to run its CLI as a child process. */
export interface BuiltCli {
  /** The copy's root: `dist/`, `package.json`; files written under it import "replaygraph" from the copy. */
  readonly root: string;
  /** Runs `replaygraph <args>` in `cwd` (default: the copy's root). */
  run(args: readonly string[], options?: RunOptions): Promise<CliResult>;
  cleanup(): Promise<void>;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Flags for node itself, e.g. `--max-old-space-size=32`. */
  readonly nodeFlags?: readonly string[];
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Copies the package as `npm run build` left it (`dist/`, `package.json`) to a folder of its own
 * under `.tmp/`, and runs the copy's CLI. A rebuild beside the tests (`npm pack` runs one) empties
 * `dist/` for a few seconds; the copy is taken between builds (the build writes
 * `dist/.build-stamp` last, and the stamp must not change during the copy), so the CLI under test
 * never loses its files. `npm test` builds before vitest starts.
 */
export async function snapshotBuiltCli(): Promise<BuiltCli> {
  await mkdir(join(root, ".tmp"), { recursive: true });
  const copy = await mkdtemp(join(root, ".tmp", "cli-test-"));
  for (let attempt = 1; ; attempt++) {
    const stamp = await waitForStamp();
    try {
      await rm(join(copy, "dist"), { recursive: true, force: true });
      await cp(join(root, "dist"), join(copy, "dist"), { recursive: true });
      await cp(join(root, "package.json"), join(copy, "package.json"));
      if ((await readStamp()) === stamp) break;
    } catch (error) {
      if (attempt >= 20) throw error;
    }
    if (attempt >= 20) throw new Error("dist/ kept changing while it was copied; is a build running in a loop?");
  }
  const main = join(copy, "dist", "engine", "cli", "main.js");
  return {
    root: copy,
    run: (args, options = {}) => runNode([...(options.nodeFlags ?? []), main, ...args], options.cwd ?? copy, options.env ?? {}),
    cleanup: () => rm(copy, { recursive: true, force: true }),
  };
}

/** Runs `node <args>` and collects its output. */
export function runNode(args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, REPLAYGRAPH_STORE: "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function readStamp(): Promise<string | undefined> {
  return readFile(stampFile, "utf8").catch(() => undefined);
}

async function waitForStamp(): Promise<string> {
  for (let waited = 0; waited < 120_000; waited += 250) {
    const stamp = await readStamp();
    if (stamp !== undefined) return stamp;
    if (waited === 0 && !existsSync(join(root, "dist"))) {
      // Nothing built and no build running: say how to build rather than wait.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      if (!existsSync(join(root, "dist"))) throw new Error("There is no dist/: run `npm run build` before these tests (`npm test` does).");
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("dist/.build-stamp did not appear within 120 s: run `npm run build` before these tests (`npm test` does).");
}
