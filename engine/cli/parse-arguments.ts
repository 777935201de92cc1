import { UsageError } from "./cli-errors.js";

/** A flag a command takes: `--name value`, `--name=value`, or `--name` / `--no-name` for a boolean. */
export interface FlagSpec {
  readonly name: string;
  /** `list`: may repeat, and each value may be a comma-separated list. */
  readonly kind: "string" | "integer" | "boolean" | "list";
  /** How the value is shown in help, e.g. `<revision>`. */
  readonly value?: string;
  /** For an integer: the smallest value accepted (a revision 0, a count 1). */
  readonly min?: number;
  readonly summary: string;
}

/** A positional argument, in order. */
export interface PositionalSpec {
  readonly name: string;
  readonly summary: string;
  readonly optional?: boolean;
}

/** What a command line said, checked against the command's flags and positionals. */
export class ParsedArguments {
  constructor(
    readonly command: string,
    readonly positionals: Readonly<Record<string, string>>,
    readonly flags: ReadonlyMap<string, string | number | boolean | readonly string[]>,
  ) {}

  positional(name: string): string | undefined {
    return this.positionals[name];
  }

  string(name: string): string | undefined {
    const value = this.flags.get(name);
    return typeof value === "string" ? value : undefined;
  }

  integer(name: string): number | undefined {
    const value = this.flags.get(name);
    return typeof value === "number" ? value : undefined;
  }

  boolean(name: string): boolean | undefined {
    const value = this.flags.get(name);
    return typeof value === "boolean" ? value : undefined;
  }

  list(name: string): readonly string[] | undefined {
    const value = this.flags.get(name);
    return Array.isArray(value) ? (value as readonly string[]) : undefined;
  }
}

/**
 * Parses `argv` (the words after the command's name) for a command. Refuses, with a
 * {@link UsageError} naming the command, unknown flags, missing or extra positionals, and values
 * of the wrong kind. `--` ends the flags.
 */
export function parseArguments(command: string, argv: readonly string[], positionals: readonly PositionalSpec[], flags: readonly FlagSpec[]): ParsedArguments {
  const byName = new Map(flags.map((flag) => [flag.name, flag]));
  const values = new Map<string, string | number | boolean | readonly string[]>();
  const words: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const word = argv[index]!;
    if (word === "--") {
      words.push(...argv.slice(index + 1));
      break;
    }
    if (word === "-h") {
      values.set("help", true);
      continue;
    }
    if (!word.startsWith("--") || word === "-") {
      if (word.startsWith("-") && word !== "-" && !/^-\d/.test(word))
        throw new UsageError(`Unknown option '${word}' for '${command}' (flags are spelled --name)`, command);
      words.push(word);
      continue;
    }
    const [rawName, inline] = splitOnce(word.slice(2));
    const negated = rawName.startsWith("no-") && byName.get(rawName.slice(3))?.kind === "boolean";
    const name = negated ? rawName.slice(3) : rawName;
    const flag = byName.get(name);
    if (!flag) throw new UsageError(`Unknown flag '--${rawName}' for '${command}'`, command);
    if (flag.kind === "boolean") {
      if (inline !== undefined) throw new UsageError(`Flag '--${name}' takes no value`, command);
      values.set(name, !negated);
      continue;
    }
    const value = inline ?? argv[++index];
    if (value === undefined || (inline === undefined && value.startsWith("--")))
      throw new UsageError(`Flag '--${name}' needs a value ${flag.value ?? ""}`.trimEnd(), command);
    values.set(name, valueOf(command, flag, value, values.get(name)));
  }
  const named: Record<string, string> = {};
  for (const [index, positional] of positionals.entries()) {
    const word = words[index];
    if (word === undefined) {
      if (!positional.optional && values.get("help") !== true) throw new UsageError(`'${command}' needs <${positional.name}>`, command);
      continue;
    }
    named[positional.name] = word;
  }
  if (words.length > positionals.length)
    throw new UsageError(`'${command}' takes ${positionals.length} argument(s); got also '${words[positionals.length]}'`, command);
  return new ParsedArguments(command, named, values);
}

function valueOf(command: string, flag: FlagSpec, value: string, previous: unknown): string | number | readonly string[] {
  switch (flag.kind) {
    case "integer": {
      if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
        throw new UsageError(`Flag '--${flag.name}' needs an integer; got '${value}'`, command);
      if (flag.min !== undefined && Number(value) < flag.min)
        throw new UsageError(`Flag '--${flag.name}' needs an integer of at least ${flag.min}; got ${value}`, command);
      return Number(value);
    }
    case "list":
      return [
        ...((previous as readonly string[] | undefined) ?? []),
        ...value
          .split(",")
          .map((item) => item.trim())
          .filter((item) => item !== ""),
      ];
    case "string":
    case "boolean":
      return value;
  }
}

function splitOnce(text: string): [string, string | undefined] {
  const at = text.indexOf("=");
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
