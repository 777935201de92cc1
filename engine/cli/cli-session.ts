import type { Writable } from "node:stream";
import type { EventStore } from "../../store/event-store.js";
import type { CompiledStateGraph } from "../runtime/compiled-state-graph.js";
import { loadGraphModule, parseGraphModuleSpec, type LoadedGraphModule } from "./load-graph-module.js";
import { defaultStoreSpec, openStore, parseStoreSpec, type StoreSpec } from "./open-store.js";
import type { ParsedArguments } from "./parse-arguments.js";
import { createProgressBar, silentProgressBar, type ProgressBar } from "./progress-bar.js";

/** Where the CLI reads and writes: the process's, or a test's. */
export interface CliIo {
  readonly stdout: Writable;
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

  constructor(
    readonly args: ParsedArguments,
    readonly io: CliIo,
  ) {}

  /** The store named by --store, else REPLAYGRAPH_STORE, else the default SQLite file. */
  get storeSpec(): StoreSpec {
    return parseStoreSpec(this.args.string("store") ?? (this.io.env["REPLAYGRAPH_STORE"] || defaultStoreSpec), this.io.cwd);
  }

  /** Opens the store (once per call; all are closed when the command ends). */
  async openStore(options: { readonly create: boolean }): Promise<EventStore> {
    const store = await openStore(this.storeSpec, options);
    this.#stores.push(store);
    return store;
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

  /** Closes every store this session opened. */
  async close(): Promise<void> {
    for (const store of this.#stores.splice(0)) await store.close().catch(() => undefined);
  }
}
