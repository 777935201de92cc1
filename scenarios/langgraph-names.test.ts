import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as langgraph from "@langchain/langgraph";
import * as replaygraph from "replaygraph";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const langgraphDist = join(dirname(createRequire(import.meta.url).resolve("@langchain/langgraph")), ".");

/** The names of the last `export { ... }` of a .d.ts file (aliases by their exported name). */
function exportedNames(file: string): string[] {
  const text = readFileSync(join(langgraphDist, file), "utf8");
  const blocks = [...text.matchAll(/export \{([^}]*)\};/g)];
  return blocks
    .at(-1)![1]!
    .split(",")
    .map((part) =>
      part
        .trim()
        .replace(/^type /, "")
        .split(" as ")
        .at(-1)!
        .trim(),
    );
}

interface Row {
  readonly name: string;
  readonly kind: "value" | "type";
  readonly here: string;
}

function rowsOfTable(): Row[] {
  const lines = readFileSync(join(root, "LANGGRAPH-NAMES.md"), "utf8").split("\n");
  return lines
    .filter((line) => line.startsWith("| `"))
    .map((line) => {
      const [, name, kind, here] = line.split("|").map((cell) => cell.trim());
      return { name: name!.replaceAll("`", ""), kind: kind as Row["kind"], here: here! };
    });
}

const library = replaygraph as unknown as Record<string, unknown>;

/** What using a stub throws (reading a property no module loader reads). */
function useOf(value: unknown): unknown {
  try {
    return (value as { __proto__: unknown }).__proto__ && "used";
  } catch (error) {
    return error;
  }
}

describe("LANGGRAPH-NAMES.md: every LangGraph export, and what it is here", () => {
  const rows = rowsOfTable();
  const byName = new Map(rows.map((row) => [row.name, row]));

  it("lists each of LangGraph's exports (index.d.ts and web.d.ts) exactly once, with its kind", () => {
    const names = exportedNames("index.d.ts");
    expect(new Set(exportedNames("web.d.ts"))).toEqual(new Set(names));
    expect(rows.map((row) => row.name).sort()).toEqual([...names].sort());
    const values = new Set(Object.keys(langgraph));
    for (const row of rows) expect([row.name, row.kind]).toEqual([row.name, values.has(row.name) ? "value" : "type"]);
  });

  it("every LangGraph value is importable from replaygraph: exported, or a stub", () => {
    const missing = rows.filter((row) => row.kind === "value" && !(row.name in library)).map((row) => row.name);
    expect(missing).toEqual([]);
  });

  it("a stub throws NotSupportedError naming itself and saying what to use instead; an exported value is real", () => {
    for (const row of rows.filter((r) => r.kind === "value" && r.name in library)) {
      const used = useOf(library[row.name]);
      if (row.here === "NotSupported stub") {
        expect(used, row.name).toBeInstanceOf(replaygraph.NotSupportedError);
        expect((used as InstanceType<typeof replaygraph.NotSupportedError>).feature).toBe(row.name);
        expect((used as Error).message).toMatch(new RegExp(`^${row.name} from @langchain/langgraph is not supported by replaygraph yet\\. \\S`));
      } else {
        expect([row.name, row.here, used]).toEqual([row.name, "exported", "used"]);
      }
    }
    // Called and constructed, a stub throws the same; importing and testing with instanceof does not.
    expect(() => (replaygraph.copyCheckpoint as unknown as () => void)()).toThrow(replaygraph.NotSupportedError);
    expect(() => new (replaygraph.AsyncBatchedStore as unknown as new () => object)()).toThrow(/AsyncBatchedStore from @langchain\/langgraph is not supported/);
    expect(new Error("x") instanceof replaygraph.NodeError).toBe(false);
  });

  it("names replaygraph exports beyond its own are in the table as exported", () => {
    for (const name of ["isInterrupted", "NodeInterrupt", "EmptyInputError", "GraphValueError", "getConfig", "getWriter", "getCurrentTaskInput", "interrupt"]) {
      expect(byName.get(name)?.here, name).toBe("exported");
    }
  });
});
