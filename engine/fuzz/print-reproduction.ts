import superjson from "superjson";
import type { PlayedStep } from "./play-fuzz-case.js";

/** Where the fuzzed graph comes from, so a reproduction can import it. */
export interface ReproductionOptions {
  readonly seed: number;
  /** Whether the run config passed `observeSideEffects`. */
  readonly observe: boolean;
  /** The language of the fuzzed module: the reproduction is written in it. Default `"ts"`. */
  readonly language?: "ts" | "js";
  /** The module the graph was loaded from (a path relative to where the reproduction is saved) and its export (absent: default). */
  readonly graphModule?: { readonly path: string; readonly exportName?: string | undefined };
}

/**
 * A fuzz counterexample as a program that replays it: the same input, restarts and answers on a
 * fresh store, then the warnings. Given the graph's module it imports the graph (and the module's
 * `observeSideEffects`) and runs as printed, saved beside the module; otherwise `graph` stands for
 * the graph given to fuzzGraph.
 */
export function printReproduction(played: readonly PlayedStep[], options: ReproductionOptions): string {
  const ts = (options.language ?? "ts") === "ts";
  const usesById = played.some((step) => step.kind === "resume" && step.byId);
  const usesSuperjson = played.some(
    (step) => (step.kind === "input" && needsSuperjson(step.input)) || (step.kind === "resume" && step.answers.some(needsSuperjson)),
  );
  const module = options.graphModule;
  const lines = [
    `// fuzzGraph counterexample (found with seed ${options.seed}).${module ? "" : " `graph` is the graph you fuzzed."}`,
    "// A restart is a fresh graph over the same store, as a new process would build.",
    'import { Command, CompiledStateGraph, MemorySaver } from "replaygraph";',
  ];
  if (usesSuperjson) lines.push('import superjson from "superjson";');
  if (module) {
    const names = [
      module.exportName && module.exportName !== "default" ? `${module.exportName} as graph` : "default as graph",
      ...(options.observe ? ["observeSideEffects"] : []),
    ];
    lines.push(`import { ${names.join(", ")} } from ${JSON.stringify(module.path)};`);
  }
  lines.push(
    "",
    "const store = new MemorySaver();",
    "let live = new CompiledStateGraph(graph.graphSpec, { checkpointer: store });",
    `const config = { configurable: { thread_id: "fuzz" }${options.observe ? `, observeSideEffects${module ? "" : " /* the one you passed to fuzzGraph */"}` : ""} };`,
  );
  if (usesById) {
    lines.push(
      ts
        ? "const byId = (out: any, answers: unknown[]) => Object.fromEntries(out.__interrupt__.map((pending: { id: string }, i: number) => [pending.id, answers[i % answers.length]]));"
        : "const byId = (out, answers) => Object.fromEntries(out.__interrupt__.map((pending, i) => [pending.id, answers[i % answers.length]]));",
    );
  }
  let resumes = 0;
  for (const step of played) {
    switch (step.kind) {
      case "input":
        lines.push(`let out${ts ? ": any" : ""} = await live.invoke(${show(step.input)}, config);`);
        break;
      case "restart":
        lines.push("live = new CompiledStateGraph(graph.graphSpec, { checkpointer: store }); // restart");
        break;
      case "continue":
        lines.push("out = await live.invoke(null, config); // past a static breakpoint");
        break;
      case "resume":
        resumes++;
        lines.push(
          step.byId
            ? `out = await live.invoke(new Command({ resume: byId(out, [${step.answers.map(show).join(", ")}]) }), config); // resume ${resumes}: ${step.pending} pending`
            : `out = await live.invoke(new Command({ resume: ${show(step.answers[0])} }), config); // resume ${resumes}`,
        );
        break;
    }
  }
  lines.push("console.log(out.__warnings__);");
  return lines.join("\n");
}

function needsSuperjson(value: unknown): boolean {
  return value !== undefined && superjson.serialize(value).meta !== undefined;
}

function show(value: unknown): string {
  if (value === undefined) return "undefined";
  const { json, meta } = superjson.serialize(value);
  return meta === undefined ? JSON.stringify(json) : `superjson.deserialize(${JSON.stringify({ json, meta })})`;
}
