import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { FileNotFoundError } from "../cli-errors.js";
import { importHistory } from "../../audit/import-history.js";
import type { CliCommand } from "../cli-command.js";
import { exitCodes } from "../exit-codes.js";
import type { ProgressBar } from "../progress-bar.js";

/** `replaygraph import <file>`: a history file into the store. */
export const importCommand: CliCommand = {
  name: "import",
  summary: "import a history file (from export) into the store",
  positionals: [{ name: "file", summary: "a file written by `replaygraph export`" }],
  flags: [],
  description:
    "Checks the whole file first (a truncated or corrupt file changes nothing in the store), then appends its events in " +
    "batches, keeping their revisions and ids. Refuses a thread that already has other events (exit 5); a thread that " +
    "holds the first part of the file (an import that was interrupted) is continued. The file is streamed, never held " +
    "in memory.",
  examples: ["replaygraph import thread-42.jsonl --store sqlite:./audit.db"],
  usesStore: true,
  async run(session) {
    const file = session.args.positional("file")!;
    const path = resolve(session.io.cwd, file);
    if (!existsSync(path)) throw new FileNotFoundError(path, "history file", "Name a file written by `replaygraph export <thread> --out <file>`.");
    const store = await session.openStore({ create: true });
    const bars: Record<"checking" | "importing", ProgressBar> = {
      checking: session.progress("check", "events"),
      importing: session.progress("import", "events"),
    };
    const result = await importHistory(store, path, {
      onProgress: (done, total, phase) => {
        if (phase === "importing") bars.checking.finish();
        bars[phase].update(done, total);
      },
    });
    bars.checking.finish();
    bars.importing.finish();
    const already = result.events - result.imported;
    const continued =
      already === 0
        ? ""
        : result.imported === 0
          ? ` (the store already held all ${already}: nothing to do)`
          : ` (continued an interrupted import: ${already} were already there)`;
    await session.print(
      `imported ${result.imported} events of thread '${result.threadId}' (${result.threads.length} thread(s)) into ${session.storeSpec.text}${continued}`,
    );
    return exitCodes.ok;
  },
};
