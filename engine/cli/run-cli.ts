import { readFileSync } from "node:fs";
import type { CliCommand } from "./cli-command.js";
import { UsageError } from "./cli-errors.js";
import { CliSession, type CliIo } from "./cli-session.js";
import { demoCommand } from "./commands/demo-command.js";
import { exportCommand } from "./commands/export-command.js";
import { fuzzCommand } from "./commands/fuzz-command.js";
import { historyCommand } from "./commands/history-command.js";
import { importCommand } from "./commands/import-command.js";
import { stateCommand } from "./commands/state-command.js";
import { threadsCommand } from "./commands/threads-command.js";
import { verifyCommand } from "./commands/verify-command.js";
import { serveCommand } from "./commands/serve-command.js";
import { workerCommand } from "./commands/worker-command.js";
import { errorCodeOf, exitCodeOf, exitCodes } from "./exit-codes.js";
import { parseArguments } from "./parse-arguments.js";
import { flagsOf, renderCommandHelp, renderOverview } from "./render-help.js";

/** The commands, in the order help lists them. */
export const cliCommands: readonly CliCommand[] = [
  demoCommand,
  threadsCommand,
  historyCommand,
  stateCommand,
  verifyCommand,
  exportCommand,
  importCommand,
  fuzzCommand,
  serveCommand,
  workerCommand,
];

/**
 * Runs one `replaygraph` command line and resolves to its exit code (see `exit-codes.ts`). Named
 * errors are printed as `<command>: <Name> [<CODE>]: <message>`; anything else with its stack.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  const write = (stream: "stdout" | "stderr", text: string) => void io[stream].write(`${text}\n`);
  try {
    if (name === undefined) {
      write("stderr", renderOverview(cliCommands));
      return exitCodes.usage;
    }
    if (name === "--help" || name === "-h" || (name === "help" && rest.length === 0)) {
      write("stdout", renderOverview(cliCommands));
      return exitCodes.ok;
    }
    if (name === "--version" || name === "-v") {
      write("stdout", packageVersion());
      return exitCodes.ok;
    }
    if (name === "help") {
      write("stdout", renderCommandHelp(commandNamed(rest[0]!)));
      return exitCodes.ok;
    }
    const command = commandNamed(name);
    const args = parseArguments(command.name, rest, command.positionals, flagsOf(command));
    if (args.boolean("help") === true) {
      write("stdout", renderCommandHelp(command));
      return exitCodes.ok;
    }
    const session = new CliSession(args, io);
    let failed = true;
    try {
      const code = await command.run(session);
      failed = code !== exitCodes.ok && code !== exitCodes.failed;
      return code;
    } finally {
      await session.close({ failed });
    }
  } catch (error) {
    const code = errorCodeOf(error);
    const prefix = `replaygraph${name && name !== "help" ? ` ${name}` : ""}`;
    if (code !== undefined) write("stderr", `${prefix}: ${(error as Error).name} [${code}]: ${(error as Error).message}`);
    else if (exitCodeOf(error) !== exitCodes.internal) write("stderr", `${prefix}: ${(error as Error).message}`);
    else write("stderr", `${prefix}: unexpected error (a bug; please report it with this output):\n${error instanceof Error ? error.stack : String(error)}`);
    return exitCodeOf(error);
  } finally {
    if (io.env["REPLAYGRAPH_DEBUG"]?.split(",").includes("memory")) {
      write("stderr", `replaygraph: peak rss ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
    }
  }
}

function commandNamed(name: string): CliCommand {
  const command = cliCommands.find((candidate) => candidate.name === name);
  if (command) return command;
  const near = cliCommands.find((candidate) => candidate.name.startsWith(name.slice(0, 3)));
  throw new UsageError(
    `Unknown command '${name}'${near ? ` (did you mean '${near.name}'?)` : ""}; the commands are ${cliCommands.map((candidate) => candidate.name).join(", ")}`,
  );
}

/** The version in the package.json nearest above this file (source or built). */
function packageVersion(): string {
  for (let url = new URL("../", import.meta.url); url.pathname !== "/"; url = new URL("../", url)) {
    try {
      const parsed = JSON.parse(readFileSync(new URL("package.json", url), "utf8")) as { name?: string; version?: string };
      if (parsed.name === "replaygraph") return parsed.version ?? "unknown";
    } catch {
      // not here; look one folder up
    }
  }
  return "unknown";
}
