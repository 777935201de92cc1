import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// scenarios/zod-state-types/program.ts builds zod-state graphs with LangGraph's names and checks
// the node input and update types LangGraph infers (type equalities, and `@ts-expect-error` on
// each update a node may not return). `tsc --strict` must accept it against @langchain/langgraph
// and against replaygraph (imports mapped to engine/, as if the user had changed them); a variant
// that expects a wrong type must be refused by both.

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const run = promisify(execFile);

let dir: string;
let program: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "replaygraph-zod-types-"));
  program = await readFile(join(root, "scenarios", "zod-state-types", "program.ts"), "utf8");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const variants = {
  "as-written": (source: string) => source,
  // The state's topic is a string, not a number: the equality check must fail.
  "wrong-type": (source: string) => source.replace("assertType<Equals<typeof state.topic, string>>();", "assertType<Equals<typeof state.topic, number>>();"),
};
type Variant = keyof typeof variants;

async function typeCheck(library: "langgraph" | "replaygraph"): Promise<Record<Variant, string[]>> {
  const files = {} as Record<Variant, string>;
  for (const [variant, make] of Object.entries(variants) as [Variant, (source: string) => string][]) {
    const source = make(program);
    if (variant !== "as-written") expect(source, variant).not.toBe(program);
    files[variant] = join(root, "scenarios", "zod-state-types", `.${variant}-${library}.generated.ts`);
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
    ...(library === "replaygraph"
      ? { baseUrl: root, paths: { "@langchain/langgraph": ["./engine/index.ts"], "@langchain/langgraph/zod": ["./engine/zod/index.ts"] } }
      : {}),
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

describe("zod state types: new StateGraph(zodSchema) infers node inputs and updates as LangGraph does", () => {
  it.each(["langgraph", "replaygraph"] as const)(
    "against %s: the program compiles (every @ts-expect-error is an error); a wrong expected type does not",
    async (library) => {
      const errors = await typeCheck(library);
      expect(errors["as-written"]).toEqual([]);
      expect(errors["wrong-type"].join("\n")).toMatch(/error TS2344: Type 'false' does not satisfy the constraint 'true'/);
    },
    180_000,
  );
});
