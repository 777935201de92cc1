import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import type { EventStore } from "../../store/event-store.js";
import { CompiledStateGraph } from "../runtime/compiled-state-graph.js";
import { GraphModuleError } from "./cli-errors.js";
import { importGraphFile } from "./import-graph-file.js";
import { MissingPeerDependencyError } from "../errors/missing-peer-dependency-error.js";

/** A graph module as named on the command line: `<file>` or `<file>:<export>` (langgraph.json's form). */
export interface GraphModuleSpec {
  readonly file: string;
  readonly exportName: string | undefined;
}

/** Splits `<file>[:<export>]`; a drive letter (`C:\...`) is part of the file. */
export function parseGraphModuleSpec(text: string, exportFlag: string | undefined): GraphModuleSpec {
  const match = /^(.+?):([A-Za-z_$][\w$]*)$/.exec(text);
  const file = match && match[1]!.length > 1 ? match[1]! : text;
  const exportName = match && match[1]!.length > 1 ? match[2] : undefined;
  if (exportName !== undefined && exportFlag !== undefined && exportName !== exportFlag) {
    throw new GraphModuleError(text, `it names the export '${exportName}' and --export names '${exportFlag}'`);
  }
  return { file, exportName: exportName ?? exportFlag };
}

/**
 * Imports a graph module and returns its compiled graph bound to `store`. The export used is the
 * one named, else `default` when it is a compiled graph, else the module's only compiled graph. A
 * named export may also be a factory `(store) => compiledGraph`. Graphs compiled by another copy of
 * replaygraph are accepted by their shape and rebound with their own `withCheckpointer`.
 */
export async function loadGraphModule(spec: GraphModuleSpec, cwd: string, store: EventStore): Promise<LoadedGraphModule> {
  const path = isAbsolute(spec.file) ? spec.file : resolve(cwd, spec.file);
  const shown = spec.exportName ? `${spec.file}:${spec.exportName}` : spec.file;
  if (!existsSync(path)) throw new GraphModuleError(shown, `there is no file at ${path}`);
  let module: Record<string, unknown>;
  try {
    module = await importGraphFile(path);
  } catch (error) {
    if (error instanceof MissingPeerDependencyError) throw error;
    throw new GraphModuleError(shown, `importing it failed: ${(error as Error).message}`, { cause: error });
  }
  const exportName = pickExport(module, spec, shown);
  const candidate = module[exportName];
  const graph = typeof candidate === "function" && !isCompiledGraph(candidate) ? await callFactory(candidate, store, shown) : candidate;
  if (!isCompiledGraph(graph)) throw new GraphModuleError(shown, `its export '${spec.exportName ?? "default"}' is not a compiled graph`);
  return { graph: rebind(graph, store), exports: module, exportName };
}

/** A loaded graph module: its graph, bound to the store, and all its exports. */
export interface LoadedGraphModule {
  readonly graph: CompiledStateGraph;
  readonly exports: Readonly<Record<string, unknown>>;
  /** The export the graph came from (`default`, or the name used). */
  readonly exportName: string;
}

/** The export to use, by name (see loadGraphModule). */
function pickExport(module: Record<string, unknown>, spec: GraphModuleSpec, shown: string): string {
  if (spec.exportName !== undefined) {
    if (!(spec.exportName in module))
      throw new GraphModuleError(shown, `it has no export '${spec.exportName}' (its exports: ${Object.keys(module).join(", ") || "none"})`);
    return spec.exportName;
  }
  if (isCompiledGraph(module["default"])) return "default";
  const graphs = Object.entries(module).filter(([, value]) => isCompiledGraph(value));
  if (graphs.length === 1) return graphs[0]![0];
  if (graphs.length === 0)
    throw new GraphModuleError(shown, `it exports no compiled graph (its exports: ${Object.keys(module).join(", ") || "none"}; a factory must be named)`);
  throw new GraphModuleError(shown, `it exports ${graphs.length} compiled graphs (${graphs.map(([name]) => name).join(", ")}); pick one`);
}

async function callFactory(factory: Function, store: EventStore, shown: string): Promise<unknown> {
  try {
    return await (factory as (store: EventStore) => unknown)(store);
  } catch (error) {
    throw new GraphModuleError(shown, `calling its factory with the store failed: ${(error as Error).message}`, { cause: error });
  }
}

/** A compiled graph, from this copy of replaygraph or another one. */
export function isCompiledGraph(value: unknown): value is CompiledStateGraph {
  if (typeof value !== "object" || value === null) return false;
  const graph = value as { graphSpec?: { nodes?: unknown }; invoke?: unknown; getState?: unknown };
  return graph.graphSpec?.nodes instanceof Map && typeof graph.invoke === "function" && typeof graph.getState === "function";
}

function rebind(graph: CompiledStateGraph, store: EventStore): CompiledStateGraph {
  if (typeof graph.withCheckpointer === "function") return graph.withCheckpointer(store);
  return new CompiledStateGraph(graph.graphSpec, { checkpointer: store });
}
