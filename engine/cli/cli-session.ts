import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import type { Writable } from "node:stream";
import type { EventStore } from "../../store/event-store.js";
import type { CompiledStateGraph } from "../runtime/compiled-state-graph.js";
import { loadGraphModule, parseGraphModuleSpec, type LoadedGraphModule } from "./load-graph-module.js";
import { defaultStoreSpec, openStore, parseStoreSpec, type StoreSpec } from "./open-store.js";
import type { ParsedArguments } from "./parse-arguments.js";
import { createProgressBar, silentProgressBar, type ProgressBar } from "./progress-bar.js";

/** Where the CLI reads and writes: the process's, or a test's. */
export interface CliIo {
  readonly stdout: Writable & { readonly isTTY?: boolean; readonly columns?: number };
  readonly stderr: Writable & { readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/**
 * One command's run: its arguments, its output, the store it opened (closed at the end) and its
 * progress bars. Progress bars draw on stderr when it is a terminal, or when --progress is given.
 */
export class CliSession {
  readonly #stores: EventStore[] = [];
  /** SQLite files this command created by opening a store: removed again if the command fails. */
  readonly #createdFiles: string[] = [];

  constructor(
    readonly args: ParsedArguments,
    readonly io: CliIo,
  ) {}

  /** The store named by --store, else REPLAYGRAPH_STORE, else the default SQLite file. */
  get storeSpec(): StoreSpec {
    return parseStoreSpec(this.args.string("store") ?? (this.io.env["REPLAYGRAPH_STORE"] || defaultStoreSpec), this.io.cwd);
  }

  /** Whether the store is the default one: neither --store nor REPLAYGRAPH_STORE named one. */
  get storeIsDefault(): boolean {
    return this.args.string("store") === undefined && !this.io.env["REPLAYGRAPH_STORE"];
  }

  /** Opens the store (once per call; all are closed when the command ends). */
  async openStore(options: { readonly create: boolean }): Promise<EventStore> {
    const spec = this.storeSpec;
    const creates = spec.kind === "sqlite" && options.create && !existsSync(spec.location);
    const store = await openStore(spec, options);
    if (creates) this.#createdFiles.push(spec.location);
    this.#stores.push(store);
    return store;
  }

  /** The width a table row may take: the terminal's (or $COLUMNS), none when the output is not a terminal. */
  get width(): number | undefined {
    const columns = Number(this.io.env["COLUMNS"]);
    if (Number.isSafeInteger(columns) && columns > 0) return columns;
    return this.io.stdout.isTTY === true ? this.io.stdout.columns : undefined;
  }

  /** Loads the graph module named by `text` (`<file>[:<export>]`, or --export) bound to `store`. */
  async loadGraph(text: string, store: EventStore): Promise<CompiledStateGraph> {
    return (await this.loadGraphModule(text, store)).graph;
  }

  /** {@link loadGraph}, with the module's other exports. */
  loadGraphModule(text: string, store: EventStore): Promise<LoadedGraphModule> {
    return loadGraphModule(parseGraphModuleSpec(text, this.args.string("export")), this.io.cwd, store);
  }

  /** A progress bar on stderr, or a silent one when progress is not shown. */
  progress(label: string, unit: string): ProgressBar {
    const shown = this.args.boolean("progress") ?? this.io.stderr.isTTY === true;
    return shown ? createProgressBar(this.io.stderr, label, unit) : silentProgressBar;
  }

  /** Writes a line to stdout, waiting when the reader is slow. */
  async print(line = ""): Promise<void> {
    if (!this.io.stdout.write(`${line}\n`)) await new Promise<void>((resolve) => this.io.stdout.once("drain", resolve));
  }

  /** Writes a table row, cut to {@link width} with an ellipsis when it is wider. */
  printRow(line: string): Promise<void> {
    const width = this.width;
    return this.print(width !== undefined && line.length > width ? `${line.slice(0, Math.max(1, width - 1))}…` : line);
  }

  /** Closes every store this session opened; after a failed command, removes the SQLite files it created, so nothing is left of it. */
  async close(options: { readonly failed?: boolean } = {}): Promise<void> {
    for (const store of this.#stores.splice(0)) await store.close().catch(() => undefined);
    if (options.failed) {
      for (const file of this.#createdFiles.splice(0)) for (const suffix of ["", "-wal", "-shm"]) await rm(`${file}${suffix}`, { force: true });
    }
  }
}
