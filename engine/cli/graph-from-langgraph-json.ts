import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { InvalidLangGraphJsonError } from "./cli-errors.js";

/**
 * The graph module `langgraph.json` (in `cwd`) maps a graph name to, as `<file>[:<export>]` with
 * the file resolved against the config's folder; undefined when there is no such file or entry.
 * The file's shape is LangGraph's: `{ "graphs": { "agent": "./src/agent.js:graph" } }`.
 */
export function graphFromLangGraphJson(cwd: string, graphName: string): string | undefined {
  const config = join(cwd, "langgraph.json");
  if (!existsSync(config)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(config, "utf8"));
  } catch (error) {
    throw new InvalidLangGraphJsonError(config, `it is not JSON (${(error as Error).message})`, { cause: error });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new InvalidLangGraphJsonError(config, "it is not a JSON object");
  const graphs = (parsed as { graphs?: unknown }).graphs;
  if (graphs !== undefined && (typeof graphs !== "object" || graphs === null || Array.isArray(graphs)))
    throw new InvalidLangGraphJsonError(config, `its "graphs" is not an object of graph names to modules`);
  const entry = (graphs as Record<string, unknown> | undefined)?.[graphName];
  if (typeof entry !== "string") return undefined;
  const [file, exportName] = entry.split(/:(?=[A-Za-z_$][\w$]*$)/);
  return `${resolve(dirname(config), file!)}${exportName ? `:${exportName}` : ""}`;
}
