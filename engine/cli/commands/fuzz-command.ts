import { MemoryEventStore } from "../../../store/memory/memory-event-store.js";
import type { CliCommand } from "../cli-command.js";
import { FileNotFoundError, MissingDependencyError, UsageError } from "../cli-errors.js";
import { parseGraphModuleSpec } from "../load-graph-module.js";
import type { JsonSchema } from "../../fuzz/arbitrary-from-json-schema.js";
import type { Arbitrary } from "fast-check";
import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { MissingPeerDependencyError } from "../../errors/missing-peer-dependency-error.js";
import { exitCodes } from "../exit-codes.js";
import { jsonReplacer } from "../format-value.js";

/** `replaygraph fuzz <graph-module>`: drive a graph through random inputs, answers and restarts. */
export const fuzzCommand: CliCommand = {
  name: "fuzz",
  summary: "fuzz a graph with random inputs, answers and restarts; exit 1 with the shrunk counterexample",
  positionals: [{ name: "graph-module", summary: "a JavaScript file exporting the compiled graph, as <file>[:<export>]" }],
  flags: [
    { name: "export", kind: "string", value: "<name>", summary: "the export of the graph module to use" },
    { name: "runs", kind: "integer", value: "<n>", min: 1, summary: "how many generated cases to run (default 100)" },
    { name: "seed", kind: "integer", value: "<seed>", summary: "fast-check's seed, to run the same cases again" },
    {
      name: "answers",
      kind: "string",
      value: "<schema.json>",
      summary: "a JSON Schema of the answers a human can give (default: the module's `answers` export, else any JSON value)",
    },
    { name: "json", kind: "boolean", summary: "print the report as JSON" },
  ],
  description:
    "Runs fuzzGraph (replaygraph/testing) on the graph: fast-check generates inputs, answers to every interrupt and " +
    "process restarts, plays each case on a fresh in-memory store, and checks the replay rules hold. Exits 0 when no " +
    "rule is broken, 1 with the broken rules and the shrunk counterexample (a program that replays it) otherwise. " +
    "A side effect the engine cannot see (an in-memory object, synchronous I/O) is caught when the module also exports " +
    "`observeSideEffects`, a function reading what its nodes change. Answers are any JSON value unless narrowed: " +
    "--answers names a JSON Schema file, or the module exports `answers` (a fast-check arbitrary or a JSON Schema). " +
    "A node that throws on a generated case is reported as a node error (a bug in the graph), apart from broken " +
    "replay rules. The reproduction is written in the module's language and imports the graph from it: saved beside " +
    "the module, it runs as printed. Needs the fast-check package. No store is opened: fuzzing never touches real threads.",
  examples: [
    "replaygraph fuzz ./dist/graphs.js:agent --runs 200",
    "replaygraph fuzz ./agent.js --seed 42",
    "replaygraph fuzz ./agent.ts --answers ./answers.schema.json",
  ],
  usesStore: false,
  async run(session) {
    const runs = session.args.integer("runs");
    const seed = session.args.integer("seed");
    const moduleText = session.args.positional("graph-module")!;
    const answersFile = session.args.string("answers");
    const answerSchema = answersFile !== undefined ? await readAnswerSchema(resolve(session.io.cwd, answersFile)) : undefined;
    const { graph, exports, exportName } = await session.loadGraphModule(moduleText, new MemoryEventStore());
    const observeSideEffects = exports["observeSideEffects"];
    const { fuzzGraph, formatFuzzReport, arbitraryFromJsonSchema } = await loadFuzzing();
    const answers = answerSchema !== undefined ? arbitraryFromJsonSchema(answerSchema) : answersExport(exports["answers"], arbitraryFromJsonSchema);
    const spec = parseGraphModuleSpec(moduleText, session.args.string("export"));
    const bar = session.progress("fuzz", "cases");
    const report = await fuzzGraph(graph, {
      ...(runs !== undefined ? { numRuns: runs } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(typeof observeSideEffects === "function" ? { observeSideEffects: observeSideEffects as () => unknown } : {}),
      ...(answers !== undefined ? { answer: answers } : {}),
      reproduction: {
        language: /\.[cm]?tsx?$/.test(spec.file) ? "ts" : "js",
        graphModule: { path: `./${basename(spec.file).replace(/\.([cm]?)tsx?$/, ".$1js")}`, exportName },
      },
      onProgress: (done, total) => bar.update(done, total),
    });
    bar.finish();
    await session.print(session.args.boolean("json") === true ? JSON.stringify(report, jsonReplacer, 2) : formatFuzzReport(report));
    return report.ok ? exitCodes.ok : exitCodes.failed;
  },
};

/** The module's `answers` export: a fast-check arbitrary as it is, a JSON Schema turned into one. */
function answersExport(value: unknown, fromSchema: (schema: JsonSchema) => Arbitrary<unknown>): Arbitrary<unknown> | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "object" && value !== null && typeof (value as { generate?: unknown }).generate === "function") return value as Arbitrary<unknown>;
  return fromSchema(value as JsonSchema);
}

async function readAnswerSchema(path: string): Promise<JsonSchema> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new FileNotFoundError(path, "JSON Schema file", "Name a file holding the JSON Schema of the answers (--answers <schema.json>).");
    throw error;
  }
  try {
    return JSON.parse(text) as JsonSchema;
  } catch (error) {
    throw new UsageError(`--answers ${path} is not JSON (${(error as Error).message})`, "fuzz");
  }
}

// replaygraph/testing loads fast-check, an optional peer dependency: load it only for this command.
async function loadFuzzing(): Promise<typeof import("../../fuzz/index.js")> {
  try {
    return await import("../../fuzz/index.js");
  } catch (error) {
    // replaygraph/testing names a missing fast-check itself (engine/fuzz/fast-check.ts).
    if (error instanceof MissingPeerDependencyError) {
      throw new MissingDependencyError("fuzz", "fast-check", { cause: error });
    }
    throw error;
  }
}
