#!/usr/bin/env node
/**
 * The `replaygraph` command (package.json `bin`): see `replaygraph help`, and `run-cli.ts` for the
 * commands and `exit-codes.ts` for what each exit code means.
 */
import { runCli } from "./run-cli.js";

// A reader that goes away (`replaygraph history t | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
}

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
