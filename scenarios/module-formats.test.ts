import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installPackedPackage, repositoryRoot, type PackedPackage } from "./testing/packed-package.js";

/**
 * Issue 21: a CommonJS project uses replaygraph as an ES-module one does. `require()` of every
 * entry point loads the one ES-module build (Node 20.19's require of ES modules), so a class
 * required in one file and imported in another is the same class.
 */
let packed: PackedPackage;
const manifest = JSON.parse(await readFile(join(repositoryRoot, "package.json"), "utf8")) as { exports: Record<string, unknown> };
const entryPoints = Object.keys(manifest.exports)
  .filter((key) => key !== "./package.json")
  .map((key) => key.replace(/^\./, "replaygraph"));

beforeAll(async () => {
  packed = await installPackedPackage({ type: "commonjs", links: ["@langchain/core", "zod", "fast-check", "@types/node", "pg", "@eventstore/db-client"] });
}, 300_000);
afterAll(async () => packed?.cleanup());

describe("module formats (issue 21)", () => {
  it("npm install of the tarball prints no warning a user must act on", () => {
    expect(packed.installWarnings.split("\n").filter((line) => /warn|deprecated|vulnerab/i.test(line))).toEqual([]);
  });

  it("require() loads every entry point in a CommonJS project, without a warning", { timeout: 60_000 }, async () => {
    await writeFile(
      join(packed.app, "require-all.js"),
      `for (const name of ${JSON.stringify(entryPoints)}) console.log(name, Object.keys(require(name)).length > 0);`,
    );
    const { stdout, stderr } = await packed.node("require-all.js");
    expect(stdout.trim().split("\n")).toEqual(entryPoints.map((name) => `${name} true`));
    expect(stderr).toBe("");
  });

  it("a required class and an imported one are the same class", { timeout: 60_000 }, async () => {
    await writeFile(join(packed.app, "same-class.js"), `import("replaygraph").then((esm) => console.log(esm.Command === require("replaygraph").Command));`);
    expect((await packed.node("same-class.js")).stdout.trim()).toBe("true");
  });

  it("a TypeScript CommonJS project type-checks its imports under strict", { timeout: 120_000 }, async () => {
    await writeFile(
      join(packed.app, "program.ts"),
      `import { Annotation, Command, isInterrupted, MemorySaver, START, StateGraph, interrupt } from "replaygraph";
       import { SqliteEventStore } from "replaygraph/sqlite";
       const graph = new StateGraph(Annotation.Root({ approved: Annotation<boolean>() }))
         .addNode("ask", () => ({ approved: interrupt<string, boolean>("Approve?") }))
         .addEdge(START, "ask")
         .compile({ checkpointer: new MemorySaver() });
       export async function main(): Promise<boolean | undefined> {
         const config = { configurable: { thread_id: "t" } };
         const paused = await graph.invoke({}, config);
         if (isInterrupted<string>(paused)) paused.__interrupt__[0]?.value.toUpperCase();
         void SqliteEventStore;
         return (await graph.invoke(new Command<boolean>({ resume: true }), config)).approved;
       }`,
    );
    await writeFile(
      join(packed.app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          outDir: "out",
          skipLibCheck: true,
          types: ["node"],
        },
        files: ["program.ts"],
      }),
    );
    await packed.exec("tsc", ["-p", "tsconfig.json"]);
    await writeFile(join(packed.app, "run.js"), `require("./out/program.js").main().then((approved) => console.log(approved));`);
    expect((await packed.node("run.js")).stdout.trim()).toBe("true");
  });
});
