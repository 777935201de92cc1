import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The graph module `langgraph.json` (in `cwd`) maps a graph name to, as `<file>[:<export>]` with
 * the file resolved against the config's folder; undefined when there is no such file or entry.
 * The file's shape is LangGraph's: `{ "graphs": { "agent": "./src/agent.js:graph" } }`.
 */
export function graphFromLangGraphJson(cwd: string, graphName: string): string | undefined {
  const config = join(cwd, "langgraph.json");
  if (!existsSync(config)) return undefined;
  const parsed = JSON.parse(readFileSync(config, "utf8")) as { graphs?: Record<string, unknown> };
  const entry = parsed.graphs?.[graphName];
  if (typeof entry !== "string") return undefined;
  const [file, exportName] = entry.split(/:(?=[A-Za-z_$][\w$]*$)/);
  return `${resolve(dirname(config), file!)}${exportName ? `:${exportName}` : ""}`;
}
