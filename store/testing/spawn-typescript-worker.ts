import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";

const hooksUrl = new URL("./typescript-loader-hooks.mjs", import.meta.url).href;
const registerHooks = `data:text/javascript,${encodeURIComponent(`import { register } from "node:module"; register(${JSON.stringify(hooksUrl)});`)}`;

/**
 * Starts `node` on a TypeScript worker module (a file URL) in a child
 * process, through the {@link https://nodejs.org/api/module.html#customization-hooks | module
 * hooks} in `typescript-loader-hooks.mjs`, so the worker imports the repository's real sources.
 * stdin, stdout and stderr are pipes.
 *
 * @example
 * const child = spawnTypeScriptWorker(new URL("./testing/sqlite-crash-worker.ts", import.meta.url), [databasePath]);
 */
export function spawnTypeScriptWorker(worker: URL, args: readonly string[]): ChildProcessWithoutNullStreams {
  const entry = fileURLToPath(worker);
  return spawn(process.execPath, ["--no-warnings", "--import", registerHooks, entry, ...args], { stdio: "pipe" });
}
