import type { CliCommand } from "./cli-command.js";
import type { FlagSpec } from "./parse-arguments.js";

/** The flags every command that opens a store takes, and those every command takes. */
export const storeFlags: readonly FlagSpec[] = [
  {
    name: "store",
    kind: "string",
    value: "<spec>",
    summary: "sqlite:<file> | esdb://host:port?tls=false | postgres://user@host/db | memory: (default: $REPLAYGRAPH_STORE, else sqlite:./replaygraph.db)",
  },
];
export const commonFlags: readonly FlagSpec[] = [
  { name: "progress", kind: "boolean", summary: "draw progress bars on stderr even when it is not a terminal (--no-progress: never)" },
  { name: "help", kind: "boolean", summary: "show this help" },
];

/** Every flag a command accepts, its own first. */
export function flagsOf(command: CliCommand): readonly FlagSpec[] {
  return [...command.flags, ...(command.usesStore ? storeFlags : []), ...commonFlags];
}

/** `replaygraph help`: the commands, store selection and exit codes. */
export function renderOverview(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    "replaygraph: audit, replay and verify the threads of replaygraph graphs.",
    "",
    "usage: replaygraph <command> [arguments] [flags]",
    "",
    "commands:",
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    `  ${"help".padEnd(width)}  show help for a command (also: <command> --help)`,
    "",
    "store: --store sqlite:<file> | esdb://host:port?tls=false | postgres://user@host/db | memory:, or REPLAYGRAPH_STORE (default sqlite:./replaygraph.db)",
    "",
    "exit codes: 0 done, 1 divergence or violation found, 2 usage, 3 not found, 4 bad data, 5 conflict,",
    "            6 store unavailable, 10 other named error, 70 unexpected error, 74 file I/O error",
    "",
    "Run `replaygraph help <command>` for a command's arguments and flags.",
  ].join("\n");
}

/** `replaygraph help <command>`. */
export function renderCommandHelp(command: CliCommand): string {
  const positionals = command.positionals.map((positional) => (positional.optional ? `[<${positional.name}>]` : `<${positional.name}>`)).join(" ");
  const flags = flagsOf(command);
  const flagWidth = Math.max(...flags.map((flag) => flagLabel(flag).length));
  const lines = [
    `usage: replaygraph ${command.name}${positionals ? ` ${positionals}` : ""} [flags]`,
    "",
    command.summary,
    "",
    ...wrap(command.description, 100),
    "",
  ];
  if (command.positionals.length > 0) {
    lines.push("arguments:");
    for (const positional of command.positionals) lines.push(`  <${positional.name}>  ${positional.summary}`);
    lines.push("");
  }
  lines.push("flags:");
  for (const flag of flags) lines.push(`  ${flagLabel(flag).padEnd(flagWidth)}  ${flag.summary}`);
  lines.push("", "examples:", ...command.examples.map((example) => `  ${example}`));
  return lines.join("\n");
}

function flagLabel(flag: FlagSpec): string {
  return `--${flag.name}${flag.value ? ` ${flag.value}` : ""}`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
