import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const exec = promisify(execFile);
export const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface PackedPackage {
  /** The empty project the tarball was installed into. */
  readonly app: string;
  /** What `npm install <tarball>` printed on stderr (its warnings). */
  readonly installWarnings: string;
  /** Runs `node <file>` (relative to the project) and returns its output; rejects on a non-zero exit. */
  node(file: string, args?: readonly string[]): Promise<{ stdout: string; stderr: string }>;
  /** Runs `command` in the project (or in `cwd`, a folder of it) with the checkout's `node_modules/.bin` on the path. */
  exec(command: string, args: readonly string[], cwd?: string): Promise<{ stdout: string; stderr: string }>;
  cleanup(): Promise<void>;
}

/**
 * `npm pack`s this checkout (its `dist/` must be built) and installs the tarball into an empty
 * project of the given module type, as a user's `npm install replaygraph` would. Install scripts are
 * skipped so better-sqlite3 is not compiled a second time (90 s); its binary is copied from this
 * checkout's build. `links` are packages the project also depends on (`@langchain/core`, `zod`),
 * linked from this checkout's `node_modules` rather than downloaded.
 */
export async function installPackedPackage(options: { type: "module" | "commonjs"; links?: readonly string[] }): Promise<PackedPackage> {
  const dir = await mkdtemp(join(tmpdir(), "replaygraph-packed-"));
  const app = join(dir, "app");
  await mkdir(app);
  await writeFile(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: options.type }));
  const { stdout: packed } = await exec("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", dir], {
    cwd: repositoryRoot,
    maxBuffer: 10_000_000,
  });
  const tarball = join(dir, packed.trim().split("\n").pop()!);
  const { stderr: installWarnings } = await exec("npm", ["install", "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund", tarball], {
    cwd: app,
    maxBuffer: 10_000_000,
  });
  await cp(join(repositoryRoot, "node_modules/better-sqlite3/build"), join(app, "node_modules/better-sqlite3/build"), { recursive: true });
  for (const name of options.links ?? []) {
    const target = join(app, "node_modules", name);
    await rm(target, { recursive: true, force: true });
    await mkdir(dirname(target), { recursive: true });
    await symlink(join(repositoryRoot, "node_modules", name), target, "dir");
  }
  const env = { ...process.env, PATH: `${join(repositoryRoot, "node_modules/.bin")}:${process.env.PATH ?? ""}` };
  return {
    app,
    installWarnings,
    node: (file, args = []) => exec("node", [file, ...args], { cwd: app, env, maxBuffer: 10_000_000 }),
    exec: (command, args, cwd = app) => exec(command, args, { cwd, env, maxBuffer: 10_000_000 }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
