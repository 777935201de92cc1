import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// scenarios/langgraph-types/program.ts is written against LangGraph with the names its users
// import. `tsc --strict` must accept it against @langchain/langgraph and against replaygraph
// (the import mapped to engine/index.ts, as if the user had changed it), and must refuse the
// same program with a wrong signature or a wrong name, on both.

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const run = promisify(execFile);

let dir: string;
let program: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "replaygraph-types-"));
  program = await readFile(join(root, "scenarios", "langgraph-types", "program.ts"), "utf8");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const variants = {
  "as-written": (source: string) => source,
  // The answer type first: the order replaygraph had before, and LangGraph never had.
  "wrong-order": (source: string) => source.replace("interrupt<Review, boolean>(", "interrupt<boolean, Review>("),
  "wrong-name": (source: string) => source.replace("  isInterrupted,\n", "  isInterruptedd,\n"),
};
type Variant = keyof typeof variants;

/**
 * Type-checks every variant of the program against one library, in one tsc run (files placed
 * beside program.ts, so they resolve packages from this repo), and returns each file's errors.
 */
async function typeCheck(library: "langgraph" | "replaygraph"): Promise<Record<Variant, string[]>> {
  const files = {} as Record<Variant, string>;
  for (const [variant, make] of Object.entries(variants) as [Variant, (source: string) => string][]) {
    const source = make(program);
    if (variant !== "as-written") expect(source, variant).not.toBe(program);
    files[variant] = join(root, "scenarios", "langgraph-types", `.${variant}-${library}.generated.ts`);
    await writeFile(files[variant], source);
  }
  const config = join(dir, `${library}.tsconfig.json`);
  const compilerOptions = {
    target: "ES2022",
    lib: ["ES2023"],
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
    typeRoots: [join(root, "node_modules", "@types")],
    ...(library === "replaygraph" ? { baseUrl: root, paths: { "@langchain/langgraph": ["./engine/index.ts"] } } : {}),
  };
  await writeFile(config, JSON.stringify({ compilerOptions, files: Object.values(files) }));
  let output = "";
  try {
    await run(process.execPath, [tsc, "-p", config, "--pretty", "false"], { cwd: root });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? error);
  } finally {
    for (const file of Object.values(files)) await rm(file, { force: true });
  }
  const lines = output.split("\n").filter((line) => line.includes("error TS"));
  const errors = {} as Record<Variant, string[]>;
  for (const variant of Object.keys(variants) as Variant[]) errors[variant] = lines.filter((line) => line.includes(`.${variant}-${library}.generated.ts`));
  return errors;
}

describe("a strict TypeScript program using LangGraph's names compiles against both libraries", () => {
  it.each(["langgraph", "replaygraph"] as const)(
    "against %s: the program compiles; with the answer type first, or a misspelled name, it does not",
    async (library) => {
      const errors = await typeCheck(library);
      expect(errors["as-written"]).toEqual([]);
      expect(errors["wrong-order"].join("\n")).toMatch(
        /error TS2345: Argument of type '\{ question: string; draft: string; \}' is not assignable to parameter of type 'boolean'/,
      );
      expect(errors["wrong-name"].join("\n")).toMatch(/has no exported member named 'isInterruptedd'/);
    },
    120_000,
  );
});
