import { MemoryEventStore } from "../../../store/memory/memory-event-store.js";
import type { CliCommand } from "../cli-command.js";
import { MissingDependencyError } from "../cli-errors.js";
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
    { name: "json", kind: "boolean", summary: "print the report as JSON" },
  ],
  description:
    "Runs fuzzGraph (replaygraph/testing) on the graph: fast-check generates inputs, answers to every interrupt and " +
    "process restarts, plays each case on a fresh in-memory store, and checks the replay rules hold. Exits 0 when no " +
    "rule is broken, 1 with the broken rules and the shrunk counterexample (a program that replays it) otherwise. " +
    "A side effect the engine cannot see (an in-memory object, synchronous I/O) is caught when the module also exports " +
    "`observeSideEffects`, a function reading what its nodes change. Needs the fast-check package. No store is opened: " +
    "fuzzing never touches real threads.",
  examples: ["replaygraph fuzz ./dist/graphs.js:agent --runs 200", "replaygraph fuzz ./agent.js --seed 42"],
  usesStore: false,
  async run(session) {
    const runs = session.args.integer("runs");
    const seed = session.args.integer("seed");
    const { graph, exports } = await session.loadGraphModule(session.args.positional("graph-module")!, new MemoryEventStore());
    const observeSideEffects = exports["observeSideEffects"];
    const { fuzzGraph, formatFuzzReport } = await loadFuzzing();
    const bar = session.progress("fuzz", "cases");
    const report = await fuzzGraph(graph, {
      ...(runs !== undefined ? { numRuns: runs } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(typeof observeSideEffects === "function" ? { observeSideEffects: observeSideEffects as () => unknown } : {}),
      onProgress: (done, total) => bar.update(done, total),
    });
    bar.finish();
    await session.print(session.args.boolean("json") === true ? JSON.stringify(report, jsonReplacer, 2) : formatFuzzReport(report));
    return report.ok ? exitCodes.ok : exitCodes.failed;
  },
};

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
