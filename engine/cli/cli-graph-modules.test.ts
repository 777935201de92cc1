import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotBuiltCli, type BuiltCli } from "./testing/built-cli.js";

/**
 * Issue 21: the CLI loads a graph module in every form a LangGraph project writes one, as
 * LangGraph's CLI loads `langgraph.json` graphs: an ES module, a CommonJS module, a `.js` file with
 * `import` syntax in a CommonJS project (no `"type": "module"`), and TypeScript.
 */
const graphBody = (builder: string) => `
const State = Annotation.Root({ topic: Annotation(), answer: Annotation() });
${builder} new StateGraph(State).addNode("ask", (state) => ({ answer: interrupt({ question: "ok?", topic: state.topic }) })).addEdge(START, "ask").addEdge("ask", END).compile();
`;

let cli: BuiltCli;
let commonJsProject: string;
beforeAll(async () => {
  cli = await snapshotBuiltCli();
  await mkdir(join(cli.root, "graphs"), { recursive: true });
  await writeFile(
    join(cli.root, "graphs", "ask.cjs"),
    `const { Annotation, END, START, StateGraph, interrupt } = require("replaygraph");\n${graphBody("module.exports.ask =")}`,
  );
  // A project's own tsconfig.json (tsx reads the nearest one; the checkout's maps "replaygraph" to its sources).
  await writeFile(join(cli.root, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true } }));
  await writeFile(
    join(cli.root, "graphs", "ask.ts"),
    `import { Annotation, END, START, StateGraph, interrupt } from "replaygraph";\nconst State = Annotation.Root({ topic: Annotation<string>(), answer: Annotation<unknown>() });\nexport const ask = new StateGraph(State).addNode("ask", (state: typeof State.State) => ({ answer: interrupt({ question: "ok?", topic: state.topic }) })).addEdge(START, "ask").addEdge("ask", END).compile();\n`,
  );
  // A project of its own, without "type": "module", that depends on replaygraph (linked to the copy).
  commonJsProject = join(cli.root, "cjs-project");
  await mkdir(join(commonJsProject, "node_modules"), { recursive: true });
  await writeFile(join(commonJsProject, "package.json"), JSON.stringify({ name: "cjs-project", private: true }));
  await symlink(cli.root, join(commonJsProject, "node_modules", "replaygraph"), "dir");
  await writeFile(
    join(commonJsProject, "graphs.js"),
    `import { Annotation, END, START, StateGraph, interrupt } from "replaygraph";\n${graphBody("export const ask =")}`,
  );
  await writeFile(
    join(commonJsProject, "required.js"),
    `const { Annotation, END, START, StateGraph, interrupt } = require("replaygraph");\n${graphBody("exports.ask =")}`,
  );
}, 180_000);
afterAll(() => cli?.cleanup());

describe("graph modules in every form (issue 21)", () => {
  it.each([
    ["a CommonJS module (.cjs, module.exports)", "graphs/ask.cjs:ask", undefined],
    ["a TypeScript module (.ts, through tsx)", "graphs/ask.ts:ask", undefined],
    ["a .js file with import syntax in a CommonJS project", "graphs.js:ask", "cjs"],
    ["a .js CommonJS file in a CommonJS project", "required.js", "cjs"],
  ] as const)("%s loads and fuzzes", async (_, spec, where) => {
    const { code, stdout, stderr } = await cli.run(["fuzz", spec, "--runs", "5", "--seed", "1"], where ? { cwd: commonJsProject } : {});
    expect({ code, stdout: stdout.trim(), stderr }).toEqual({
      code: 0,
      stdout: "fuzzGraph: no replay rule broken in 5 generated case(s), seed 1.",
      stderr: "",
    });
  });
});
