import { once } from "node:events";
import { createWriteStream, existsSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { finished } from "node:stream/promises";
import { exportHistory } from "../../audit/export-history.js";
import type { CliCommand } from "../cli-command.js";
import { exitCodes } from "../exit-codes.js";
import { FileNotFoundError } from "../cli-errors.js";

/** `replaygraph export <thread>`: a thread's history as a JSON Lines file. */
export const exportCommand: CliCommand = {
  name: "export",
  summary: "write a thread's history to a JSON Lines file (to import into any store)",
  positionals: [{ name: "thread", summary: "the thread id" }],
  flags: [
    { name: "out", kind: "string", value: "<file>", summary: "the file to write (default: standard output)" },
    { name: "subgraphs", kind: "boolean", summary: "include the threads of the thread's subgraphs (default; --no-subgraphs to leave them out)" },
  ],
  description:
    "Writes the thread's history as JSON Lines: a header line (format, version, thread id, event counts), then one event " +
    "a line (thread, revision, type, id, recorded time, data and metadata in superjson's form). The threads of its " +
    "subgraphs follow it. The export streams in bounded memory and is a consistent cut of each stream as it was when the " +
    "export began. With --out, the file appears only once complete. Take an audit off a production store and replay it " +
    "on a laptop: `export --store esdb://... --out t.jsonl`, then `import t.jsonl --store sqlite:./audit.db`.",
  examples: ["replaygraph export demo-plan --out demo-plan.jsonl", "replaygraph export thread-42 --store esdb://prod:2113 > thread-42.jsonl"],
  usesStore: true,
  async run(session) {
    const threadId = session.args.positional("thread")!;
    const out = session.args.string("out");
    const folder = out === undefined || out === "-" ? undefined : dirname(resolve(session.io.cwd, out));
    if (folder !== undefined && !existsSync(folder))
      throw new FileNotFoundError(folder, "folder", `Create it first (mkdir -p ${folder}), or give --out a file in a folder that exists.`);
    const store = await session.openStore({ create: false });
    const bar = session.progress("export", "events");
    const options = { subgraphs: session.args.boolean("subgraphs") !== false, onProgress: (done: number, total: number) => bar.update(done, total) };
    if (out === undefined || out === "-") {
      const result = await exportHistory(store, threadId, session.io.stdout, options);
      bar.finish();
      session.io.stderr.write(`exported ${result.events} events of thread '${threadId}' (${result.threads.length} thread(s))\n`);
      return exitCodes.ok;
    }
    const path = resolve(session.io.cwd, out);
    const partial = `${path}.partial`;
    const file = createWriteStream(partial);
    // A write error (a full disk) must fail the export, not crash the process.
    file.on("error", () => undefined);
    try {
      await once(file, "open");
      const result = await exportHistory(store, threadId, file, options);
      file.end();
      await finished(file);
      await rename(partial, path);
      bar.finish();
      await session.print(`exported ${result.events} events of thread '${threadId}' (${result.threads.length} thread(s)) to ${out}`);
      return exitCodes.ok;
    } catch (error) {
      file.destroy();
      await rm(partial, { force: true });
      throw error;
    }
  },
};
