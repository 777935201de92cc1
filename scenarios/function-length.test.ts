import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/** The longest a function in engine/ may be, in lines from its first token to its last. */
const maxLines = 60;

/**
 * Functions still over {@link maxLines}, each at most as long as it is today (in lines as the
 * formatter prints them): the list only shrinks (a function split below the limit must leave it,
 * one that grows fails the test).
 */
const allowed: Readonly<Record<string, number>> = {
  "engine/server/assistant-registry.ts createAssistantRegistry": 148,
  "engine/server/run-frame-translator.ts createFrameTranslator": 124,
  "engine/server/thread-catalog.ts createThreadCatalog": 127,
  "engine/server/run-streams.ts createRunStreams": 116,
};

const root = fileURLToPath(new URL("..", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

function isFunction(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessor(node) ||
    ts.isSetAccessor(node)
  );
}

/** Every function in engine/ (tests aside) over {@link maxLines}, keyed "file name", with its length. */
function longFunctions(): Map<string, number> {
  const long = new Map<string, number>();
  for (const path of sourceFiles(join(root, "engine"))) {
    const file = relative(root, path).split("\\").join("/");
    const source = ts.createSourceFile(file, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (isFunction(node)) {
        const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        const lines = last - first + 1;
        if (lines > maxLines) long.set(`${file} ${node.name?.getText(source) ?? `(anonymous at line ${first + 1})`}`, lines);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return long;
}

describe(`no function in engine/ over ${maxLines} lines`, () => {
  const long = longFunctions();

  it("has none beyond the allow-list, and none longer than it allows", () => {
    const over = [...long].filter(([key, lines]) => lines > (allowed[key] ?? maxLines)).map(([key, lines]) => `${key}: ${lines} lines`);
    expect(over, `Split these functions (${maxLines} lines at most), or shrink them back`).toEqual([]);
  });

  it("lists no function that is now short enough (remove it from the allow-list)", () => {
    const fixed = Object.keys(allowed).filter((key) => !long.has(key));
    expect(fixed).toEqual([]);
  });
});
