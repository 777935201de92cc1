import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/**
 * Node module customization hooks (`module.register`) for the graph modules the CLI loads: a `.js`
 * file of a CommonJS project (no `"type": "module"`) written with `import` / `export` is loaded as
 * an ES module instead of failing with "Cannot use import statement outside a module", as
 * LangGraph's CLI loads the `langgraph.json` graphs of such projects. Files under `node_modules`
 * are left to Node. A file is an ES module when a line starts with an `import` or `export`
 * declaration (what Node 22's module syntax detection decides by parsing).
 */
export async function load(
  url: string,
  context: { format?: string | null | undefined },
  nextLoad: (url: string, context: object) => Promise<{ format?: string | null | undefined; source?: unknown }>,
): Promise<{ format?: string | null | undefined; source?: unknown; shortCircuit?: boolean }> {
  // Decided before Node's own loader: Node 20.19 detects the syntax too, but warns
  // (MODULE_TYPELESS_PACKAGE_JSON) on every such file, a warning about the user's project.
  if (url.startsWith("file:") && url.endsWith(".js") && !url.includes("/node_modules/") && context.format !== "module") {
    const source = await readFile(fileURLToPath(url), "utf8");
    if (hasModuleSyntax(source)) return { format: "module", source, shortCircuit: true };
  }
  return nextLoad(url, context);
}

export function hasModuleSyntax(source: string): boolean {
  return /^\s*(import\s*[\w{*"'$]|export\s+(\{|\*|default\b|const\b|let\b|var\b|function\b|async\b|class\b))/m.test(source);
}
