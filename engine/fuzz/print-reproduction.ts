import superjson from "superjson";
import type { PlayedStep } from "./play-fuzz-case.js";

/**
 * A fuzz counterexample as a program to paste next to the fuzzed graph: it replays the same
 * input, restarts and answers on a fresh store and shows the warnings. `graph` stands for the
 * graph given to fuzzGraph.
 */
export function printReproduction(played: readonly PlayedStep[], options: { seed: number; observe: boolean }): string {
  const lines = [
    `// fuzzGraph counterexample (found with seed ${options.seed}). \`graph\` is the graph you fuzzed;`,
    "// a restart is a fresh graph over the same store, as a new process would build.",
    'import { Command, CompiledStateGraph, MemorySaver } from "replaygraph";',
    "const store = new MemorySaver();",
    "let live = new CompiledStateGraph(graph.graphSpec, { checkpointer: store });",
    `const config = { configurable: { thread_id: "fuzz" }${options.observe ? ", observeSideEffects /* the one you passed to fuzzGraph */" : ""} };`,
    "const byId = (out: any, answers: unknown[]) => Object.fromEntries(out.__interrupt__.map((pending: { id: string }, i: number) => [pending.id, answers[i % answers.length]]));",
  ];
  let resumes = 0;
  for (const step of played) {
    switch (step.kind) {
      case "input":
        lines.push(`let out: any = await live.invoke(${show(step.input)}, config);`);
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

function show(value: unknown): string {
  if (value === undefined) return "undefined";
  const { json, meta } = superjson.serialize(value);
  return meta === undefined ? JSON.stringify(json) : `superjson.deserialize(${JSON.stringify({ json, meta })})`;
}
