import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docBlocks, joinPrograms, toCommonJs, type DocBlock } from "./testing/doc-blocks.js";
import { installPackedPackage, repositoryRoot, type PackedPackage } from "./testing/packed-package.js";

/**
 * Issue 21's executable documentation: every ```js and ```ts block of the README and of docs/ is
 * run as a user would run it, from the packed tarball installed into an empty project: as an ES
 * module, as CommonJS (js blocks), and type-checked as TypeScript under `strict`; what it prints
 * must be what the block shows (`// → <text>`). A README that lies fails here.
 */
const documents = [
  "README.md",
  ...(existsSync(join(repositoryRoot, "docs"))
    ? (await readdir(join(repositoryRoot, "docs"))).filter((file) => file.endsWith(".md")).map((file) => `docs/${file}`)
    : []),
];
const blocks = (await Promise.all(documents.map(async (document) => docBlocks(document, await readFile(join(repositoryRoot, document), "utf8"))))).flat();
const runnable = blocks.filter((block) => block.directive.kind === "run");
const label = (block: DocBlock) => `${block.document}:${block.line}`;
const slug = (block: DocBlock) => `${block.document.replace(/\W+/g, "-")}-${block.line}`;

let packed: PackedPackage;
let typeErrors: string;

/** The complete program a block is, or is a fragment of. */
async function programOf(block: DocBlock): Promise<string> {
  if (block.directive.kind !== "run" || block.directive.after === undefined) return block.code;
  return joinPrograms(await readFile(join(repositoryRoot, block.directive.after), "utf8"), block.code);
}

/** Runs `program` in a folder of its own and says how its output differs from what the block shows. */
async function check(block: DocBlock, program: string, format: "esm" | "cjs"): Promise<{ ok: true } | { ok: false; reason: string }> {
  const folder = join(packed.app, format, slug(block));
  await mkdir(folder, { recursive: true });
  const file = join(folder, block.language === "ts" ? "program.mts" : format === "esm" ? "program.mjs" : "program.cjs");
  await writeFile(file, format === "esm" ? program : toCommonJs(program));
  const command = block.language === "ts" ? "tsx" : "node";
  const result = await packed.exec(command, [file], folder).then(
    (output) => ({ ok: true as const, ...output }),
    (error: { stdout?: string; stderr?: string; message: string }) => ({
      ok: false as const,
      stdout: error.stdout ?? "",
      stderr: error.stderr ?? error.message,
    }),
  );
  if (!result.ok) return { ok: false, reason: `it failed:\n${result.stderr}` };
  if (block.expectedOutput.length === 0) return { ok: true };
  const printed = result.stdout
    .trimEnd()
    .split("\n")
    .map((line) => line.trimEnd());
  if (JSON.stringify(printed) === JSON.stringify(block.expectedOutput)) return { ok: true };
  return { ok: false, reason: `it printed ${JSON.stringify(printed)}, the block shows ${JSON.stringify(block.expectedOutput)}` };
}

beforeAll(async () => {
  packed = await installPackedPackage({ type: "module", links: ["@langchain/core", "zod", "fast-check", "@langchain/langgraph-sdk", "@types/node"] });
  await mkdir(join(packed.app, "cjs"));
  await writeFile(join(packed.app, "cjs", "package.json"), JSON.stringify({ type: "commonjs" }));
  // Every runnable block as a TypeScript file, checked in one compiler run under `strict`.
  await mkdir(join(packed.app, "ts"));
  for (const block of runnable) await writeFile(join(packed.app, "ts", `${slug(block)}.mts`), await programOf(block));
  await writeFile(
    join(packed.app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { strict: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", noEmit: true, skipLibCheck: true, types: ["node"] },
      include: ["ts"],
    }),
  );
  typeErrors = await packed.exec("tsc", ["-p", "tsconfig.json"]).then(
    () => "",
    (error: { stdout?: string }) => error.stdout ?? "",
  );
}, 300_000);
afterAll(async () => packed?.cleanup());

describe("the documentation runs as written (issue 21)", () => {
  it("every js and ts block says whether it runs, and why not when it does not", () => {
    const unmarked = blocks.filter((block) => block.directive.kind === "missing").map(label);
    expect(unmarked).toEqual([]);
    expect(runnable.length).toBeGreaterThan(5);
  });

  it.each(runnable.map((block) => ({ at: label(block), block })))(
    "$at runs as an ES module and prints what it shows",
    { timeout: 60_000 },
    async ({ block }) => {
      expect(await check(block, await programOf(block), "esm")).toEqual({ ok: true });
    },
  );

  it.each(runnable.filter((block) => block.language === "js").map((block) => ({ at: label(block), block })))(
    "$at runs as CommonJS and prints what it shows",
    { timeout: 60_000 },
    async ({ block }) => {
      expect(await check(block, await programOf(block), "cjs")).toEqual({ ok: true });
    },
  );

  it.each(runnable.map((block) => ({ at: label(block), block })))("$at type-checks as TypeScript under strict", ({ block }) => {
    const errors = typeErrors.split("\n").filter((line) => line.startsWith(`ts/${slug(block)}.mts`));
    expect(errors).toEqual([]);
  });

  it("a block that lies about its output, or uses what it never defines, fails", { timeout: 60_000 }, async () => {
    const first = runnable.find((block) => block.expectedOutput.length > 0 && block.directive.kind === "run" && block.directive.after === undefined)!;
    const lying = { ...first, expectedOutput: [...first.expectedOutput.slice(0, -1), "something else"] };
    expect(await check(lying, first.code, "esm")).toMatchObject({ ok: false, reason: expect.stringContaining("something else") });
    const undefinedName = first.code.replace(/^import .*\n/m, "");
    expect(await check(first, undefinedName, "esm")).toMatchObject({ ok: false, reason: expect.stringMatching(/ReferenceError|is not defined/) });
  });
});
