/**
 * The code blocks of a Markdown document and what the document says about each. A ```js or ```ts
 * block is preceded by one of (an HTML comment, not rendered):
 *
 * - `<!-- run -->`: a complete program;
 * - `<!-- run after docs/examples/<file> -->`: a fragment of the complete program that file begins
 *   (it defines what the fragment uses: `builder`, `store`, `db`, ...);
 * - `<!-- not run: <reason> -->`: a block that cannot run here (it needs a model key or a server).
 *
 * A line of a block ending in `// → <text>` says the program prints `<text>` there; a program's
 * expected output is those texts in order.
 */
export interface DocBlock {
  readonly document: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly language: "js" | "ts";
  readonly code: string;
  readonly directive: { kind: "run"; after?: string } | { kind: "not run"; reason: string } | { kind: "missing" };
  readonly expectedOutput: readonly string[];
}

const fence = /^```(\w*)\s*$/;
const directivePattern = /^<!--\s*(run(?:\s+after\s+(\S+))?|not run:\s*(.+?))\s*-->\s*$/;
const outputPattern = /\/\/ → (.*)$/;

export function docBlocks(document: string, markdown: string): DocBlock[] {
  const lines = markdown.split("\n");
  const blocks: DocBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = fence.exec(lines[index]!);
    if (!open) continue;
    const end = lines.findIndex((line, at) => at > index && /^```\s*$/.test(line));
    if (end < 0) throw new Error(`${document}:${index + 1}: a code block is never closed`);
    const language = open[1];
    if (language === "js" || language === "ts") {
      const code = lines.slice(index + 1, end).join("\n") + "\n";
      blocks.push({
        document,
        line: index + 1,
        language,
        code,
        directive: directiveBefore(lines, index),
        expectedOutput: code.split("\n").flatMap((line) => outputPattern.exec(line)?.[1]?.trimEnd() ?? []),
      });
    }
    index = end;
  }
  return blocks;
}

function directiveBefore(lines: readonly string[], fenceIndex: number): DocBlock["directive"] {
  let at = fenceIndex - 1;
  while (at >= 0 && lines[at]!.trim() === "") at--;
  const match = at >= 0 ? directivePattern.exec(lines[at]!.trim()) : null;
  if (!match) return { kind: "missing" };
  if (match[3] !== undefined) return { kind: "not run", reason: match[3] };
  return match[2] === undefined ? { kind: "run" } : { kind: "run", after: match[2] };
}

/**
 * The same program as CommonJS: its `import` declarations become `require()` calls and the rest
 * runs in an async function (CommonJS has no top-level `await`). Handles the forms documentation
 * uses: named imports (with `as`), namespace imports, and side-effect imports.
 */
export function toCommonJs(program: string): string {
  const requires: string[] = [];
  const body = program.replace(/^import\s+([\s\S]*?)\s+from\s+("[^"]+"|'[^']+');?[ \t]*$/gm, (_, clause: string, specifier: string) => {
    const trimmed = clause.trim();
    if (trimmed.startsWith("type ")) return "";
    if (trimmed.startsWith("* as ")) requires.push(`const ${trimmed.slice(5).trim()} = require(${specifier});`);
    else if (trimmed.startsWith("{")) requires.push(`const ${trimmed.replace(/\btype\s+\w+\s*,?/g, "").replace(/\s+as\s+/g, ": ")} = require(${specifier});`);
    else throw new Error(`toCommonJs: default imports are not handled ('import ${trimmed} from ${specifier}')`);
    return "";
  });
  return `${requires.join("\n")}\n(async () => {\n${body}\n})().catch((error) => {\n  console.error(error);\n  process.exitCode = 1;\n});\n`;
}

const importDeclaration = /^import\s+([\s\S]*?)\s+from\s+("[^"]+"|'[^']+');?[ \t]*$/gm;

/**
 * A fragment placed after the program that defines what it uses: the import declarations of both
 * are merged (a name both import is imported once), then the prelude's statements, then the
 * fragment's.
 */
export function joinPrograms(prelude: string, fragment: string): string {
  const named = new Map<string, Set<string>>();
  const others: string[] = [];
  const strip = (program: string) =>
    program.replace(importDeclaration, (declaration: string, clause: string, specifier: string) => {
      const trimmed = clause.trim();
      if (trimmed.startsWith("{")) {
        const names = named.get(specifier) ?? new Set<string>();
        for (const name of trimmed.slice(1, -1).split(",")) if (name.trim()) names.add(name.trim());
        named.set(specifier, names);
      } else if (!others.includes(declaration.trim())) others.push(declaration.trim());
      return "";
    });
  const preludeBody = strip(prelude);
  const fragmentBody = strip(fragment);
  const imports = [...others, ...[...named].map(([specifier, names]) => `import { ${[...names].join(", ")} } from ${specifier};`)];
  return `${imports.join("\n")}\n${preludeBody.trim()}\n\n${fragmentBody.trim()}\n`;
}
