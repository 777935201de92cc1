import { verify, type Divergence } from "../../audit/verify-thread.js";
import type { CliCommand } from "../cli-command.js";
import { UsageError } from "../cli-errors.js";
import { exitCodes } from "../exit-codes.js";
import { compactJson, jsonReplacer } from "../format-value.js";

/** `replaygraph verify <graph-module> <thread>`: does today's code still reproduce the history? */
export const verifyCommand: CliCommand = {
  name: "verify",
  summary: "re-execute a thread's history with today's graph code; exit 1 at the first divergence",
  positionals: [
    { name: "graph-module", summary: "a JavaScript file exporting the compiled graph, as <file>[:<export>]" },
    { name: "thread", summary: "the thread id" },
  ],
  flags: [
    { name: "export", kind: "string", value: "<name>", summary: "the export of the graph module to use" },
    {
      name: "configurable",
      kind: "string",
      value: "<json>",
      summary: "the config.configurable keys the nodes ran with, as a JSON object (invoke() does not record them)",
    },
    { name: "json", kind: "boolean", summary: "print the result as JSON" },
  ],
  description:
    "Re-executes every recorded task of the thread (and of its subgraphs' threads) with the graph module's code, on the " +
    "state and answers the history gives, and compares what it produces with what was recorded. Exits 0 when the history " +
    "is reproduced, 1 at the first divergence, which is printed as a structural diff: the revision, step, node and task, " +
    "and each differing path with the recorded and the produced value. The history is only read. Node code outside " +
    "effect() runs again: verify a copy of production data (export, import into a local SQLite file).",
  examples: ["replaygraph verify ./dist/graphs.js:agent thread-42 --store sqlite:./audit.db", "replaygraph verify ./agent.js thread-42 --json"],
  usesStore: true,
  async run(session) {
    const configurable = configurableOf(session.args.string("configurable"));
    const store = await session.openStore({ create: false });
    const graph = await session.loadGraph(session.args.positional("graph-module")!, store);
    const threadId = session.args.positional("thread")!;
    const bar = session.progress("verify", "events");
    const result = await verify(graph, threadId, { ...(configurable ? { configurable } : {}), onProgress: (done, total) => bar.update(done, total) });
    bar.finish();
    if (session.args.boolean("json") === true) {
      await session.print(JSON.stringify(result, jsonReplacer, 2));
    } else if (result.ok) {
      await session.print(
        `verified thread '${threadId}': today's code reproduces its ${result.events} events (${result.steps} steps, ${result.threads} thread(s)).`,
      );
    } else {
      for (const line of divergenceLines(threadId, result.divergence)) await session.print(line);
    }
    return result.ok ? exitCodes.ok : exitCodes.failed;
  },
};

function configurableOf(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new UsageError(`Flag '--configurable' needs a JSON object, e.g. '{"user_id":"u1"}'; got '${text}'`, "verify");
  return parsed as Record<string, unknown>;
}

function divergenceLines(threadId: string, divergence: Divergence): string[] {
  const where = divergence.threadId === threadId ? `thread '${threadId}'` : `thread '${divergence.threadId}' (a subgraph of '${threadId}')`;
  const lines = [
    `DIVERGED at revision ${divergence.revision} of ${where}: step ${divergence.step}, node '${divergence.node}', task ${divergence.taskId.slice(0, 8)}`,
    `  ${divergence.what}: the history records ${compactJson(divergence.expected, 100)}`,
    `  ${" ".repeat(divergence.what.length)}  today's code produces ${compactJson(divergence.produced, 100)}`,
  ];
  if (divergence.diff.length > 0) {
    lines.push("  differences:");
    for (const entry of divergence.diff)
      lines.push(`    ${entry.path || "(the value)"}: recorded ${compactJson(entry.expected, 60)}, produced ${compactJson(entry.produced, 60)}`);
  }
  return lines;
}
