import type { CliSession } from "./cli-session.js";
import type { FlagSpec, PositionalSpec } from "./parse-arguments.js";

/** One command of the `replaygraph` CLI: its help, its arguments, and what it does. */
export interface CliCommand {
  readonly name: string;
  /** One line, for the overview. */
  readonly summary: string;
  readonly positionals: readonly PositionalSpec[];
  readonly flags: readonly FlagSpec[];
  /** Paragraphs for `help <command>`. */
  readonly description: string;
  readonly examples: readonly string[];
  /** Whether the command opens a store (and so takes --store). */
  readonly usesStore: boolean;
  /** Runs the command; resolves to the exit code. Named errors it throws map to their own codes. */
  run(session: CliSession): Promise<number>;
}
